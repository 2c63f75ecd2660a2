/// @file
/// Everything a vty user needs: drivers, options, responses, errors, platforms and the
/// built-in transports, known by name (so the default Options::transport, "libssh", and
/// names from inventories work). A program that wants only the transports it names
/// includes the headers it uses instead (docs/transports.md).
#pragma once

/// What every coroutine user of vty needs from asio as well.
#include "vty/detail/asio.hpp"

#include "vty/async_driver.hpp"
#include "vty/config_diff.hpp"
#include "vty/config_session.hpp"
#include "vty/driver.hpp"
#include "vty/errors.hpp"
#include "vty/options.hpp"
#include "vty/platform.hpp"
#include "vty/platform_detect.hpp"
#include "vty/platform_plugin.hpp"
#include "vty/response.hpp"
#include "vty/session_observer.hpp"
#include "vty/transport.hpp"
#include "vty/transports.hpp"

namespace vty {
/// The library's version, "MAJOR.MINOR.PATCH".
const char* version() noexcept;

namespace detail {
/// Including this header names the built-in transports: their names are registered once,
/// before main() (register_builtin() is idempotent), and the linker takes them in.
inline const bool builtin_transports_named = (transports::register_builtin(), true);
}  // namespace detail
}  // namespace vty
