/// @file
/// The built-in transports' settings types, and the call that makes them known by name.
#pragma once

#include "vty/transports/libssh.hpp"
#include "vty/transports/replay.hpp"
#include "vty/transports/system.hpp"
#include "vty/transports/telnet.hpp"

namespace vty::transports {

/// Registers "libssh", "system", "telnet" and "replay" by name, for code that picks a
/// transport from text (Options::transport = "telnet", inventories, the CLI). Links all
/// four. Idempotent and thread-safe; a later register_transport of the same name wins.
void register_builtin();

}  // namespace vty::transports
