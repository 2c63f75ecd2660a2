// What every vty-sim front end (SSH, telnet) shares: accept loops on listening sockets, one
// thread per session, and a stop that ends them all. The protocol is in the callbacks.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

namespace vty::sim {

class SessionServer {
 public:
  // The session on an accepted socket, run on a thread of its own to its end; empty: the
  // connection is dropped.
  using Session = std::function<void()>;
  // Called on the accept thread for each new socket (ownership stays with the server, which
  // closes it after the session); prepares what must happen in accept order.
  using Accept = std::function<Session(int fd)>;

  SessionServer();
  ~SessionServer();  // stops, if stop() was not called
  SessionServer(const SessionServer&) = delete;
  SessionServer& operator=(const SessionServer&) = delete;

  // Accepts on `listen_fd` (non-blocking, listening; still the caller's to close, after
  // stop()) until stop().
  void add_listener(int listen_fd, Accept accept);
  // Stops accepting, shuts every session's socket down and waits (up to 10 s) for their
  // threads. False when some session did not end.
  bool stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// A deaf device (the deaf fault): reads nothing from `fd` for up to `limit`, or until the
// peer hangs up or SessionServer::stop() shuts the socket down.
void stay_deaf(int fd, std::chrono::milliseconds limit);

}  // namespace vty::sim
