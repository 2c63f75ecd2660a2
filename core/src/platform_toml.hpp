// The TOML side of platform loading, shared by the reader and the search: a definition's
// table with its `extends` chain resolved, and the folders definitions come from.
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "vty/platform.hpp"

namespace vty::detail {

/// Parses `text` and, when it says `extends = "base"`, merges it over base's table (found
/// next to `source`, then along the search path; the file itself is skipped so that a user's
/// cisco_iosxe.toml can extend the shipped one). Nodes keep the file they came from, so an
/// error in an inherited key names the base file. Throws PlatformDefinitionError.
toml::table read_definition_table(std::string_view text, const std::filesystem::path& source,
                                  const std::vector<std::filesystem::path>& extra_dirs);

/// Reads a file whole; throws UnknownPlatform when it is not a regular file.
std::string read_definition_text(const std::filesystem::path& file);

/// "a string", "an array"...: what a node is, for messages.
std::string type_in_words(toml::node_type type);

/// "file:line:col: what" for a node, naming the file the node was read from.
std::string position(const toml::source_region& where, const std::string& fallback_source);

}  // namespace vty::detail
