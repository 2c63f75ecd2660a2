// Replacing a whole configuration on an OS that applies each line as it is typed (FRR): the
// commands that turn the running configuration into the target one, as FRR's frr-reload
// computes them. Sans-io: texts in, commands out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vty::detail {

/// The configuration lines of `text` without what a `show running-config` adds around them
/// ("Building configuration...", "Current configuration:", "frr version", "frr defaults",
/// "!", "end", blank lines, and the "exit..." lines that close a block).
std::string configuration_lines(std::string_view text);

/// The commands, for the configuration level, that make `running` into `target`. Blocks are
/// nested by indentation; a line only in `running` is removed with "no LINE" ("no no X" is
/// "X"), entered through its parent blocks; a line only in `target` is added with its
/// block. Each change starts at the top level and "exit"s back to it.
std::vector<std::string> reload_commands(std::string_view running, std::string_view target);

}  // namespace vty::detail
