// Sessions as a whole: many at once, shared drivers, the scoped guard, the blocking
// facade, and sessions the device ends; over each transport.
#include <catch2/catch.hpp>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/awaitable_operators.hpp>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/concurrent_sessions.hpp"
#include "support/process_resources.hpp"
#include "support/sim.hpp"

using vty::test::Libssh;
using vty::test::run_async;
using vty::test::Sim;
using vty::test::SystemSsh;
using vty::test::Telnet;
using Executor = asio::any_io_executor;
using namespace asio::experimental::awaitable_operators;

TEMPLATE_TEST_CASE("100 sessions run concurrently in one io_context", "", Libssh, SystemSsh,
                   Telnet) {
  Sim sim({.devices = 4});
  constexpr int sessions = 100;
  auto outcome = vty::test::run_concurrent_sessions(sim, TestType::transport, sessions, 4);
  INFO((outcome.errors.empty() ? std::string() : outcome.errors.front()));
  CHECK(outcome.errors.empty());
  CHECK(outcome.ok == sessions);
}

TEMPLATE_TEST_CASE("sessions closed, aborted or hung up on leave no descriptor behind", "", Libssh,
                   SystemSsh) {
  Sim sim;
  const auto& options = sim.options(TestType::transport);
  auto session = [&](int round) {
    run_async([&](Executor ex) -> asio::awaitable<void> {
      auto conn = co_await vty::connect(ex, options);
      if (round % 3 == 0) co_await conn->close();  // gracefully, the device hangs up on "exit"
      if (round % 3 == 1) co_await conn->send_command("show clock");  // the guard aborts
      if (round % 3 == 2) {
        CHECK_THROWS_AS(co_await conn->send_command("exit"), vty::ConnectionClosed);
      }
    });
  };
  session(0);  // the first session allocates what lives for the process (asio's reactor)
  const int before = vty::test::open_descriptor_count();
  for (int round = 0; round < 12; ++round) session(round);
  CHECK(vty::test::descriptor_count_settling_at(before) == before);
}

TEMPLATE_TEST_CASE("two coroutines sharing one driver take turns and each gets its own answer", "",
                   Libssh, SystemSsh, Telnet) {
  Sim sim;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, sim.options(TestType::transport));
    auto [version, interfaces] = co_await (conn->send_command("show version") &&
                                           conn->send_command("show ip interface brief"));
    CHECK(version.command == "show version");
    CHECK_THAT(version.result, Catch::Contains("Cisco IOS XE Software"));
    CHECK(version.result.find("GigabitEthernet1 ") == std::string::npos);
    CHECK_THAT(interfaces.result, Catch::Contains("GigabitEthernet1"));
    CHECK(interfaces.result.find("Cisco IOS XE Software") == std::string::npos);
    std::vector<std::string> lines{"interface Loopback9", "shutdown"};
    auto [configs, clock] =
        co_await (conn->send_configs(lines) && conn->send_command("show clock"));
    CHECK_FALSE(configs.failed());
    CHECK_FALSE(clock.failed);
    CHECK(conn->current_privilege() == "privilege_exec");
  });
}

TEMPLATE_TEST_CASE("the connect guard ends a session that was not closed, without throwing", "",
                   Libssh, SystemSsh, Telnet) {
  Sim sim;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    {
      auto conn = co_await vty::connect(ex, sim.options(TestType::transport));
      co_await conn->send_command("show clock");
    }  // aborted here
    auto again = co_await vty::connect(ex, sim.options(TestType::transport));
    auto clock = co_await again->send_command("show clock");
    CHECK_FALSE(clock.failed);
  });
}

TEMPLATE_TEST_CASE("close returns at once when the device hangs up on the close command", "",
                   Libssh, SystemSsh, Telnet) {
  Sim sim;
  auto options = sim.options(TestType::transport);
  options.timeout_socket = std::chrono::seconds(20);
  options.timeout_transport = std::chrono::seconds(20);
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, options);
    auto started = std::chrono::steady_clock::now();
    co_await conn->close();  // IOS ends the session on "exit" before the transport says goodbye
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
    CHECK_FALSE(conn->is_open());
  });
}

TEMPLATE_TEST_CASE("the blocking Driver offers the same verbs without an event loop", "", Libssh,
                   SystemSsh, Telnet) {
  Sim sim;
  vty::Driver driver(sim.options(TestType::transport));
  driver.open();
  CHECK(driver.current_privilege() == "privilege_exec");
  CHECK(driver.get_prompt() == "router1#");
  auto r = driver.send_command("show version");
  CHECK_THAT(r.result, Catch::Contains("Cisco IOS XE Software"));
  auto configs = driver.send_configs({"interface Loopback2", "description blocking"});
  CHECK_FALSE(configs.failed());
  CHECK_THROWS_AS(driver.send_command("show hang", {.timeout = std::chrono::milliseconds(300)}),
                  vty::OperationTimeout);
  driver.close();
  CHECK_FALSE(driver.is_open());
}

TEMPLATE_TEST_CASE("a device that ends the session mid-command raises ConnectionClosed", "", Libssh,
                   SystemSsh, Telnet) {
  Sim sim;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, sim.options(TestType::transport));
    try {
      co_await conn->send_command("exit");
      FAIL("exit returned a prompt");
    } catch (const vty::ConnectionClosed& e) {
      CHECK(e.host() == "127.0.0.1");
      CHECK(e.command() == "exit");
    }
  });
}

TEMPLATE_TEST_CASE("a refused port is a ConnectionRefused naming the host", "", Libssh, SystemSsh,
                   Telnet) {
  auto port = vty::test::free_loopback_port();
  Sim sim;
  auto options = sim.options(TestType::transport);
  options.port = port;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    try {
      co_await vty::connect(ex, options);
      FAIL("connected to a closed port");
    } catch (const vty::ConnectionRefused& e) {
      CHECK(e.host() == "127.0.0.1");
    }
  });
}
