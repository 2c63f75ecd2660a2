#include "support/child_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <utility>

namespace vty::test {
namespace {

using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

ChildProcess::ChildProcess(Spec spec) {
  int out[2];
  int in[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(in, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));

  std::vector<char*> argv;
  for (auto& a : spec.argv) argv.push_back(a.data());
  argv.push_back(nullptr);

  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // a crashed test leaves no server behind
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    if (spec.merge_stderr) dup2(out[1], STDERR_FILENO);
    for (auto& e : spec.env) putenv(e.data());
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  close(in[0]);
  stdout_fd_ = out[0];
  // Write stdin in full before closing; test inputs are small enough for the pipe buffer.
  std::string_view text = spec.stdin_text;
  while (!text.empty()) {
    ssize_t n = ::write(in[1], text.data(), text.size());
    if (n <= 0) break;
    text.remove_prefix(static_cast<size_t>(n));
  }
  close(in[1]);
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && status_ < 0) {
    ::kill(pid_, SIGTERM);
    try {
      wait(std::chrono::seconds(5));
    } catch (...) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

bool ChildProcess::fill(Clock::time_point deadline) {
  pollfd p{stdout_fd_, POLLIN, 0};
  int ready = poll(&p, 1, remaining_ms(deadline));
  if (ready < 0 && errno == EINTR) return true;
  if (ready <= 0) throw std::runtime_error("timed out reading child output; so far: " + buffer_);
  char chunk[4096];
  ssize_t n = ::read(stdout_fd_, chunk, sizeof chunk);
  if (n <= 0) return false;
  buffer_.append(chunk, static_cast<size_t>(n));
  return true;
}

std::string ChildProcess::read_line(std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  for (;;) {
    if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      return line;
    }
    if (!fill(deadline)) throw std::runtime_error("child output ended; so far: " + buffer_);
  }
}

std::string ChildProcess::read_all(std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (fill(deadline)) {
  }
  return std::exchange(buffer_, {});
}

int ChildProcess::wait(std::chrono::milliseconds timeout) {
  if (status_ >= 0) return decode_status(status_);
  auto deadline = Clock::now() + timeout;
  for (;;) {
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      status_ = status;
      return decode_status(status);
    }
    if (Clock::now() >= deadline) throw std::runtime_error("child did not exit in time");
    // Block on the child's stdout closing (it closes at exit) rather than spinning.
    pollfd p{stdout_fd_, POLLIN, 0};
    if (poll(&p, 1, std::min(remaining_ms(deadline), 20)) > 0) {
      char chunk[4096];
      ssize_t n = ::read(stdout_fd_, chunk, sizeof chunk);
      if (n > 0) buffer_.append(chunk, static_cast<size_t>(n));
    }
  }
}

void ChildProcess::signal(int signo) {
  ::kill(pid_, signo);
}

bool ChildProcess::running() {
  if (status_ >= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    status_ = status;
    return false;
  }
  return true;
}

RunResult run_program(ChildProcess::Spec spec, std::chrono::milliseconds timeout) {
  ChildProcess child(std::move(spec));
  std::string output = child.read_all(timeout);
  int code = child.wait(timeout);
  return {code, std::move(output)};
}

unsigned short free_loopback_port() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    throw std::runtime_error("no free loopback port");
  }
  close(fd);
  return ntohs(addr.sin_port);
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "vty-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace vty::test
