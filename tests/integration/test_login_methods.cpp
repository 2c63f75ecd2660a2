// Both transports log in whichever password method the device offers: SSH "password" or
// "keyboard-interactive" (which is what many devices with AAA servers offer alone).
#include <catch2/catch.hpp>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/sim.hpp"

using vty::test::run_async;
using vty::test::Sim;
using Executor = asio::any_io_executor;

TEST_CASE("login works with only password or only keyboard-interactive offered") {
  const std::string method = GENERATE(as<std::string>{}, "password", "keyboard-interactive");
  const std::string transport = GENERATE(as<std::string>{}, "libssh", "system");
  INFO(transport << " against a device offering " << method);
  Sim sim({.devices = 1, .extra_args = {"--auth", method}});
  auto version = run_async([&](Executor ex) -> asio::awaitable<std::string> {
    auto conn = co_await vty::connect(ex, sim.options(transport));
    auto response = co_await conn->send_command("show version");
    co_await conn->close();
    co_return response.result;
  });
  CHECK_THAT(version, Catch::Contains("Cisco IOS XE Software"));

  auto wrong = sim.options(transport);
  wrong.auth.password = "not-the-password";
  run_async([&](Executor ex) -> asio::awaitable<void> {
    CHECK_THROWS_AS(co_await vty::connect(ex, wrong), vty::AuthenticationError);
  });
}
