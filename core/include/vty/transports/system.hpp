/// @file
/// The "system" transport's settings: OpenSSH's `ssh` binary in a pseudo-terminal
/// (docs/ssh.md). Naming `vty::transports::system` in code links the transport.
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

struct system {
  static constexpr std::string_view name = "system";

  HostKeyPolicy host_key_policy = HostKeyPolicy::strict;
  std::filesystem::path known_hosts_file{};  ///< empty: ssh's own (~/.ssh/known_hosts)
  std::string ssh_config_file{};             ///< `ssh -F`: empty: ssh's default; "none": no file
  std::vector<std::string> ssh_options{};    ///< `ssh -o`, before the config file
  std::string jump_host{};                   ///< `ssh -J`; empty: the config's ProxyJump
  std::string ssh_binary{};                  ///< empty: `ssh` from PATH

  std::unique_ptr<Transport> make_transport(asio::any_io_executor executor,
                                            const Options& options) const;
};

}  // namespace vty::transports
