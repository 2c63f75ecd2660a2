#include "vty-sim/telnet_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "vty-sim/telnet_session.hpp"

namespace vty::sim {

struct TelnetServer::State {
  const CliTree& cli;
  struct Listener {
    int fd = -1;
    TelnetDeviceConfig config;
    std::thread thread;
  };
  std::vector<std::unique_ptr<Listener>> listeners;
  int stop_pipe[2] = {-1, -1};  // written once to wake every accept loop

  std::mutex mutex;
  std::condition_variable idle;
  std::set<int> session_fds;  // sockets of live sessions, shut down by stop()
  int active = 0;
  bool stopped = false;

  explicit State(const CliTree& c) : cli(c) {}
  void accept_loop(Listener& listener);
  void run_session(int fd, const TelnetDeviceConfig& config);
};

namespace {

int listen_on(const std::string& address, unsigned short port) {
  sockaddr_in where{};
  where.sin_family = AF_INET;
  where.sin_port = htons(port);
  if (inet_pton(AF_INET, address.c_str(), &where.sin_addr) != 1)
    throw std::runtime_error("not an IPv4 address: " + address);
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket() failed: ") + std::strerror(errno));
  int yes = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  if (bind(fd, reinterpret_cast<sockaddr*>(&where), sizeof where) != 0 || listen(fd, 1024) != 0) {
    std::string why = std::strerror(errno);
    close(fd);
    throw std::runtime_error("cannot listen on " + address + ":" + std::to_string(port) + ": " +
                             why);
  }
  return fd;
}

unsigned short bound_port(int fd) {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return 0;
  return ntohs(address.sin_port);
}

}  // namespace

TelnetServer::TelnetServer(const CliTree& cli) : state_(std::make_unique<State>(cli)) {
  if (pipe2(state_->stop_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe() failed");
}

TelnetServer::~TelnetServer() {
  stop();
  for (int fd : state_->stop_pipe) close(fd);
}

unsigned short TelnetServer::add_device(const TelnetDeviceConfig& config) {
  auto listener = std::make_unique<State::Listener>();
  listener->fd = listen_on(config.bind_address, config.port);
  listener->config = config;
  listener->config.port = bound_port(listener->fd);
  State::Listener& ref = *listener;
  state_->listeners.push_back(std::move(listener));
  ref.thread = std::thread([this, &ref] { state_->accept_loop(ref); });
  return ref.config.port;
}

void TelnetServer::State::accept_loop(Listener& listener) {
  pollfd fds[2] = {{listener.fd, POLLIN, 0}, {stop_pipe[0], POLLIN, 0}};
  for (;;) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) return;
    int fd = accept4(listener.fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      // Out of descriptors: give sessions 50 ms to end (or the server to stop).
      if (errno == EMFILE || errno == ENFILE) poll(&fds[1], 1, 50);
      continue;
    }
    {
      std::lock_guard lock(mutex);
      if (stopped) {
        close(fd);
        return;
      }
      session_fds.insert(fd);
      ++active;
    }
    int no_delay = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &no_delay, sizeof no_delay);
    // The session keeps its own copy of the configuration: it may outlive the listener.
    std::thread([this, fd, config = listener.config] { run_session(fd, config); }).detach();
  }
}

void TelnetServer::State::run_session(int fd, const TelnetDeviceConfig& config) {
  serve_telnet_session(fd, cli, config);
  std::lock_guard lock(mutex);
  // Forgotten before it is closed, so stop() never shuts down a reused descriptor.
  session_fds.erase(fd);
  close(fd);
  --active;
  idle.notify_all();
}

bool TelnetServer::stop() {
  auto& s = *state_;
  {
    std::lock_guard lock(s.mutex);
    if (s.stopped) return s.active == 0;
    s.stopped = true;
  }
  char byte = 0;
  [[maybe_unused]] ssize_t written = write(s.stop_pipe[1], &byte, 1);
  for (auto& listener : s.listeners) {
    if (listener->thread.joinable()) listener->thread.join();
    close(listener->fd);
  }
  s.listeners.clear();
  std::unique_lock lock(s.mutex);
  for (int fd : s.session_fds) shutdown(fd, SHUT_RDWR);
  s.idle.wait_for(lock, std::chrono::seconds(10), [&] { return s.active == 0; });
  return s.active == 0;
}

}  // namespace vty::sim
