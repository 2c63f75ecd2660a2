// ProxyCommand on libssh: the command runs under /bin/sh with one end of a socket pair as
// its stdin and stdout; the session runs over the other end.
#pragma once

#include <sys/types.h>

#include <string>

namespace vty::detail {

struct ProxyProcess {
  pid_t pid = -1;
  int fd = -1;  // the session's end
};

// Throws std::system_error when the pair or the process cannot be made.
ProxyProcess start_proxy_command(const std::string& command);
// SIGTERM, then reaped (by a detached thread if it does not exit at once); never throws.
void stop_proxy_command(pid_t pid) noexcept;

}  // namespace vty::detail
