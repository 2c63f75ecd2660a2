// The channel-level keepalive (Options::keepalive_interval) against vty-sim devices whose
// line exec-timeout closes a session where nothing was typed, as IOS's does: SSH-level
// traffic does not count there, a return does.
#include <catch2/catch.hpp>

#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include <string>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/sim.hpp"

using vty::test::run_async;
using vty::test::Sim;
using Executor = asio::any_io_executor;
using namespace std::chrono_literals;

namespace {

asio::awaitable<void> sleep_for(Executor ex, std::chrono::milliseconds duration) {
  asio::steady_timer timer(ex, duration);
  co_await timer.async_wait(asio::use_awaitable);
}

}  // namespace

TEMPLATE_TEST_CASE("channel keepalive: an idle session outlives the device's exec-timeout", "",
                   vty::test::Libssh, vty::test::Telnet) {
  Sim sim({.extra_args = {"--exec-timeout", "1000"}});
  vty::Options plain = sim.options(TestType::transport);
  vty::Options keeping = plain;
  keeping.keepalive_interval = 300ms;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    vty::AsyncDriver without(ex, plain);
    vty::AsyncDriver with(ex, keeping);
    co_await without.open();
    co_await with.open();
    co_await sleep_for(ex, 2500ms);  // 2.5 exec-timeouts with nothing sent by the caller

    // Without a keepalive the device hung up on the idle session (no read was pending, so
    // the next verb is the first to see it).
    CHECK_THROWS_AS(co_await without.send_command("show version"), vty::ConnectionClosed);

    // With one, the session is still there and answers as before.
    CHECK(with.is_alive());
    auto version = co_await with.send_command("show version");
    CHECK_FALSE(version.failed);
    CHECK_THAT(version.result, Catch::Contains("Cisco IOS XE Software"));
    CHECK(with.current_privilege() == "privilege_exec");
    co_await with.close();
  });
}

TEST_CASE("channel keepalive: its returns never mix into a verb's output") {
  Sim sim;
  vty::Options plain = sim.options();
  vty::Options keeping = plain;
  keeping.keepalive_interval = 20ms;  // far shorter than one command takes
  run_async([&](Executor ex) -> asio::awaitable<void> {
    vty::AsyncDriver reference(ex, plain);
    vty::AsyncDriver driver(ex, keeping);
    co_await reference.open();
    co_await driver.open();
    const std::string expected = (co_await reference.send_command("show running-config")).result;
    REQUIRE(expected.size() > 200);
    for (int i = 0; i < 10; ++i) {
      co_await sleep_for(ex, 60ms);  // idle long enough for keepalives to run in between
      auto running = co_await driver.send_command("show running-config");
      CHECK(running.result == expected);
      CHECK(running.command == "show running-config");
    }
    co_await reference.close();
    // Ending the session with a keepalive due (no close(): the driver aborts it) is clean.
  });
}

TEST_CASE("channel keepalive: the blocking Driver refuses it with a UsageError") {
  Sim sim;
  vty::Options options = sim.options();
  options.keepalive_interval = 1s;
  vty::Driver driver(options);
  CHECK_THROWS_AS(driver.open(), vty::UsageError);
  CHECK_FALSE(driver.is_open());
}
