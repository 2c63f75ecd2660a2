// Racing work against a deadline: the one way every part of vty bounds a wait in time.
#pragma once

#include <asio/co_spawn.hpp>
#include <asio/experimental/deferred.hpp>
#include <asio/experimental/parallel_group.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include <chrono>
#include <exception>
#include <optional>
#include <type_traits>

namespace vty::detail {

// Runs `work` until it ends or `limit` passes, whichever comes first, and cancels the other.
// Returns work's value (true for awaitable<void>), or nothing (false) when the deadline won.
// An exception from `work` is rethrown as soon as it happens: `||` from awaitable_operators
// would wait out the deadline after a failed work.
template <typename T>
asio::awaitable<std::conditional_t<std::is_void_v<T>, bool, std::optional<T>>> within(
    std::chrono::steady_clock::duration limit, asio::awaitable<T> work) {
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer timer(executor, limit);
  auto group = asio::experimental::make_parallel_group(
      asio::co_spawn(executor, std::move(work), asio::experimental::deferred),
      timer.async_wait(asio::experimental::deferred));
  if constexpr (std::is_void_v<T>) {
    auto [order, error, timer_error] =
        co_await group.async_wait(asio::experimental::wait_for_one(), asio::use_awaitable);
    (void)timer_error;
    if (order[0] == 1) co_return false;
    if (error) std::rethrow_exception(error);
    co_return true;
  } else {
    auto [order, error, value, timer_error] =
        co_await group.async_wait(asio::experimental::wait_for_one(), asio::use_awaitable);
    (void)timer_error;
    if (order[0] == 1) co_return std::nullopt;
    if (error) std::rethrow_exception(error);
    co_return std::optional<T>(std::move(value));
  }
}

// Runs `first` and `second` until either ends, and cancels the other. An exception from the
// one that ended is rethrown at once.
inline asio::awaitable<void> either(asio::awaitable<void> first, asio::awaitable<void> second) {
  auto executor = co_await asio::this_coro::executor;
  auto group = asio::experimental::make_parallel_group(
      asio::co_spawn(executor, std::move(first), asio::experimental::deferred),
      asio::co_spawn(executor, std::move(second), asio::experimental::deferred));
  auto [order, first_error, second_error] =
      co_await group.async_wait(asio::experimental::wait_for_one(), asio::use_awaitable);
  if (const auto& error = order[0] == 0 ? first_error : second_error) std::rethrow_exception(error);
}

}  // namespace vty::detail
