// Driving non-blocking libssh calls from coroutines: retry a call that says "again" after
// the socket is ready, and bound a whole exchange by a deadline.
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include <chrono>
#include <exception>
#include <functional>
#include <variant>

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

// Runs `work` (a callable returning awaitable<void>) and returns false if `limit` passes
// first, after cancelling it. Unlike a bare `||`, which waits for the other side when one
// side fails, an exception from `work` is rethrown at once.
template <typename Work>
asio::awaitable<bool> within(std::chrono::milliseconds limit, Work work) {
  using namespace asio::experimental::awaitable_operators;
  auto guarded = [](Work work) -> asio::awaitable<std::exception_ptr> {
    try {
      co_await work();
    } catch (...) {
      co_return std::current_exception();
    }
    co_return nullptr;
  };
  asio::steady_timer timer(co_await asio::this_coro::executor, limit);
  auto result = co_await (guarded(std::move(work)) || timer.async_wait(asio::use_awaitable));
  if (result.index() == 1) co_return false;
  if (auto error = std::get<0>(result)) std::rethrow_exception(error);
  co_return true;
}

// Waits for whichever of `first` and `second` (callables returning awaitable<void>) ends
// first, cancelling the other. Unlike a bare `||`, which waits for the other side when one
// side fails, an exception from the side that ended is rethrown at once.
template <typename First, typename Second>
asio::awaitable<void> either(First first, Second second) {
  using namespace asio::experimental::awaitable_operators;
  auto guarded = [](auto work) -> asio::awaitable<std::exception_ptr> {
    try {
      co_await work();
    } catch (...) {
      co_return std::current_exception();
    }
    co_return nullptr;
  };
  auto result = co_await (guarded(std::move(first)) || guarded(std::move(second)));
  std::visit(
      [](const std::exception_ptr& error) {
        if (error) std::rethrow_exception(error);
      },
      result);
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
