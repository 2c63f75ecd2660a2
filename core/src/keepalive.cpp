// The channel-level keepalive (Options::keepalive_interval): a return now and then, for
// devices whose exec-timeout counts only typed input and ignores SSH-level traffic.
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/redirect_error.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include "driver_state.hpp"

namespace vty {

using Clock = std::chrono::steady_clock;

struct AsyncDriver::State::Keepalive {
  explicit Keepalive(asio::any_io_executor executor) : timer(std::move(executor)) {}
  asio::steady_timer timer;
  bool stopped = false;
};

void AsyncDriver::State::start_keepalive(const std::shared_ptr<State>& self) {
  stop_keepalive();
  if (options.keepalive_interval.count() <= 0) return;
  last_used = Clock::now();
  keepalive = std::make_shared<Keepalive>(executor);
  asio::co_spawn(executor, keep_alive(self, keepalive), asio::detached);
}

void AsyncDriver::State::stop_keepalive() noexcept {
  if (!keepalive) return;
  keepalive->stopped = true;
  keepalive->timer.cancel();
  keepalive.reset();
}

// Sleeps holding only a weak reference, so that a driver destroyed meanwhile just ends the
// loop; while it talks to the device it holds the state, so that an abort mid-exchange
// (which fails the read) does not free the channel under it.
asio::awaitable<void> AsyncDriver::State::keep_alive(std::weak_ptr<State> weak,
                                                     std::shared_ptr<Keepalive> keepalive) {
  Clock::time_point next;
  if (auto s = weak.lock()) next = s->last_used + s->options.keepalive_interval;
  for (;;) {
    keepalive->timer.expires_at(next);
    asio::error_code ignored;
    co_await keepalive->timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    if (keepalive->stopped) co_return;
    auto s = weak.lock();
    if (!s || !s->open || !s->channel) co_return;
    const auto interval = s->options.keepalive_interval;
    if (Clock::now() - s->last_used < interval) {  // a verb ran since: wait out its silence
      next = s->last_used + interval;
      continue;
    }
    // Out of sync (an earlier read gave up): the next verb resynchronises, not the keepalive.
    if (!s->channel->in_sync()) co_return;
    auto lock = s->channel->try_lock();
    if (!lock) {  // a verb is talking to the device right now: that is traffic enough
      s->last_used = Clock::now();
      next = s->last_used + interval;
      continue;
    }
    try {
      auto reply =
          co_await s->channel->send_input("", s->context("keepalive"), s->options.timeout_ops);
      if (keepalive->stopped) co_return;
      s->update_level(reply.prompt, "keepalive");
    } catch (const DriverException&) {
      // The session broke or went astray: the next verb meets the same fault and reports it
      // with its own operation; is_alive() already says so for a closed connection.
      co_return;
    }
    s->last_used = Clock::now();
    next = s->last_used + interval;
  }
}

}  // namespace vty
