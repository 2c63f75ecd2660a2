// vty-sim --stdio: one device session on stdin/stdout (e.g. as an OpenSSH ForceCommand).
#pragma once

#include "vty-sim/cli_tree.hpp"
#include "vty-sim/device.hpp"

namespace vty::sim {

// Serves until stdin closes, the device logs out, or SIGTERM/SIGINT/SIGHUP. A terminal on stdin
// is put in raw mode (and restored), so that the device does the echo. Returns the exit code.
int serve_stdio_session(const CliTree& cli, const DeviceOptions& options);

}  // namespace vty::sim
