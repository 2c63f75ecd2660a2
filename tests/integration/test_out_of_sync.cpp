// After a verb gives up waiting (a timeout), the device may still be sending its answer:
// the next verb must not take that late output for its own.
#include <catch2/catch.hpp>

#include <asio/experimental/awaitable_operators.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/sim.hpp"

using vty::test::Libssh;
using vty::test::run_async;
using vty::test::Sim;
using vty::test::Telnet;
using Executor = asio::any_io_executor;
using namespace std::chrono_literals;
using namespace asio::experimental::awaitable_operators;

namespace {

// From "show prompt-like" on, the device prints 10 ms per byte: its answer (with lines
// that look like prompts) takes about 2 s.
Sim::Config slow_after_prompt_like() {
  return {.devices = 1, .extra_args = {"--fault", "slow:10", "--fault-on", "show prompt-like"}};
}

}  // namespace

TEMPLATE_TEST_CASE("after a timeout the next command's Response holds only its own output", "",
                   Libssh, Telnet) {
  Sim sim(slow_after_prompt_like());
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, sim.options(TestType::transport));
    CHECK(conn->in_sync());
    CHECK_THROWS_AS(co_await conn->send_command("show prompt-like", {.timeout = 300ms}),
                    vty::OperationTimeout);
    CHECK_FALSE(conn->in_sync());

    auto clock = co_await conn->send_command("show clock");
    CHECK(clock.result == "*10:41:07.482 UTC Tue Mar 25 2025");
    CHECK(clock.raw_result.find("Recent commands") == std::string::npos);
    CHECK(clock.raw_result.find("End of list") == std::string::npos);
    CHECK(conn->in_sync());
    CHECK(conn->current_privilege() == "privilege_exec");

    // And the session goes on as usual.
    auto users = co_await conn->send_command("show users");
    CHECK(users.result.starts_with("    Line       User"));
    co_await conn->close();
  });
}

TEST_CASE("after a timeout every verb resynchronises before it sends") {
  Sim sim(slow_after_prompt_like());
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, sim.options("libssh"));
    SECTION("send_and_read with a pattern") {
      CHECK_THROWS_AS(co_await conn->send_and_read("show prompt-like",
                                                   {.until = "^End of list$", .timeout = 300ms}),
                      vty::OperationTimeout);
      CHECK_FALSE(conn->in_sync());
      auto r = co_await conn->send_and_read("show clock", {.until = R"(^router1#\s*$)"});
      CHECK(r.result == "*10:41:07.482 UTC Tue Mar 25 2025");
    }
    SECTION("get_prompt") {
      CHECK_THROWS_AS(co_await conn->send_command("show prompt-like", {.timeout = 300ms}),
                      vty::OperationTimeout);
      CHECK(co_await conn->get_prompt() == "router1#");
    }
    SECTION("acquire_priv") {
      CHECK_THROWS_AS(co_await conn->send_command("show prompt-like", {.timeout = 300ms}),
                      vty::OperationTimeout);
      co_await conn->acquire_priv("exec");
      CHECK(conn->current_privilege() == "exec");
      CHECK(co_await conn->get_prompt() == "router1>");
    }
    CHECK(conn->in_sync());
    co_await conn->close();
  });
}

TEST_CASE("a device that never shows a prompt again raises SessionOutOfSync until reopen()") {
  Sim sim;
  auto options = sim.options("libssh");
  options.timeout_ops = 1s;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    vty::AsyncDriver driver(ex, options);
    co_await driver.open();
    CHECK_THROWS_AS(co_await driver.send_command("show hang", {.timeout = 300ms}),
                    vty::OperationTimeout);
    for (int attempt = 0; attempt < 2; ++attempt) {
      auto started = std::chrono::steady_clock::now();
      try {
        co_await driver.send_command("show clock");
        FAIL("show clock was answered by a hung device");
      } catch (const vty::SessionOutOfSync& e) {
        auto waited = std::chrono::steady_clock::now() - started;
        CHECK(waited >= 1s);
        CHECK(waited < 2s);
        CHECK(e.operation() == "send_command");
        CHECK_THAT(e.what(), Catch::Contains("reopen()"));
        CHECK_THAT(e.tail(), Catch::Contains("Building configuration..."));
      }
      CHECK_FALSE(driver.in_sync());
    }
    co_await driver.reopen();
    CHECK(driver.in_sync());
    auto clock = co_await driver.send_command("show clock");
    CHECK(clock.result == "*10:41:07.482 UTC Tue Mar 25 2025");
    co_await driver.close();
  });
}

TEST_CASE("a command cancelled mid-answer leaves the session to resynchronise, not to mix") {
  Sim sim(slow_after_prompt_like());
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, sim.options("libssh"));
    asio::steady_timer timer(ex, 300ms);
    auto winner =
        co_await (conn->send_command("show prompt-like") || timer.async_wait(asio::use_awaitable));
    CHECK(winner.index() == 1);  // the timer: the command was cancelled
    CHECK_FALSE(conn->in_sync());
    auto clock = co_await conn->send_command("show clock");
    CHECK(clock.result == "*10:41:07.482 UTC Tue Mar 25 2025");
    CHECK(conn->in_sync());
    co_await conn->close();
  });
}

TEST_CASE("the blocking Driver tells a session out of sync after a timeout, and resynchronises") {
  Sim sim(slow_after_prompt_like());
  vty::Driver driver(sim.options("libssh"));
  driver.open();
  CHECK(driver.in_sync());
  CHECK_THROWS_AS(driver.send_command("show prompt-like", {.timeout = 300ms}),
                  vty::OperationTimeout);
  CHECK_FALSE(driver.in_sync());
  auto clock = driver.send_command("show clock");
  CHECK(clock.result == "*10:41:07.482 UTC Tue Mar 25 2025");
  CHECK(clock.raw_result.find("End of list") == std::string::npos);
  CHECK(driver.in_sync());
  driver.close();
}
