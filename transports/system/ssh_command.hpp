// The `ssh` command line for a set of options, and where the binary is.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vty/options.hpp"

namespace vty::detail {

// argv[1..] for OpenSSH's client: never a secret (those are typed when ssh asks).
std::vector<std::string> ssh_arguments(const Options& options);

// The executable to run: Options::ssh_binary if it contains a '/', else the first match of
// it (or of "ssh") on `path_variable`; nullopt when none is executable.
std::optional<std::string> find_ssh_binary(const Options& options, std::string_view path_variable);

}  // namespace vty::detail
