// One SSH session of a simulated device: authentication (password or keyboard-interactive),
// a session channel with a pty and a shell, then bytes between the channel and a Device.
#pragma once

#include <libssh/libssh.h>

#include "vty-sim/ssh_server.hpp"

namespace vty::sim {

// Runs the session to its end on the calling thread. Blocking; returns when the client
// leaves, the device logs out, or the socket is shut down. Does not free `session`.
void serve_ssh_session(ssh_session session, const CliTree& cli, const SshDeviceConfig& config);

}  // namespace vty::sim
