// The `ssh` child: started on a new pseudo-terminal, its standard output a pipe, and always
// reaped, whether it is waited for on the event loop (close) or left behind (abort,
// destructor).
#pragma once

#include <sys/types.h>

#include <asio/awaitable.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace vty::detail {

// The pty is the child's controlling terminal, stdin and stderr: ssh asks its questions on
// /dev/tty, prints its errors on stderr, and takes the remote pty's size and modes from stdin.
// The device's bytes come through the pipe: a pty hands its reader at most 4095 bytes per
// read, each refilled by a kernel worker, a pipe as much as the reader asks for.
struct PtyChild {
  pid_t pid = -1;
  int master_fd = -1;  // non-blocking, close-on-exec; the child's stdin and stderr
  int output_fd = -1;  // non-blocking, close-on-exec; the read end of the child's stdout
};

struct PtySpec {
  std::string program{};             // a path
  std::vector<std::string> args{};   // without argv[0]
  std::vector<std::string> env{};    // "NAME=value", replacing inherited entries of that name
  std::vector<std::string> unset{};  // inherited variables to leave out
  int width = 80;
  int height = 24;
};

// Throws std::system_error when the pty or the process cannot be made.
PtyChild spawn_in_pty(const PtySpec& spec);

// Reaps `pid` if it has exited; true then (also when it is not our child any more).
bool try_reap(pid_t pid, int* status = nullptr);

// Hangs up on the child's process group and reaps it on the loop: waits `grace` after the
// hang-up, then SIGTERM, then SIGKILL. A child that outlives even that goes to
// reap_in_background. Returns the wait status (or -1 when the reaper took over).
asio::awaitable<int> stop_and_reap(pid_t pid, std::chrono::milliseconds grace);

// Never blocks: SIGHUP now, reap now if possible, otherwise a detached thread sends SIGKILL
// after `grace` and reaps, so that no zombie or orphan remains.
void reap_in_background(pid_t pid, std::chrono::milliseconds grace) noexcept;

}  // namespace vty::detail
