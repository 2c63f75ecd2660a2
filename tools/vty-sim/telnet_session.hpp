// One telnet session of a simulated device: the device's side of the option negotiation
// (it echoes, suppresses go-ahead, asks for the window size and terminal type), the login
// gate, then bytes between the socket and a Device.
#pragma once

#include "vty-sim/telnet_server.hpp"

namespace vty::sim {

// Runs the session to its end on the calling thread. Blocking; returns when the client
// leaves, the device logs out or hangs up on a failed login, or the socket is shut down.
// Does not close `fd`.
void serve_telnet_session(int fd, const CliTree& cli, const TelnetDeviceConfig& config);

}  // namespace vty::sim
