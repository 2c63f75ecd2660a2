#include "ssh_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <thread>

extern char** environ;

namespace vty::detail {
namespace {

using Clock = std::chrono::steady_clock;

bool named(std::string_view entry, std::string_view name) {
  return entry.size() > name.size() && entry.starts_with(name) && entry[name.size()] == '=';
}

std::vector<std::string> child_environment(const PtySpec& spec) {
  std::vector<std::string> env;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string_view text(*entry);
    auto replaced = [&](const std::string& other) {
      return named(text, std::string_view(other).substr(0, other.find('=')));
    };
    auto dropped = [&](const std::string& name) { return named(text, name); };
    if (std::none_of(spec.env.begin(), spec.env.end(), replaced) &&
        std::none_of(spec.unset.begin(), spec.unset.end(), dropped))
      env.emplace_back(text);
  }
  env.insert(env.end(), spec.env.begin(), spec.env.end());
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// What the pipe for ssh's output holds: enough for a burst of several of ssh's writes, so
// that a bulk answer takes few wake-ups. More than the system allows is no error.
constexpr int output_pipe_size = 1 << 20;

// A descriptor clear of 0-2, which the child's terminal takes (a daemon may have closed its
// standard descriptors, and then a new pipe gets them).
int above_stdio(int fd) {
  if (fd > STDERR_FILENO) return fd;
  const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
  const int error = errno;
  ::close(fd);
  if (moved < 0) throw std::system_error(error, std::generic_category(), "fcntl");
  return moved;
}

// Between fork and exec: async-signal-safe calls only.
[[noreturn]] void exec_child(char* const* argv, char* const* envp, int output_fd) {
  if (::dup2(output_fd, STDOUT_FILENO) < 0) ::_exit(127);  // dup2 clears close-on-exec
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int signo : {SIGPIPE, SIGCHLD, SIGHUP, SIGINT, SIGTERM, SIGQUIT}) signal(signo, SIG_DFL);
  ::close_range(STDERR_FILENO + 1, ~0U, 0);
  ::execve(argv[0], argv, envp);
  const char* reason = std::strerror(errno);
  const char prefix[] = "ssh: cannot execute ";
  (void)!::write(STDERR_FILENO, prefix, sizeof prefix - 1);
  (void)!::write(STDERR_FILENO, argv[0], std::strlen(argv[0]));
  (void)!::write(STDERR_FILENO, ": ", 2);
  (void)!::write(STDERR_FILENO, reason, std::strlen(reason));
  (void)!::write(STDERR_FILENO, "\r\n", 2);
  ::_exit(127);
}

}  // namespace

PtyChild spawn_in_pty(const PtySpec& spec) {
  std::vector<std::string> argv_strings{spec.program};
  argv_strings.insert(argv_strings.end(), spec.args.begin(), spec.args.end());
  auto env_strings = child_environment(spec);
  auto argv = pointers(argv_strings);
  auto envp = pointers(env_strings);
  winsize size{};
  size.ws_col = static_cast<unsigned short>(spec.width);
  size.ws_row = static_cast<unsigned short>(spec.height);

  int output[2];
  if (::pipe2(output, O_CLOEXEC) < 0)
    throw std::system_error(errno, std::generic_category(), "pipe2");
  try {
    output[0] = above_stdio(output[0]);
    output[1] = above_stdio(output[1]);
  } catch (...) {
    for (int fd : output)
      if (fd > STDERR_FILENO) ::close(fd);
    throw;
  }
  (void)::fcntl(output[0], F_SETPIPE_SZ, output_pipe_size);
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, &size);
  if (pid == 0) exec_child(argv.data(), envp.data(), output[1]);
  const int fork_error = errno;
  ::close(output[1]);  // only the child writes: its exit is the pipe's end
  if (pid < 0) {
    ::close(output[0]);
    throw std::system_error(fork_error, std::generic_category(), "forkpty");
  }
  ::fcntl(master, F_SETFD, FD_CLOEXEC);
  ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);
  ::fcntl(output[0], F_SETFL, ::fcntl(output[0], F_GETFL) | O_NONBLOCK);
  return {.pid = pid, .master_fd = master, .output_fd = output[0]};
}

bool try_reap(pid_t pid, int* status) {
  int ignored = 0;
  const pid_t r = ::waitpid(pid, status ? status : &ignored, WNOHANG);
  return r == pid || (r < 0 && errno == ECHILD);
}

asio::awaitable<int> stop_and_reap(pid_t pid, std::chrono::milliseconds grace) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  int status = 0;
  ::kill(-pid, SIGHUP);
  auto pause = std::chrono::milliseconds(1);
  auto next_signal = Clock::now() + grace;
  int stage = 0;  // 0: hung up, 1: SIGTERM sent, 2: SIGKILL sent
  while (!try_reap(pid, &status)) {
    if (Clock::now() >= next_signal) {
      if (stage == 2) {
        reap_in_background(pid, grace);  // stuck in the kernel: let a thread wait for it
        co_return -1;
      }
      ::kill(-pid, stage == 0 ? SIGTERM : SIGKILL);
      ++stage;
      next_signal = Clock::now() + grace;
    }
    timer.expires_after(pause);
    co_await timer.async_wait(asio::use_awaitable);
    pause = std::min(pause * 2, std::chrono::milliseconds(20));
  }
  co_return status;
}

void reap_in_background(pid_t pid, std::chrono::milliseconds grace) noexcept {
  ::kill(-pid, SIGHUP);
  if (try_reap(pid)) return;
  try {
    std::thread([pid, grace] {
      // Wait for the exit itself (a pidfd becomes readable), at most `grace`.
      const int exited = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
      if (exited >= 0) {
        pollfd event{exited, POLLIN, 0};
        ::poll(&event, 1, static_cast<int>(grace.count()));
        ::close(exited);
      }
      if (try_reap(pid)) return;
      ::kill(-pid, SIGKILL);
      int status = 0;
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
    }).detach();
  } catch (...) {
    // No thread to spare: kill now, and the blocking reap is only as long as the exit.
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
}

}  // namespace vty::detail
