// What OpenSSH's `ssh` says on its terminal before the device speaks: its questions
// (password, passphrase, host key) and its failures, recognised from text alone (sans-io).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vty::detail {

// A question ssh asks on the terminal, in a line that has no newline yet.
enum class SshPrompt { none, password, passphrase, host_key_question };
SshPrompt classify_prompt(std::string_view partial_line);

// True for a line that ssh itself prints (warnings, host-key banners, errors), as opposed
// to the device's first output.
bool is_ssh_message(std::string_view line);
// True for the beginning of a line that may still become one of ssh's messages.
bool may_become_ssh_message(std::string_view partial_line);

// True when `text` holds one of the last words ssh prints before it exits.
bool announces_exit(std::string_view text);

enum class SshFailureKind {
  authentication,       // Permission denied, a refused password or passphrase
  host_key_unknown,     // no known key under strict checking, or the question answered "no"
  host_key_changed,     // REMOTE HOST IDENTIFICATION HAS CHANGED
  refused,              // Connection refused
  timed_out,            // Connection timed out
  unreachable,          // Could not resolve hostname, No route to host
  no_common_algorithm,  // Unable to negotiate: no matching kex/cipher/MAC/host key type
  closed,               // Connection closed/reset by the peer
  other,                // anything else ssh said before it gave up
};

struct SshFailure {
  SshFailureKind kind = SshFailureKind::other;
  std::string summary{};           // what to tell the user
  std::string known_hosts_file{};  // host_key_changed: the file with the offending key
  int known_hosts_line = 0;        // ... and its line
};

// The failure ssh reported in `output` (everything it printed before exiting), if any.
std::optional<SshFailure> classify_failure(std::string_view output);

}  // namespace vty::detail
