#include "vty-sim/ssh_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <libssh/server.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <vector>

#include "vty-sim/session_server.hpp"
#include "vty-sim/ssh_session.hpp"

namespace vty::sim {

struct SshServer::State {
  const CliTree& cli;
  struct Listener {
    ssh_bind bind = nullptr;
    SshDeviceConfig config;
  };
  std::vector<std::unique_ptr<Listener>> listeners;
  SessionServer sessions;

  explicit State(const CliTree& c) : cli(c) {}
  SessionServer::Session accept(Listener& listener, int fd);
};

namespace {

[[noreturn]] void fail(ssh_bind bind, const std::string& what) {
  std::string message = what + ": " + ssh_get_error(bind);
  ssh_bind_free(bind);
  throw std::runtime_error(message);
}

void set_host_key(ssh_bind bind, const SshDeviceConfig& config) {
  if (!config.host_key_file.empty()) {
    if (ssh_bind_options_set(bind, SSH_BIND_OPTIONS_HOSTKEY, config.host_key_file.c_str()) < 0) {
      fail(bind, "cannot use host key " + config.host_key_file);
    }
    return;
  }
  ssh_key key = nullptr;
  if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK) {
    ssh_bind_free(bind);
    throw std::runtime_error("cannot generate an ed25519 host key");
  }
  // The bind owns the key from here on.
  if (ssh_bind_options_set(bind, SSH_BIND_OPTIONS_IMPORT_KEY, key) < 0) {
    ssh_key_free(key);
    fail(bind, "cannot import the host key");
  }
}

unsigned short bound_port(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return 0;
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
  }
  return ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
}

}  // namespace

SshServer::SshServer(const CliTree& cli) : state_(std::make_unique<State>(cli)) {}

SshServer::~SshServer() {
  stop();
}

unsigned short SshServer::add_device(const SshDeviceConfig& config) {
  ssh_bind bind = ssh_bind_new();
  if (!bind) throw std::runtime_error("ssh_bind_new failed");
  int port = config.port;
  ssh_bind_options_set(bind, SSH_BIND_OPTIONS_BINDADDR, config.bind_address.c_str());
  ssh_bind_options_set(bind, SSH_BIND_OPTIONS_BINDPORT, &port);
  set_host_key(bind, config);
  if (ssh_bind_listen(bind) < 0) {
    fail(bind, "cannot listen on " + config.bind_address + ":" + std::to_string(config.port));
  }
  int fd = ssh_bind_get_fd(bind);
  listen(fd, 1024);  // libssh's backlog is small for a thousand clients connecting at once
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  fcntl(fd, F_SETFD, FD_CLOEXEC);

  auto listener = std::make_unique<State::Listener>();
  listener->bind = bind;
  listener->config = config;
  listener->config.port = bound_port(fd);
  State::Listener& ref = *listener;
  state_->listeners.push_back(std::move(listener));
  state_->sessions.add_listener(
      fd, [this, &ref](int session_fd) { return state_->accept(ref, session_fd); });
  return ref.config.port;
}

// On the accept thread: the bind's host key may change between connections.
SessionServer::Session SshServer::State::accept(Listener& listener, int fd) {
  // The new-host-key fault: each connection is shown a key no client has seen.
  if (listener.config.device.fault.kind == FaultKind::new_host_key) {
    SshDeviceConfig fresh;
    set_host_key(listener.bind, fresh);
  }
  // libssh closes the descriptor it is given; the server closes its own after the session.
  const int own = dup(fd);
  ssh_session session = own < 0 ? nullptr : ssh_new();
  if (!session || ssh_bind_accept_fd(listener.bind, session, own) != SSH_OK) {
    if (session) {
      ssh_free(session);  // closes `own`
    } else if (own >= 0) {
      close(own);
    }
    return {};
  }
  return [this, session, &listener] {
    serve_ssh_session(session, cli, listener.config);
    ssh_disconnect(session);
    ssh_free(session);
  };
}

bool SshServer::stop() {
  auto& s = *state_;
  if (!s.sessions.stop()) return false;
  // Sessions that did not end still use their bind's keys: those stay allocated.
  for (auto& listener : s.listeners) ssh_bind_free(listener->bind);
  s.listeners.clear();
  return true;
}

}  // namespace vty::sim
