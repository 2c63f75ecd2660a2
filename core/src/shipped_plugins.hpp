// The plugins vty ships, for behaviours the shipped definitions' data cannot express.
#pragma once

#include <functional>
#include <string>

#include "vty/platform_plugin.hpp"

namespace vty::detail {

using RegisterPlugin = std::function<void(std::string, PlatformPlugin)>;
void register_shipped_plugins(const RegisterPlugin& add);

}  // namespace vty::detail
