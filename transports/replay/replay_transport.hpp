// The "replay" transport: a recording (docs/recording.md) plays the device. What the client
// sends must match what was recorded; the recorded output comes back at once, or with the
// recorded delays (ReplayOptions::realtime).
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/steady_timer.hpp>

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "replay_script.hpp"
#include "vty/options.hpp"
#include "vty/transport.hpp"
#include "vty/transports/replay.hpp"

namespace vty {

class ReplayTransport final : public Transport {
 public:
  /// Reads Options::replay.file; throws RecordingError when it is not a recording.
  ReplayTransport(asio::any_io_executor executor, const Options& options);

  asio::awaitable<void> open() override;
  asio::awaitable<std::size_t> read_some(std::span<char> buffer) override;
  /// Throws ReplayMismatch when `data` is not what the recording expects next.
  asio::awaitable<void> write(std::string_view data) override;
  asio::awaitable<void> close() override;
  void abort() noexcept override;
  bool cancels_reads() const override { return true; }
  void cancel_read() noexcept override;

  bool authenticates_in_band() const override;
  std::string_view name() const override { return "replay"; }

 private:
  using Clock = std::chrono::steady_clock;
  asio::awaitable<void> wait_until(Clock::time_point when);
  ErrorContext context(std::string operation) const;

  Options options_;
  replay::ReplayScript script_;
  asio::steady_timer wake_;  // a read waiting for input (or for its time) sleeps on it
  bool open_ = false;
  bool read_cancelled_ = false;  // cancel_read() ran during this read_some
  // Realtime: the recorded moment `anchor_recorded_` happened at `anchor_`.
  Clock::time_point anchor_{};
  std::chrono::microseconds anchor_recorded_{};
};

// The factory registered as "replay": the recording is Options::replay (deprecated).
std::unique_ptr<Transport> make_replay_transport(asio::any_io_executor executor,
                                                 const Options& options);

}  // namespace vty
