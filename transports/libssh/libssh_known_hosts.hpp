// Checking the server's host key against known_hosts under a HostKeyPolicy.
#pragma once

#include <libssh/libssh.h>

#include <filesystem>

#include "vty/errors.hpp"
#include "vty/options.hpp"

namespace vty::detail {

// options.known_hosts_file, or ~/.ssh/known_hosts when that is empty.
std::filesystem::path known_hosts_path(const Options& options);

// After the key exchange: throws HostKeyError (unknown under strict, or unreadable file) or
// HostKeyMismatch (changed); under accept_new records an unknown key first.
void check_host_key(ssh_session session, const Options& options, const ErrorContext& context);

}  // namespace vty::detail
