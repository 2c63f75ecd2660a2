#include "vty-sim/session_server.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace vty::sim {

struct SessionServer::State {
  std::vector<std::thread> accept_threads;
  int stop_pipe[2] = {-1, -1};  // written once to wake every accept loop

  std::mutex mutex;
  std::condition_variable idle;
  std::set<int> session_fds;  // sockets of live sessions, shut down by stop()
  int active = 0;
  bool stopped = false;

  void accept_loop(int listen_fd, const Accept& accept);
  bool admit(int fd);
  void finish(int fd);
};

SessionServer::SessionServer() : state_(std::make_unique<State>()) {
  if (pipe2(state_->stop_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe() failed");
}

SessionServer::~SessionServer() {
  stop();
  for (int fd : state_->stop_pipe) close(fd);
}

void SessionServer::add_listener(int listen_fd, Accept accept) {
  state_->accept_threads.emplace_back(
      [this, listen_fd, accept = std::move(accept)] { state_->accept_loop(listen_fd, accept); });
}

void SessionServer::State::accept_loop(int listen_fd, const Accept& accept) {
  pollfd fds[2] = {{listen_fd, POLLIN, 0}, {stop_pipe[0], POLLIN, 0}};
  for (;;) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) return;
    int fd = accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      // Out of descriptors: give sessions 50 ms to end (or the server to stop).
      if (errno == EMFILE || errno == ENFILE) poll(&fds[1], 1, 50);
      continue;
    }
    if (!admit(fd)) {
      close(fd);
      return;
    }
    Session session = accept(fd);
    if (!session) {
      finish(fd);
      continue;
    }
    std::thread([this, fd, session = std::move(session)] {
      session();
      finish(fd);
    }).detach();
  }
}

bool SessionServer::State::admit(int fd) {
  std::lock_guard lock(mutex);
  if (stopped) return false;
  session_fds.insert(fd);
  ++active;
  return true;
}

void SessionServer::State::finish(int fd) {
  std::lock_guard lock(mutex);
  // Forgotten before it is closed, so stop() never shuts down a reused descriptor.
  session_fds.erase(fd);
  close(fd);
  --active;
  idle.notify_all();
}

bool SessionServer::stop() {
  auto& s = *state_;
  {
    std::lock_guard lock(s.mutex);
    if (s.stopped) return s.active == 0;
    s.stopped = true;
  }
  char byte = 0;
  [[maybe_unused]] ssize_t written = write(s.stop_pipe[1], &byte, 1);
  for (auto& thread : s.accept_threads)
    if (thread.joinable()) thread.join();
  std::unique_lock lock(s.mutex);
  for (int fd : s.session_fds) shutdown(fd, SHUT_RDWR);
  s.idle.wait_for(lock, std::chrono::seconds(10), [&] { return s.active == 0; });
  return s.active == 0;
}

void stay_deaf(int fd, std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return;
    // No POLLIN: what the client sends stays unread. POLLHUP and POLLERR come anyway.
    pollfd wait{.fd = fd, .events = POLLRDHUP, .revents = 0};
    int n = ::poll(&wait, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (n < 0 && errno != EINTR) return;
    if (n > 0) return;
  }
}

}  // namespace vty::sim
