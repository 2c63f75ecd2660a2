/// @file
/// Everything a vty user needs: drivers, options, responses, errors and platforms.
#pragma once

/// What every coroutine user of vty needs from asio as well.
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>

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
#include "vty/transport.hpp"

namespace vty {
/// The library's version, "MAJOR.MINOR.PATCH".
const char* version() noexcept;
}  // namespace vty
