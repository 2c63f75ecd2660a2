#include "support/telnetd.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

extern char** environ;

namespace vty::test {
namespace {

constexpr const char* kInetutilsTelnetd = "/usr/sbin/telnetd";

// A busybox built with its telnetd applet (Debian's busybox package has none).
std::string find_busybox() {
  for (const char* dir : {"/usr/bin", "/bin", "/usr/sbin", "/sbin"}) {
    std::string path = std::string(dir) + "/busybox";
    if (access(path.c_str(), X_OK) != 0) continue;
    auto applets = run_program({.argv = {path, "--list"}}, std::chrono::seconds(10));
    if (("\n" + applets.output).find("\ntelnetd\n") != std::string::npos) return path;
  }
  return {};
}

bool accepts_connections(unsigned short port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

// SIGTERM, then SIGKILL if it has not gone within a second; always reaped.
void end_process(pid_t pid) {
  kill(pid, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid, nullptr, WNOHANG) == pid) return;
    usleep(10'000);
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
}

}  // namespace

std::string Telnetd::available() {
  const bool inetutils = access(kInetutilsTelnetd, X_OK) == 0;
  const bool busybox = !find_busybox().empty();
  // VTY_TEST_TELNETD=busybox tests the fallback where both are installed.
  const char* wanted = std::getenv("VTY_TEST_TELNETD");
  if (wanted && std::string(wanted) == "busybox" && busybox) return "busybox";
  if (inetutils) return "inetutils";
  if (busybox) return "busybox";
  return {};
}

Telnetd::Telnetd(std::vector<std::string> login_argv) : kind_(available()) {
  if (kind_.empty()) throw std::runtime_error("no telnetd installed");
  // Both telnetds take one program to run; a script gives it its arguments.
  login_script_ = dir_.file("login.sh");
  std::ofstream script(login_script_);
  // No leak check at exit on a closing terminal (see Sshd's config_text in sshd.cpp).
  script << "#!/bin/sh\nexport ASAN_OPTIONS=detect_leaks=0\nexec";
  for (const auto& arg : login_argv) script << " '" << arg << "'";
  script << "\n";
  script.close();
  chmod(login_script_.c_str(), 0755);
  if (kind_ == "inetutils") {
    start_inetutils();
  } else {
    start_busybox();
  }
}

Telnetd::~Telnetd() {
  if (acceptor_.joinable()) {
    char byte = 0;
    [[maybe_unused]] ssize_t n = write(stop_pipe_[1], &byte, 1);
    acceptor_.join();
  }
  for (pid_t pid : sessions_) end_process(pid);
  for (int fd : {listen_fd_, stop_pipe_[0], stop_pipe_[1]}) {
    if (fd >= 0) close(fd);
  }
}

// inetutils' telnetd serves the connection on its stdin, as inetd starts it.
void Telnetd::start_inetutils() {
  if (pipe2(stop_pipe_, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(listen_fd_, 16) != 0 ||
      getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
    throw std::runtime_error(std::string("cannot listen: ") + std::strerror(errno));
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

void Telnetd::accept_loop() {
  pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
  for (;;) {
    if (poll(fds, 2, -1) < 0 && errno != EINTR) return;
    if (fds[1].revents != 0) return;
    if (fds[0].revents == 0) continue;
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    spawn_session(fd);
    close(fd);
  }
}

void Telnetd::spawn_session(int fd) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  for (int target : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO})
    posix_spawn_file_actions_adddup2(&actions, fd, target);
  // -h: no host information before the login; -E: our program instead of /bin/login.
  std::vector<std::string> args = {kInetutilsTelnetd, "-h", "-E", login_script_};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, kInetutilsTelnetd, &actions, nullptr, argv.data(), environ) == 0)
    sessions_.push_back(pid);
  posix_spawn_file_actions_destroy(&actions);
}

void Telnetd::start_busybox() {
  port_ = free_loopback_port();
  ChildProcess::Spec spec;
  spec.argv = {find_busybox(), "telnetd",   "-F", "-p",         std::to_string(port_),
               "-b",           "127.0.0.1", "-l", login_script_};
  busybox_ = std::make_unique<ChildProcess>(std::move(spec));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!accepts_connections(port_)) {
    if (std::chrono::steady_clock::now() > deadline || !busybox_->running())
      throw std::runtime_error("busybox telnetd did not start listening");
    usleep(20'000);
  }
}

}  // namespace vty::test
