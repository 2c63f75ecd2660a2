// The floor's SSH session, straight on libssh's blocking API: no prompt engine, no
// platform, a suffix check for the prompt. vty-bench-floor times it; vty-bench uses it to
// read the reference copy of a `big` answer (what the device sent, counted without vty).
#pragma once

#include <libssh/libssh.h>

#include <cstddef>
#include <string>

#include "harness.hpp"

namespace vty::bench {

class RawSession {
 public:
  // Connects, logs in (the key of args.key, else the password), opens a shell on a pty,
  // enables with the secondary password when the first prompt ends in '>', and turns
  // paging off. Throws std::runtime_error.
  RawSession(const BenchArgs& args, const Target& target);
  ~RawSession();
  RawSession(const RawSession&) = delete;
  RawSession& operator=(const RawSession&) = delete;

  // Sends a command, gives everything up to and including the next prompt.
  std::string send(const std::string& command);
  // Sends a command and counts its output's bytes as body_bytes would, keeping only the
  // last line (bounded memory, whatever the size of the answer).
  std::size_t send_counting(const std::string& command);
  void close();

 private:
  void check(int rc, const char* what);
  void write(const std::string& bytes);
  template <typename Done>
  std::string read_until(Done done);
  std::string read_until_prompt();

  ssh_session ssh_;
  ssh_channel channel_ = nullptr;
};

// The bytes of a command's output in what RawSession::send gave: what lies between the
// echoed command line and the prompt line, with "\r\n" counted as one byte and the last
// newline dropped, as vty reports it.
std::size_t body_bytes(const std::string& answer);

// The reference count for `command`'s output: one RawSession to `target`, the command
// sent once, its bytes counted by send_counting. Throws std::runtime_error.
std::size_t reference_bytes(const BenchArgs& args, const Target& target,
                            const std::string& command);

// "libssh 0.10.6" as the library in use says it.
std::string libssh_version();

}  // namespace vty::bench
