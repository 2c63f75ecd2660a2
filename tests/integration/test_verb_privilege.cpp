// CommandOptions::privilege and timeout are honoured by every verb, not only send_configs,
// and `vty run --privilege` sends commands there, never a configuration session's commit.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/cli.hpp"
#include "support/sim.hpp"

using vty::test::jq;
using vty::test::run_async;
using vty::test::Sim;
using Executor = asio::any_io_executor;
using namespace std::chrono_literals;

TEST_CASE("Every verb sends at CommandOptions::privilege") {
  Sim sim;  // cisco_iosxe: exec (>) below the default privilege_exec (#)
  const vty::Options& device = sim.options();
  auto levels = run_async([&](Executor ex) -> asio::awaitable<std::string> {
    auto conn = co_await vty::connect(ex, device);
    std::string seen;
    co_await conn->send_command("show clock", {.privilege = "exec"});
    seen += conn->current_privilege();
    std::vector<std::string> commands{"show clock"};
    co_await conn->send_commands(commands, {.privilege = "exec"});
    seen += " " + conn->current_privilege();
    co_await conn->send_command("show clock");  // no level asked: the default one
    seen += " " + conn->current_privilege();
    std::vector<vty::InteractiveEvent> events{{.input = "show clock"}};
    co_await conn->send_interactive(events, {.privilege = "exec"});
    seen += " " + conn->current_privilege();
    co_await conn->send_and_read("show clock", {.until = ">\\s*$", .privilege = "exec"});
    seen += " " + conn->current_privilege();
    co_await conn->close();
    co_return seen;
  });
  CHECK(levels == "exec exec privilege_exec exec exec");
}

TEST_CASE("send_and_read honours its timeout like the other verbs") {
  Sim sim;
  auto started = std::chrono::steady_clock::now();
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, sim.options());  // timeout_ops 5 s
    CHECK_THROWS_AS(
        co_await conn->send_and_read("show clock", {.until = "never-arrives", .timeout = 300ms}),
        vty::OperationTimeout);
  });
  CHECK(std::chrono::steady_clock::now() - started < 4s);
}

TEST_CASE("vty run --privilege sends commands at that level and no commit (IOS-XR and Junos)") {
  for (auto [platform, level] :
       {std::pair{"cisco_iosxr", "privilege_exec"}, std::pair{"juniper_junos", "exec"}}) {
    INFO(platform);
    Sim sim({.extra_args = {"--device", platform}});
    auto r = vty::test::vty_run_sim(
        {.args = {"127.0.0.1:" + std::to_string(sim.port()), "--platform", platform, "-c",
                  "show version", "--privilege", level, "--json"}});
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(jq(r.output, ".[0].results | map(.command) == [\"show version\"]"));
    CHECK(jq(r.output, ".[0].ok"));
  }
}
