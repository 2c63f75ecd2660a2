/// @file
/// C++ plugins for what a platform definition's data cannot say: a name maps to hooks the
/// driver calls around a session. A definition uses the plugin named by its `plugin` key,
/// or, without one, the plugin registered under its own name.
#pragma once

#include "vty/detail/asio.hpp"

#include <functional>
#include <string>
#include <string_view>

#include "vty/options.hpp"
#include "vty/platform.hpp"

namespace vty {

class AsyncDriver;

/// Each hook is optional.
struct PlatformPlugin {
  /// Adjusts the connection options before the transport opens (a login-name suffix).
  std::function<void(Options&)> prepare{};
  /// Runs at the end of open(), at the default level after on_open; may use the verbs.
  std::function<asio::awaitable<void>(AsyncDriver&)> on_open{};
  /// Runs at the start of close(), before on_close is written; may use the verbs. A
  /// DriverException it throws does not stop the close.
  std::function<asio::awaitable<void>(AsyncDriver&)> on_close{};
};

/// Registers `plugin` under `name`, replacing an earlier one of that name. Thread-safe.
void register_platform_plugin(std::string name, PlatformPlugin plugin);
/// The plugin `platform` uses (its `plugin` key, else its name); nullptr when none.
/// Throws UnknownPlatform when the `plugin` key names one that is not registered.
const PlatformPlugin* platform_plugin_for(const PlatformDefinition& platform);

}  // namespace vty
