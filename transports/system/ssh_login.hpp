// The conversation with `ssh` before the device speaks (sans-io): fed what ssh prints on its
// terminal, it says what to type (password, passphrase, the host-key answer) or why the login
// failed. The device's output never comes this way (ssh writes it to stdout, a pipe): its
// first byte there ends the login, and the transport sees it.
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
    read_more,  // nothing to do yet
    type,       // write `text` to ssh's terminal
    failed,     // failure() says why; stop ssh
  };
  struct Action {
    Step step = Step::read_more;
    std::string text{};
  };

  explicit SshLogin(Secrets secrets);

  // What ssh printed on its terminal (stderr and /dev/tty), in pieces as they came.
  Action feed(std::string_view bytes);
  // ssh ended before the device spoke: why, from what it printed.
  SshFailure ended() const;

  const SshFailure& failure() const { return failure_; }
  // What ssh itself printed (secrets are never part of it: ssh does not echo them).
  const std::string& transcript() const { return transcript_; }

 private:
  Action answer(SshPrompt prompt);
  Action fail(SshFailureKind kind, std::string summary);

  Secrets secrets_;
  std::string buffer_{};      // the line ssh has not ended yet
  std::string transcript_{};  // ssh's lines, and the questions it asked
  int passwords_typed_ = 0;
  int passphrases_typed_ = 0;
  SshFailure failure_{};
};

}  // namespace vty::detail
