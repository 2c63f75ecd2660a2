// Everything a vty user needs: drivers, options, responses, errors and platforms.
#pragma once

#include "vty/async_driver.hpp"
#include "vty/driver.hpp"
#include "vty/errors.hpp"
#include "vty/options.hpp"
#include "vty/platform.hpp"
#include "vty/response.hpp"
#include "vty/transport.hpp"

namespace vty {
// The library's version, "MAJOR.MINOR.PATCH".
const char* version() noexcept;
}  // namespace vty
