// BIRD 2 (Debian's bird2) as a real peer: a bird daemon of the test's with a private
// configuration and control socket, in a network namespace of its own, and birdcl as the
// ForceCommand of a test sshd.
#pragma once

#include <memory>
#include <string>

#include <vty/options.hpp>

#include "support/child_process.hpp"
#include "support/sshd.hpp"

namespace vty::test {

class Bird {
 public:
  static constexpr int static_routes = 40;
  // Why bird cannot run here ("" when it can).
  static std::string unavailable();

  Bird();  // returns once the control socket answers; throws with bird's output if not
  ~Bird();
  Bird(const Bird&) = delete;
  Bird& operator=(const Bird&) = delete;

  // birdcl on this daemon's socket, for an sshd's ForceCommand.
  std::string birdcl_command() const;
  std::string log() const;

 private:
  TempDir dir_;
  std::unique_ptr<ChildProcess> daemon_;
};

// Bird with birdcl behind a test sshd; options() reach it with platform "bird".
class BirdOverSsh {
 public:
  BirdOverSsh();
  Options options(const std::string& transport) const;
  Bird& bird() { return bird_; }

 private:
  Bird bird_;
  std::unique_ptr<Sshd> sshd_;
};

}  // namespace vty::test
