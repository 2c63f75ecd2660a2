// Each reply's deadline holds whatever came before it: libssh and telnet keep one timer per
// session and only move its deadline (the system transport races a timer per reply), so a
// deadline moved later or earlier, or set again after a timeout, still ends a read on time;
// and an idle session leaves no timer that keeps io_context::run() going.
#include <catch2/catch.hpp>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/strand.hpp>
#include <asio/use_awaitable.hpp>

#include <array>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/sim.hpp"

using vty::test::Libssh;
using vty::test::run_async;
using vty::test::Sim;
using vty::test::SystemSsh;
using vty::test::Telnet;
using Executor = asio::any_io_executor;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

// How long `show hang` (never answered) took to end with the OperationTimeout a prompt that
// never comes raises; 0 when it ended otherwise. No CHECK inside: it may run on any thread.
asio::awaitable<Clock::duration> hang_for(vty::AsyncDriver& driver,
                                          std::chrono::milliseconds timeout) {
  const auto started = Clock::now();
  try {
    co_await driver.send_command("show hang", {.timeout = timeout});
  } catch (const vty::OperationTimeout& e) {
    const std::string what = e.what();
    if (e.command() == "show hang" && what.find("no prompt matching") != std::string::npos)
      co_return Clock::now() - started;
  }
  co_return Clock::duration{};
}

}  // namespace

TEMPLATE_TEST_CASE("a deadline moved later than the last reply's still ends the read at its time",
                   "", Libssh, SystemSsh, Telnet) {
  Sim sim;
  auto waited = run_async([&](Executor ex) -> asio::awaitable<Clock::duration> {
    vty::AsyncDriver driver(ex, sim.options(TestType::transport));
    co_await driver.open();
    // Answered at once: its deadline, 300 ms from now, is the earliest the session has set.
    auto clock = co_await driver.send_command("show clock", {.timeout = 300ms});
    CHECK_FALSE(clock.result.empty());
    co_return co_await hang_for(driver, 1500ms);
  });
  CHECK(waited >= 1500ms);
  CHECK(waited < 3s);
}

TEMPLATE_TEST_CASE("within one verb, a later answer's deadline is its own, not the first's", "",
                   Libssh, SystemSsh, Telnet) {
  // Every byte of output from "show clock" on takes 10 ms: its answer, some 60 bytes, takes
  // over half a second, so "show hang" starts well after the timer was set for show clock.
  Sim sim({.extra_args = {"--fault", "slow:10", "--fault-on", "show clock"}});
  auto waited = run_async([&](Executor ex) -> asio::awaitable<Clock::duration> {
    vty::AsyncDriver driver(ex, sim.options(TestType::transport));
    co_await driver.open();
    const auto started = Clock::now();
    try {
      std::vector<std::string> commands{"show clock", "show hang"};
      co_await driver.send_commands(commands, {.timeout = 1500ms});
    } catch (const vty::OperationTimeout& e) {
      CHECK(e.command() == "show hang");
      co_return Clock::now() - started;
    }
    co_return Clock::duration{};
  });
  CHECK(waited >= 2s);  // show clock's half second and more, then show hang's 1.5 s
  CHECK(waited < 5s);
}

TEMPLATE_TEST_CASE("a deadline moved earlier than the last reply's ends the read at its time", "",
                   Libssh, SystemSsh, Telnet) {
  Sim sim;
  auto options = sim.options(TestType::transport);
  options.timeout_ops = 60s;
  auto waited = run_async([&](Executor ex) -> asio::awaitable<Clock::duration> {
    vty::AsyncDriver driver(ex, options);
    co_await driver.open();
    co_await driver.send_command("show clock");  // its deadline: a minute from now
    co_return co_await hang_for(driver, 400ms);
  });
  CHECK(waited >= 400ms);
  CHECK(waited < 2s);
}

TEMPLATE_TEST_CASE("a read after a timed-out one gets its own full timeout", "", Libssh, SystemSsh,
                   Telnet) {
  Sim sim;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    vty::AsyncDriver driver(ex, sim.options(TestType::transport));
    co_await driver.open();
    // Ends at its duration (no error, the session stays in sync), as a timeout ends a read.
    auto partial = co_await driver.send_and_read("show hang", {.duration = 300ms});
    CHECK_FALSE(partial.result.empty());
    auto first = co_await hang_for(driver, 700ms);
    CHECK(first >= 700ms);
    CHECK(first < 2s);
  });
}

TEMPLATE_TEST_CASE("io_context::run() returns when the work is done, the session still open", "",
                   Libssh, SystemSsh, Telnet) {
  Sim sim;
  auto options = sim.options(TestType::transport);
  options.timeout_ops = 120s;
  asio::io_context io;
  vty::AsyncDriver driver(io.get_executor(), options);  // open after the loop returns
  std::string answer;
  auto work = [&](std::string command) -> asio::awaitable<void> {
    if (!driver.is_open()) co_await driver.open();
    // Verbs one after the other keep the deadline's timer; it goes once the loop idles.
    co_await driver.send_command("show clock");
    vty::Response response = co_await driver.send_command(command);
    answer = response.result;
  };
  // Twice: a second run of the loop on the same open session returns as the first did.
  for (const char* command : {"show clock", "show version"}) {
    answer.clear();
    asio::co_spawn(io, work(command), asio::detached);
    const auto started = Clock::now();
    io.restart();
    io.run();
    CHECK_FALSE(answer.empty());
    CHECK(Clock::now() - started < 60s);
  }
  asio::co_spawn(io, driver.close(), asio::detached);
  io.restart();
  io.run();
}

TEMPLATE_TEST_CASE("sessions on strands of a multi-threaded io_context keep their own deadlines",
                   "", Libssh, Telnet) {
  Sim sim;
  const auto options = sim.options(TestType::transport);
  asio::io_context io(2);
  constexpr int kSessions = 4;
  std::array<Clock::duration, kSessions> waited{};
  std::array<std::string, kSessions> answers;
  for (int i = 0; i < kSessions; ++i) {
    auto strand = asio::make_strand(io);  // the documented way (docs/concurrency.md)
    asio::co_spawn(
        strand,
        [&, i, strand]() -> asio::awaitable<void> {
          vty::AsyncDriver driver(strand, options);
          co_await driver.open();
          vty::Response clock = co_await driver.send_command("show clock");
          answers[i] = clock.result;
          // Staggered, so that each session's timer is set, moved and fired on its own.
          waited[i] = co_await hang_for(driver, std::chrono::milliseconds(400 + 100 * i));
        },
        asio::detached);
  }
  std::thread other([&io] { io.run(); });
  io.run();
  other.join();
  for (int i = 0; i < kSessions; ++i) {
    CHECK_FALSE(answers[i].empty());
    CHECK(waited[i] >= std::chrono::milliseconds(400 + 100 * i));
    CHECK(waited[i] < 3s);
  }
}
