/// @file
/// What a driver needs to know to reach and log in to one device.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "vty/session_observer.hpp"
#include "vty/transport_choice.hpp"

namespace vty {

enum class HostKeyPolicy {
  strict,      ///< the key must already be in known_hosts (the default)
  accept_new,  ///< unknown keys are added to known_hosts; changed keys are refused
  off,         ///< no checking at all (labs only)
};

struct Auth {
  std::string username{};
  std::string password{};
  std::string secondary{};  ///< the enable password, for escalations that ask for one
  std::string private_key_file{};
  std::string private_key_passphrase{};
  bool use_agent = true;  ///< try ssh-agent keys when SSH_AUTH_SOCK is set
};

/// Logging in inside the session: over telnet (which does not authenticate), and through
/// console servers that show the device's own login. Empty fields keep the platform's
/// [login] table.
struct LoginOptions {
  std::string username_pattern{};                   ///< the username question
  std::string password_pattern{};                   ///< the password question
  std::vector<std::string> failed_when_contains{};  ///< replaces the platform's list
  /// Console servers often show nothing until a key is pressed: after each `wake_interval`
  /// in which the device printed nothing, send the return character, until a login
  /// question or device prompt appears. Gives up with OperationTimeout after
  /// `timeout_wake`. Works over any transport.
  bool wake_console = false;
  std::chrono::milliseconds wake_interval{1'000};
  std::chrono::milliseconds timeout_wake{30'000};
};

/// The "replay" transport chosen by name (docs/recording.md). Deprecated: prefer
/// `options.transport = vty::transports::replay{...}`, which carries the same fields.
struct ReplayOptions {
  std::filesystem::path file{};  ///< the recording to play
  bool realtime = false;         ///< wait the recorded delays (reproduces timeouts); else no waits
  /// Compare input with the recording ignoring differences in spaces, tabs and line ends.
  bool normalise_whitespace = false;
};

struct Options {
  std::string host{};
  std::uint16_t port = 0;  ///< 0: the transport's default (22 for SSH, 23 for telnet)
  std::string platform = "cisco_iosxe";
  Auth auth{};
  /// The transport and its own settings: `vty::transports::telnet{}`,
  /// `vty::transports::libssh{.jump_host = "bastion"}`, a user's type (docs/transports.md),
  /// or a registered name ("libssh", "system", "telnet", "replay" once
  /// vty::transports::register_builtin() ran, or a user's). Default: "libssh" by name.
  TransportChoice transport{};
  LoginOptions login{};  ///< in-band login and console wake-up
  /// Deprecated (see ssh_config_file): vty::transports::libssh/system carry their own.
  HostKeyPolicy host_key_policy = HostKeyPolicy::strict;
  std::filesystem::path known_hosts_file{};  ///< empty: ~/.ssh/known_hosts

  std::chrono::milliseconds timeout_socket{10'000};     ///< TCP connect
  std::chrono::milliseconds timeout_transport{30'000};  ///< handshake, auth, channel set-up
  std::chrono::milliseconds timeout_ops{30'000};        ///< each read for a prompt or pattern
  /// A last line shaped like a prompt ("box>", "[a@b ~]$") that matches no privilege level,
  /// with nothing more arriving for this long, ends a read with UnknownPrompt; 0: never.
  std::chrono::milliseconds timeout_unknown_prompt{2'000};
  /// A channel-level keepalive for devices whose exec-timeout counts only typed input: when
  /// the session has been idle this long, AsyncDriver sends a return and reads the prompt
  /// (never while a verb runs). 0: off. Not with the blocking Driver, which runs no event
  /// loop between calls (its open() refuses it). See docs/ssh.md.
  std::chrono::milliseconds keepalive_interval{0};

  std::vector<std::filesystem::path> platform_paths{};  ///< searched before the shipped definitions
  /// Deprecated SSH settings (these, host_key_policy, known_hosts_file and ssh_binary), read
  /// only when the transport is chosen by name ("libssh", "system"): a typed choice
  /// (vty::transports::libssh, vty::transports::system) carries its own fields of the same
  /// names, and these are then ignored.
  /// SSH (libssh and system transports; docs/ssh.md). What is set here wins over the ssh
  /// config; what is left empty (port 0, no username, no key) comes from it.
  /// The ssh_config file, as `ssh -F FILE`: empty reads ~/.ssh/config then
  /// /etc/ssh/ssh_config; "none" reads no file.
  std::string ssh_config_file{};
  /// `ssh -o` options, e.g. "KexAlgorithms=+diffie-hellman-group14-sha1", "Ciphers=+aes128-cbc",
  /// "ServerAliveInterval=15": they win over the config file.
  std::vector<std::string> ssh_options{};
  /// Jump hosts, as `ssh -J`: "[user@]host[:port][,next...]", first hop first; empty: the
  /// config's ProxyJump; "none": connect directly. On libssh, sessions to many devices
  /// through the same jump host share one login to it.
  std::string jump_host{};
  std::string ssh_binary{};  ///< the system transport's `ssh`; empty: `ssh` from PATH

  /// The terminal: SSH's pty request, and telnet's TTYPE and NAWS (window size) answers.
  std::string term_type = "xterm";
  int term_width = 511;
  int term_height = 24;
  std::string label{};  ///< how errors name the device; empty: host

  /// Each sees every byte the session sends and receives and each operation's start and
  /// end, secrets masked, in this order (docs/observing.md). An observer may be shared by
  /// many sessions. A recording is one: `vty::record_to("r.vtyrec")` (<vty/recording.hpp>,
  /// library vty::recording; docs/recording.md).
  std::vector<std::shared_ptr<SessionObserver>> observers{};
  ReplayOptions replay{};  ///< deprecated: with transport = "replay" by name
};

}  // namespace vty
