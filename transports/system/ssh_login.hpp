// The conversation with `ssh` before the device speaks (sans-io): fed what ssh prints, it
// says what to type (password, passphrase, the host-key answer), when the device has begun,
// or why the login failed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ssh_messages.hpp"
#include "vty/options.hpp"

namespace vty::detail {

class SshLogin {
 public:
  struct Secrets {
    std::string password{};
    std::string passphrase{};
    HostKeyPolicy host_key_policy = HostKeyPolicy::strict;
  };

  enum class Step {
    read_more,     // nothing to do yet
    type,          // write `text` to ssh's terminal
    device_ready,  // authentication is over; device_bytes() are the device's first output
    failed,        // failure() says why; stop ssh
  };
  struct Action {
    Step step = Step::read_more;
    std::string text{};
  };

  explicit SshLogin(Secrets secrets);

  Action feed(std::string_view bytes);
  // ssh ended before the device spoke: why, from what it printed.
  SshFailure ended() const;

  const SshFailure& failure() const { return failure_; }
  // What the device printed after ssh's own output ended (for the transport's first reads).
  std::string take_device_bytes() { return std::move(buffer_); }
  // What ssh itself printed (secrets are never part of it: ssh does not echo them).
  const std::string& transcript() const { return transcript_; }

 private:
  Action answer(SshPrompt prompt);
  Action device_or_wait() const;
  Action fail(SshFailureKind kind, std::string summary);

  Secrets secrets_;
  std::string buffer_{};      // not yet attributed to ssh or to the device
  std::string transcript_{};  // attributed to ssh
  int passwords_typed_ = 0;
  int passphrases_typed_ = 0;
  SshFailure failure_{};
};

}  // namespace vty::detail
