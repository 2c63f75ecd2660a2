// What the configuration-management tests share: one simulated device of a platform with
// a short commit-confirmed minute, a ConfigSession on a fresh connection, and waiting for
// the running configuration by polling it (a timer's effect shows when it shows, not after
// a fixed sleep).
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/poll.hpp"
#include "support/sim.hpp"

namespace vty::test::config {

using Executor = asio::any_io_executor;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// A commit-confirmed minute in the simulator: short where a test waits for a rollback; long
// where a confirm must arrive in time from a machine that may be busy.
constexpr std::chrono::milliseconds kMinute = 300ms;
constexpr std::chrono::milliseconds kSlowMinute = 1500ms;

// One simulated device of `platform`.
struct Device {
  explicit Device(const std::string& platform, std::chrono::milliseconds minute = kMinute)
      : minute(minute),
        sim(Sim::Config{.extra_args = {"--device", platform, "--confirm-minute",
                                       std::to_string(minute.count())}}),
        options(sim.options()) {
    options.platform = platform;
  }
  std::chrono::milliseconds minute;
  Sim sim;
  vty::Options options;
};

// Runs `body` with a ConfigSession on a fresh connection to `device`.
template <typename Body>
std::string with_session(const Device& device, Body body) {
  return run_async([&](Executor ex) -> asio::awaitable<std::string> {
    auto conn = co_await vty::connect(ex, device.options);
    vty::ConfigSession session(*conn);
    auto result = co_await body(session);
    co_await conn->close();
    co_return result;
  });
}

// Stages `text` as the whole configuration and commits it, to be confirmed within
// `minutes`, on a fresh connection to `device`.
inline void replace_confirmed(const Device& device, const std::string& text, int minutes) {
  with_session(device, [&](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config(text, vty::LoadMode::kReplace);
    co_await s.commit({.confirm_minutes = minutes});
    co_return "";
  });
}

// Confirms a pending commit-confirmed from a fresh connection (a later session).
inline void confirm_later(const Device& device) {
  with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.confirm();
    co_return "";
  });
}

inline asio::awaitable<std::string> running(vty::ConfigSession& session) {
  co_return co_await session.get_config(vty::ConfigSource::kRunning);
}

// Reads the running configuration until `done` says so or `deadline` passes; the last one
// read.
inline std::string poll_running(const Device& device,
                                const std::function<bool(const std::string&)>& done,
                                Clock::time_point deadline) {
  std::string seen;
  poll_until(
      [&] {
        seen = with_session(device, running);
        return done(seen);
      },
      deadline, 50ms);
  return seen;
}

// The running configuration once it is `expected` (a rolled-back commit), or what it still
// is after 20 simulated minutes.
inline std::string wait_for_running(const Device& device, const std::string& expected) {
  return poll_running(
      device, [&](const std::string& seen) { return seen == expected; },
      Clock::now() + 20 * device.minute);
}

// The running configuration as it is read until `until` (a confirmed commit's timer would
// have expired by then): the first one that differs from `expected`, else `expected`.
inline std::string running_until(const Device& device, const std::string& expected,
                                 Clock::time_point until) {
  return poll_running(
      device, [&](const std::string& seen) { return seen != expected; }, until);
}

}  // namespace vty::test::config
