/// @file
/// The "libssh" transport's settings: SSH inside the process (docs/ssh.md). Naming
/// `vty::transports::libssh` in code links the transport (vty::transport_libssh).
#pragma once

#include <asio/any_io_executor.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vty/options.hpp"

namespace vty {
class Transport;
}

namespace vty::transports {

struct libssh {
  static constexpr std::string_view name = "libssh";

  HostKeyPolicy host_key_policy = HostKeyPolicy::strict;
  std::filesystem::path known_hosts_file{};  ///< empty: ~/.ssh/known_hosts
  /// The ssh_config file, as `ssh -F FILE`: empty reads ~/.ssh/config then
  /// /etc/ssh/ssh_config; "none" reads no file. What Options sets wins over it.
  std::string ssh_config_file{};
  /// `ssh -o` options ("KexAlgorithms=+diffie-hellman-group14-sha1", ...): they win over
  /// the config file.
  std::vector<std::string> ssh_options{};
  /// Jump hosts, as `ssh -J`: "[user@]host[:port][,next...]"; empty: the config's
  /// ProxyJump; "none": connect directly. Sessions through the same jump host share one
  /// login to it.
  std::string jump_host{};

  std::unique_ptr<Transport> make_transport(asio::any_io_executor executor,
                                            const Options& options) const;
};

}  // namespace vty::transports
