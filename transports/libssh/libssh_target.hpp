// Where a libssh session goes and how, from Options and the ssh_config files: the values
// given explicitly in Options win; those not given come from the configuration.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "ssh_config.hpp"
#include "vty/errors.hpp"
#include "vty/options.hpp"

namespace vty::detail {

struct SshTarget {
  std::string name{};  // as given (Options::host, or a jump hop's host)
  std::string host{};  // to connect to: the config's HostName, else the name
  std::uint16_t port = 22;
  std::string user{};                         // empty: the local user
  std::vector<std::string> identity_files{};  // Options' key first, then the config's
  std::vector<JumpHop> jumps{};               // first hop first
  std::string proxy_command{};                // %-expanded; empty: none
  SshHostConfig config{};                     // algorithms and keepalives as written
  std::chrono::milliseconds timeout_socket{};
};

// Options::ssh_options, then Options::ssh_config_file ("none": no file; empty: ~/.ssh/config
// then /etc/ssh/ssh_config, either may be missing). Throws UsageError for an unreadable
// file given explicitly or a value that cannot be used.
SshConfig load_ssh_config(const Options& options, const ErrorContext& context);

// The device's target: Options::port, auth.username and auth.private_key_file win over the
// configuration; Options::jump_host ("none": no jump) over its ProxyJump.
SshTarget resolve_target(const Options& options, const SshConfig& config,
                         const ErrorContext& context);

// A jump host on the way to the device: the hop's own user and port win over the
// configuration's Host block for it; the device's key is tried after the block's.
SshTarget resolve_hop(const JumpHop& hop, const Options& options, const SshConfig& config);

// `options` with host and port those of `target`, for the known_hosts check and errors.
Options options_for(const Options& options, const SshTarget& target);

}  // namespace vty::detail
