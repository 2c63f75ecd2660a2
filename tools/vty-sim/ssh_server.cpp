#include "vty-sim/ssh_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <libssh/server.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "vty-sim/ssh_session.hpp"

namespace vty::sim {

struct SshServer::State {
  const CliTree& cli;
  struct Listener {
    ssh_bind bind = nullptr;
    SshDeviceConfig config;
    std::thread thread;
  };
  std::vector<std::unique_ptr<Listener>> listeners;
  int stop_pipe[2] = {-1, -1};  // written once to wake every accept loop

  std::mutex mutex;
  std::condition_variable idle;
  std::set<int> session_fds;  // sockets of live sessions, shut down by stop()
  int active = 0;
  bool stopping = false;
  bool stopped = false;

  explicit State(const CliTree& c) : cli(c) {}
  void accept_loop(Listener& listener);
  bool admit(int fd);
  void run_session(ssh_session session, int fd, const SshDeviceConfig& config);
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

SshServer::SshServer(const CliTree& cli) : state_(std::make_unique<State>(cli)) {
  if (pipe2(state_->stop_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe() failed");
}

SshServer::~SshServer() {
  stop();
  for (int fd : state_->stop_pipe) close(fd);
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
  ref.thread = std::thread([this, &ref] { state_->accept_loop(ref); });
  return ref.config.port;
}

void SshServer::State::accept_loop(Listener& listener) {
  int listen_fd = ssh_bind_get_fd(listener.bind);
  pollfd fds[2] = {{listen_fd, POLLIN, 0}, {stop_pipe[0], POLLIN, 0}};
  for (;;) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) return;
    int fd = accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      // Out of descriptors: give sessions 50 ms to end (or the server to stop) before
      // accepting more.
      if (errno == EMFILE || errno == ENFILE) poll(&fds[1], 1, 50);
      continue;
    }
    if (!admit(fd)) {
      close(fd);
      return;
    }
    // The new-host-key fault: each connection is shown a key no client has seen.
    if (listener.config.device.fault.kind == FaultKind::new_host_key) {
      SshDeviceConfig fresh;
      set_host_key(listener.bind, fresh);
    }
    ssh_session session = ssh_new();
    if (!session || ssh_bind_accept_fd(listener.bind, session, fd) != SSH_OK) {
      std::lock_guard lock(mutex);
      session_fds.erase(fd);
      --active;
      idle.notify_all();
      if (session) {
        ssh_free(session);  // closes fd
      } else {
        close(fd);
      }
      continue;
    }
    std::thread([this, session, fd, &listener] {
      run_session(session, fd, listener.config);
    }).detach();
  }
}

bool SshServer::State::admit(int fd) {
  std::lock_guard lock(mutex);
  if (stopping) return false;
  session_fds.insert(fd);
  ++active;
  return true;
}

void SshServer::State::run_session(ssh_session session, int fd, const SshDeviceConfig& config) {
  serve_ssh_session(session, cli, config);
  {
    // Forget the socket before libssh closes it, so stop() never shuts down a reused fd.
    std::lock_guard lock(mutex);
    session_fds.erase(fd);
  }
  ssh_disconnect(session);
  ssh_free(session);
  std::lock_guard lock(mutex);
  --active;
  idle.notify_all();
}

bool SshServer::stop() {
  auto& s = *state_;
  {
    std::lock_guard lock(s.mutex);
    if (s.stopped) return s.active == 0;
    s.stopped = true;
    s.stopping = true;
  }
  char byte = 0;
  [[maybe_unused]] ssize_t written = write(s.stop_pipe[1], &byte, 1);
  for (auto& listener : s.listeners) {
    if (listener->thread.joinable()) listener->thread.join();
  }
  std::unique_lock lock(s.mutex);
  for (int fd : s.session_fds) shutdown(fd, SHUT_RDWR);
  s.idle.wait_for(lock, std::chrono::seconds(10), [&] { return s.active == 0; });
  bool all_ended = s.active == 0;
  lock.unlock();
  // Sessions that did not end still use their bind's keys: leave those allocated.
  if (!all_ended) return false;
  for (auto& listener : s.listeners) ssh_bind_free(listener->bind);
  s.listeners.clear();
  return true;
}

}  // namespace vty::sim
