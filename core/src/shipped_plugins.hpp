// The plugins vty ships, for behaviours the shipped definitions' data cannot express.
#pragma once

#include <functional>
#include <string>

#include "vty/platform_plugin.hpp"
#include "vty/regex.hpp"

namespace vty::detail {

using RegisterPlugin = std::function<void(std::string, PlatformPlugin)>;
void register_shipped_plugins(const RegisterPlugin& add);

/// FortiOS's "the console pages" pattern: one Regex for the process, matched by every
/// FortiOS session (from whatever thread runs it).
const Regex& fortios_paged_pattern();

}  // namespace vty::detail
