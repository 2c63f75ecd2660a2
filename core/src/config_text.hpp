// The text work the configuration-session files share: filling a command's placeholders
// and splitting a configuration into its lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vty::detail {

/// `command` with every `key` ("{file}", "{n}", ...) replaced by `value`.
std::string with(std::string command, std::string_view key, std::string_view value);

/// "{minutes}", "{seconds}" (NX-OS `commit-timeout`) and "{hh:mm:ss}" (EOS `commit timer`)
/// in a commit-confirmed command.
std::string with_minutes(std::string command, int minutes);

/// The lines of `text` that are not blank, without a trailing '\r'.
std::vector<std::string> lines_of(const std::string& text);

}  // namespace vty::detail
