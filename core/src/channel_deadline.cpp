#include "channel_deadline.hpp"

#include <asio/error.hpp>
#include <asio/post.hpp>

namespace vty::detail {

void ReplyDeadline::start(const asio::any_io_executor& executor, Clock::duration limit,
                          Transport& transport) {
  transport_ = &transport;
  deadline_ = Clock::now() + limit;
  active_ = true;
  expired_ = false;
  // The handler must run where the read runs: serialised with it, on a strand or one thread.
  if (!timer_ || timer_->get_executor() != executor) {
    disarm();
    timer_.emplace(executor);
  }
  if (deadline_ < armed_for_) arm(deadline_);
}

void ReplyDeadline::disarm() noexcept {
  if (!timer_ || armed_for_ == Clock::time_point::max()) return;
  ++generation_;
  armed_for_ = Clock::time_point::max();
  timer_->cancel();
}

void ReplyDeadline::release() noexcept {
  held_ = false;
  if (!timer_ || armed_for_ == Clock::time_point::max() || release_pending_) return;
  // Not now: cancelling (and setting again for the next verb) is a timerfd_settime and a
  // completion that costs the event loop an extra epoll_wait, per verb that waited.
  try {
    asio::post(timer_->get_executor(), [self = self_] {
      if (ReplyDeadline* deadline = *self) deadline->release_if_idle();
    });
    release_pending_ = true;
  } catch (...) {
    disarm();  // no memory for the handler: at once, as before
  }
}

void ReplyDeadline::release_if_idle() {
  release_pending_ = false;
  if (!held_) disarm();
}

void ReplyDeadline::arm(Clock::time_point when) {
  armed_for_ = when;
  const std::uint64_t generation = ++generation_;
  timer_->expires_at(when);  // a wait already pending ends as cancelled, and no longer counts
  timer_->async_wait([self = self_, generation](const asio::error_code& error) {
    if (error == asio::error::operation_aborted) return;
    if (ReplyDeadline* deadline = *self) deadline->fired(generation);
  });
}

void ReplyDeadline::fired(std::uint64_t generation) {
  if (generation != generation_) return;  // a later arm() or disarm() replaced this wait
  armed_for_ = Clock::time_point::max();
  if (!active_) return;  // idle: the next reply sets the timer again
  if (Clock::now() < deadline_) {
    arm(deadline_);  // set for an earlier reply's deadline; this one is later
    return;
  }
  expired_ = true;
  if (reading_) transport_->cancel_read();
}

}  // namespace vty::detail
