// Driving non-blocking libssh calls from coroutines: retry a call that says "again" after
// the socket is ready. Deadlines and races: deadline.hpp.
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include <functional>

#include "deadline.hpp"

namespace vty::detail {

// Waits until the session's socket can make progress (see LibsshTransport::wait_for_socket).
using SocketWait = std::function<asio::awaitable<void>()>;

// Calls `step` until it returns something other than `again` (SSH_AGAIN, or SSH_AUTH_AGAIN
// for the userauth calls), which libssh requires to be the same call with the same arguments.
template <typename Step>
asio::awaitable<int> retry(const SocketWait& wait, Step step, int again) {
  for (;;) {
    int rc = step();
    if (rc != again) co_return rc;
    co_await wait();
  }
}

// Wakes every coroutine waiting on it. Its users run on one thread, so a waiter checks its
// condition and starts waiting with no suspension in between: no wake-up is lost.
class Wakeup {
 public:
  explicit Wakeup(const asio::any_io_executor& executor)
      : timer_(executor, asio::steady_timer::time_point::max()) {}
  asio::awaitable<void> wait() {
    co_await timer_.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
  }
  void notify() { timer_.cancel(); }

 private:
  asio::steady_timer timer_;
};

}  // namespace vty::detail
