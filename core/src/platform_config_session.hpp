// Reading a platform definition's [config_session] table (docs/config.md), apart from the
// rest of the definition.
#pragma once

#include <toml++/toml.h>

#include <string>

#include "vty/platform.hpp"

namespace vty::detail {

/// Reads root's [config_session] table, when there is one, into `commands`. Throws
/// PlatformDefinitionError naming `source`, line and column for anything it may not say.
void read_config_session(const toml::table& root, const std::string& source,
                         ConfigSessionCommands& commands);

}  // namespace vty::detail
