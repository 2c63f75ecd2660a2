// A channel's reply deadline, kept by one timer for the session's whole life instead of a
// timer (and a coroutine racing it) per reply.
#pragma once

#include <asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include "vty/transport.hpp"

namespace vty::detail {

// Each reply only moves the deadline; the timer is set again when it would fire too late (a
// shorter timeout than the one it waits for) or fires early (for an older deadline). With one
// timeout the deadlines only grow, so within a verb (send_commands, a login, a privilege
// path) the timer is set about once per timeout, not per reply; a reply read without waiting
// sets none. When a verb lets go of the channel the timer stays set until the event loop next
// gets its turn: if no verb has taken the channel by then, it is disarmed, so that an idle
// session keeps no event loop running; verbs one after the other (a loop of send_command)
// keep it, and the timer is set once per timeout, not per verb. Used for transports that
// cancel_read(); everything runs on the reading coroutine's executor.
class ReplyDeadline {
 public:
  using Clock = std::chrono::steady_clock;

  ReplyDeadline() : self_(std::make_shared<ReplyDeadline*>(this)) {}
  ~ReplyDeadline() { *self_ = nullptr; }
  ReplyDeadline(const ReplyDeadline&) = delete;
  ReplyDeadline& operator=(const ReplyDeadline&) = delete;

  // Bounds the reads from now until stop() by `limit`: once it has passed, expired() is true
  // and a read of `transport` in progress is cancelled.
  void start(const asio::any_io_executor& executor, Clock::duration limit, Transport& transport);
  void stop() noexcept { active_ = false; }
  bool expired() const { return active_ && expired_; }
  // Leaves no wait pending (the next start() sets one again).
  void disarm() noexcept;
  // A verb holds the channel: the wait may stay.
  void hold() noexcept { held_ = true; }
  // The verb let go: the wait goes once the event loop runs, unless a verb holds it again.
  void release() noexcept;

  // Marks a transport read in progress while it lives.
  class Reading {
   public:
    explicit Reading(ReplyDeadline& deadline) : deadline_(deadline) { deadline_.reading_ = true; }
    ~Reading() { deadline_.reading_ = false; }
    Reading(const Reading&) = delete;
    Reading& operator=(const Reading&) = delete;

   private:
    ReplyDeadline& deadline_;
  };

 private:
  void arm(Clock::time_point when);
  void fired(std::uint64_t generation);
  void release_if_idle();

  std::optional<asio::steady_timer> timer_;
  std::shared_ptr<ReplyDeadline*> self_;  // the timer's handlers hold it: null once this is gone
  Transport* transport_ = nullptr;
  Clock::time_point deadline_{};
  Clock::time_point armed_for_ = Clock::time_point::max();  // max: no wait pending
  std::uint64_t generation_ = 0;                            // of the wait that counts
  bool active_ = false;
  bool expired_ = false;
  bool reading_ = false;
  bool held_ = false;
  bool release_pending_ = false;  // release_if_idle() is posted
};

}  // namespace vty::detail
