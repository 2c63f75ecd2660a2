#include "vty-sim/telnet_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "vty-sim/session_server.hpp"
#include "vty-sim/telnet_session.hpp"

namespace vty::sim {

struct TelnetServer::State {
  const CliTree& cli;
  SessionServer sessions;
  std::vector<int> listen_fds;

  explicit State(const CliTree& c) : cli(c) {}
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

TelnetServer::TelnetServer(const CliTree& cli) : state_(std::make_unique<State>(cli)) {}

TelnetServer::~TelnetServer() {
  stop();
}

unsigned short TelnetServer::add_device(const TelnetDeviceConfig& config) {
  const int fd = listen_on(config.bind_address, config.port);
  state_->listen_fds.push_back(fd);
  TelnetDeviceConfig device = config;
  device.port = bound_port(fd);
  const CliTree& cli = state_->cli;
  state_->sessions.add_listener(fd, [&cli, device](int session_fd) -> SessionServer::Session {
    int no_delay = 1;
    setsockopt(session_fd, IPPROTO_TCP, TCP_NODELAY, &no_delay, sizeof no_delay);
    // The session keeps its own copy of the configuration: it may outlive the listener.
    return [&cli, session_fd, device] { serve_telnet_session(session_fd, cli, device); };
  });
  return device.port;
}

bool TelnetServer::stop() {
  const bool clean = state_->sessions.stop();
  for (int fd : state_->listen_fds) close(fd);
  state_->listen_fds.clear();
  return clean;
}

}  // namespace vty::sim
