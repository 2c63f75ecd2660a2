#include "vty-sim/stdio_session.hpp"

#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <thread>

#include "vty-sim/fault.hpp"
#include "vty-sim/session_server.hpp"

namespace vty::sim {
namespace {

volatile std::sig_atomic_t g_stop = 0;

void on_signal(int) {
  g_stop = 1;
}

bool write_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = write(fd, data.data() + sent, data.size() - sent);
    if (n < 0 && errno == EINTR && !g_stop) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// Writes what the fault injector let through; false when the session must end now.
bool deliver(const FaultStep& step) {
  if (step.per_byte.count() == 0) {
    if (!write_all(STDOUT_FILENO, step.bytes)) return false;
  } else {
    for (char c : step.bytes) {
      std::this_thread::sleep_for(step.per_byte);
      if (g_stop || !write_all(STDOUT_FILENO, std::string(1, c))) return false;
    }
  }
  if (step.hang_up) return false;
  if (step.stall) {
    char buffer[4096];
    while (!g_stop) {
      ssize_t n = read(STDIN_FILENO, buffer, sizeof buffer);
      if (n == 0 || (n < 0 && errno != EINTR)) break;
    }
    return false;
  }
  if (step.deaf.count() > 0) {
    stay_deaf(STDIN_FILENO, step.deaf);
    return false;
  }
  return true;
}

// Raw mode on a terminal for the lifetime of the object.
class RawTerminal {
 public:
  explicit RawTerminal(int fd) : fd_(fd) {
    if (!isatty(fd) || tcgetattr(fd, &saved_) != 0) return;
    termios raw = saved_;
    cfmakeraw(&raw);
    active_ = tcsetattr(fd, TCSANOW, &raw) == 0;
  }
  ~RawTerminal() {
    if (active_) tcsetattr(fd_, TCSANOW, &saved_);
  }
  RawTerminal(const RawTerminal&) = delete;
  RawTerminal& operator=(const RawTerminal&) = delete;

 private:
  int fd_;
  termios saved_{};
  bool active_ = false;
};

}  // namespace

int serve_stdio_session(const CliTree& cli, const DeviceOptions& options) {
  struct sigaction action {};
  action.sa_handler = on_signal;  // no SA_RESTART: a signal interrupts read() and write()
  for (int signo : {SIGTERM, SIGINT, SIGHUP}) sigaction(signo, &action, nullptr);
  signal(SIGPIPE, SIG_IGN);

  RawTerminal raw(STDIN_FILENO);
  Device device(cli, options);
  FaultInjector fault(options.fault);
  // The login faults a session on stdio can play: hanging up at once, or saying nothing.
  if (options.fault.kind == FaultKind::close_in_auth) return 0;
  if (options.fault.kind == FaultKind::silent) {
    deliver({.stall = true});
    return 0;
  }
  char buffer[4096];
  while (!g_stop) {
    // A long output (show big) is produced here: a stop request must end it too.
    for (std::string out = device.read(); !out.empty() && !g_stop; out = device.read()) {
      if (!deliver(fault.output(out))) return 0;
    }
    if (!deliver(fault.idle())) return 0;
    if (device.closed()) break;
    ssize_t n = read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    device.feed(fault.typed(std::string_view(buffer, static_cast<std::size_t>(n))));
  }
  return 0;
}

}  // namespace vty::sim
