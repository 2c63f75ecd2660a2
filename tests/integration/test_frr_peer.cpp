// FRRouting itself as the peer (tests/support/frr.hpp): vtysh behind OpenSSH over the libssh
// and system transports, and the daemons' own telnet vtys. What a user of the frr platform
// relies on, against the real router software rather than a model of it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <string>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/cli.hpp"
#include "support/frr.hpp"
#include "support/real_peers.hpp"
#include "support/session_checks.hpp"
#include "support/sim.hpp"

using vty::test::Frr;
using vty::test::FrrOverSsh;
using vty::test::Libssh;
using vty::test::normalised;
using vty::test::open_error;
using vty::test::run_async;
using vty::test::SystemSsh;
using vty::test::Telnet;
using Executor = asio::any_io_executor;
using namespace std::chrono_literals;

namespace {

bool frr_missing() {
  return vty::test::peer_unavailable("FRR", Frr::unavailable());
}

}  // namespace

TEMPLATE_TEST_CASE("FRR: open lands at privilege_exec with FRR's prompt and paging off", "[frr]",
                   Libssh, SystemSsh, Telnet) {
  if (frr_missing()) return;
  FrrOverSsh peer;
  INFO(peer.frr().logs());
  run_async([&](Executor ex) -> asio::awaitable<void> {
    const vty::Options device =
        peer.options(TestType::transport);  // named: connect refuses a temporary
    auto conn = co_await vty::connect(ex, device);
    CHECK(conn->current_privilege() == "privilege_exec");
    const std::string prompt = co_await conn->get_prompt();
    CHECK_THAT(prompt, Catch::Matches(R"([\w.\-]+#)"));
    co_await conn->close();
  });
}

TEMPLATE_TEST_CASE("FRR: send_command returns what vtysh -c prints for the same command", "[frr]",
                   Libssh, SystemSsh, Telnet) {
  if (frr_missing()) return;
  FrrOverSsh peer;
  // A table with no timers or counters in it, so the two answers must be equal.
  const std::string command = "show bgp ipv4 unicast";
  auto r = run_async([&](Executor ex) -> asio::awaitable<vty::Response> {
    const vty::Options device =
        peer.options(TestType::transport);  // named: connect refuses a temporary
    auto conn = co_await vty::connect(ex, device);
    auto response = co_await conn->send_command(command);
    co_await conn->close();
    co_return response;
  });
  CHECK_FALSE(r.failed);
  CHECK_THAT(r.result, Catch::Contains("10.201.2.0/24"));
  CHECK(normalised(r.result) == normalised(peer.frr().vtysh(command)));
  CHECK_FALSE(r.result.starts_with(command));
  CHECK(r.result.find('\r') == std::string::npos);
}

TEMPLATE_TEST_CASE("FRR: send_commands returns one response per command, in order", "[frr]", Libssh,
                   SystemSsh, Telnet) {
  if (frr_missing()) return;
  FrrOverSsh peer;
  auto responses = run_async([&](Executor ex) -> asio::awaitable<vty::MultiResponse> {
    const vty::Options device =
        peer.options(TestType::transport);  // named: connect refuses a temporary
    auto conn = co_await vty::connect(ex, device);
    std::vector<std::string> commands{"show version", "show bgp summary"};
    co_return co_await conn->send_commands(commands);
  });
  REQUIRE(responses.size() == 2);
  CHECK_THAT(responses[0].result, Catch::Contains("FRRouting 8"));
  // The neighbour is dead on purpose: it never gets past Active/Connect/Idle.
  CHECK_THAT(responses[1].result, Catch::Contains("127.0.0.2"));
  CHECK_THAT(responses[1].result, Catch::Contains("local AS number 65001"));
  CHECK_FALSE(responses.failed());
}

TEMPLATE_TEST_CASE("FRR: an unknown command is marked failed", "[frr]", Libssh, SystemSsh, Telnet) {
  if (frr_missing()) return;
  FrrOverSsh peer;
  auto r = run_async([&](Executor ex) -> asio::awaitable<vty::Response> {
    const vty::Options device =
        peer.options(TestType::transport);  // named: connect refuses a temporary
    auto conn = co_await vty::connect(ex, device);
    co_return co_await conn->send_command("show no-such-thing");
  });
  INFO(r.result);
  CHECK(r.failed);
  CHECK(r.failed_when_contains == "Unknown command:");
  CHECK_THROWS_AS(r.raise_for_status(), vty::CommandFailed);
}

TEMPLATE_TEST_CASE("FRR: a configuration round trip through nested modes", "[frr]", Libssh,
                   SystemSsh, Telnet) {
  if (frr_missing()) return;
  FrrOverSsh peer;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    const vty::Options device =
        peer.options(TestType::transport);  // named: connect refuses a temporary
    auto conn = co_await vty::connect(ex, device);
    std::vector<std::string> lines{"router bgp 65001", " neighbor 127.0.0.3 remote-as 65003",
                                   " address-family ipv4 unicast", "  network 10.202.0.0/24",
                                   " exit-address-family"};
    auto applied = co_await conn->send_configs(lines);
    for (const auto& r : applied) INFO(r.command << " -> " << r.result);
    CHECK_FALSE(applied.failed());
    CHECK(conn->current_privilege() == "privilege_exec");
    auto running = co_await conn->send_command("show running-config");
    CHECK_THAT(running.result, Catch::Contains("neighbor 127.0.0.3 remote-as 65003"));
    CHECK_THAT(running.result, Catch::Contains("network 10.202.0.0/24"));

    auto removed = co_await conn->send_config("router bgp 65001\n no neighbor 127.0.0.3\n");
    CHECK_FALSE(removed.failed);
    running = co_await conn->send_command("show running-config");
    CHECK(running.result.find("127.0.0.3") == std::string::npos);
    co_await conn->close();
  });
  // Another session sees it too: the daemon, not the session, holds the configuration.
  CHECK_THAT(peer.frr().vtysh("show running-config"), Catch::Contains("network 10.202.0.0/24"));
}

TEMPLATE_TEST_CASE("FRR: a rejected configuration line is marked failed", "[frr]", Libssh,
                   SystemSsh, Telnet) {
  if (frr_missing()) return;
  FrrOverSsh peer;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    const vty::Options device =
        peer.options(TestType::transport);  // named: connect refuses a temporary
    auto conn = co_await vty::connect(ex, device);
    // FRR refuses a second AS without a "%": "BGP is already running; AS is 65001".
    std::vector<std::string> other{"router bgp 65099"};
    auto other_as = co_await conn->send_configs(other);
    CHECK(other_as.failed());
    CHECK_THAT(other_as.front().result, Catch::Contains("AS is 65001"));
    std::vector<std::string> lines{"interface lo", " no-such-setting 1"};
    auto nonsense = co_await conn->send_configs(lines, {.stop_on_failed = true});
    CHECK(nonsense.failed());
    CHECK(nonsense.back().failed_when_contains == "Unknown command:");
    CHECK(conn->current_privilege() == "privilege_exec");
    co_await conn->close();
  });
}

TEMPLATE_TEST_CASE("FRR: acquire_priv moves between exec, privilege_exec and configuration",
                   "[frr]", Libssh, SystemSsh, Telnet) {
  if (frr_missing()) return;
  FrrOverSsh peer;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    const vty::Options device =
        peer.options(TestType::transport);  // named: connect refuses a temporary
    auto conn = co_await vty::connect(ex, device);
    co_await conn->acquire_priv("exec");
    CHECK(conn->current_privilege() == "exec");
    CHECK_THAT(co_await conn->get_prompt(), Catch::EndsWith(">"));
    co_await conn->acquire_priv("configuration");
    CHECK(conn->current_privilege() == "configuration");
    CHECK_THAT(co_await conn->get_prompt(), Catch::EndsWith("(config)#"));
    co_await conn->acquire_priv("privilege_exec");
    CHECK(conn->current_privilege() == "privilege_exec");
    co_await conn->close();
  });
}

TEMPLATE_TEST_CASE("FRR: long JSON output arrives whole and parses as vtysh's does", "[frr]",
                   Libssh, SystemSsh, Telnet) {
  if (frr_missing()) return;
  FrrOverSsh peer;
  // zebra's table through vtysh; bgpd's own over its vty (zebra has no vty reachable here).
  const bool telnet = std::string(TestType::transport) == "telnet";
  const std::string command = telnet ? "show bgp ipv4 unicast json" : "show ip route json";
  auto r = run_async([&](Executor ex) -> asio::awaitable<vty::Response> {
    const vty::Options device =
        peer.options(TestType::transport);  // named: connect refuses a temporary
    auto conn = co_await vty::connect(ex, device);
    co_return co_await conn->send_command(command);
  });
  CHECK_FALSE(r.failed);
  INFO(r.result.substr(r.result.size() - std::min<std::size_t>(r.result.size(), 300)));
  CHECK(normalised(r.result).starts_with("{"));
  CHECK(normalised(r.result).ends_with("}"));
  CHECK(std::count(r.result.begin(), r.result.end(), '{') ==
        std::count(r.result.begin(), r.result.end(), '}'));
  if (!telnet) {
    // Route ages ("uptime") move between the two reads: compare the prefixes only.
    CHECK(std::count(r.result.begin(), r.result.end(), '{') > Frr::static_routes);
    for (int i = 0; i < Frr::static_routes; i += 7)
      CHECK_THAT(r.result, Catch::Contains("\"10.200." + std::to_string(i) + ".0/24\""));
  } else {
    CHECK(normalised(r.result) == normalised(peer.frr().vtysh(command)));
  }
}

TEMPLATE_TEST_CASE("FRR: send_interactive answers enable's password question", "[frr]", Libssh,
                   SystemSsh, Telnet) {
  if (frr_missing()) return;
  FrrOverSsh peer;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    const vty::Options device =
        peer.options(TestType::transport);  // named: connect refuses a temporary
    auto conn = co_await vty::connect(ex, device);
    co_await conn->acquire_priv("exec");
    // vtysh has no enable password: it goes straight to its # prompt.
    const bool asks = std::string(TestType::transport) == "telnet";
    std::vector<vty::InteractiveEvent> events{{"enable", asks ? "Password:" : ""}};
    if (asks) events.push_back({Frr::enable_password, "", true});
    auto r = co_await conn->send_interactive(events);
    CHECK(r.result.find(Frr::enable_password) == std::string::npos);
    CHECK_THAT(co_await conn->get_prompt(), Catch::EndsWith("#"));
    co_await conn->close();
  });
}

TEMPLATE_TEST_CASE("FRR: send_and_read reads until a pattern", "[frr]", Libssh, SystemSsh, Telnet) {
  if (frr_missing()) return;
  FrrOverSsh peer;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    const vty::Options device =
        peer.options(TestType::transport);  // named: connect refuses a temporary
    auto conn = co_await vty::connect(ex, device);
    auto r = co_await conn->send_and_read("show version", {.until = R"(#\s*$)"});
    CHECK_THAT(r.result, Catch::Contains("FRRouting 8"));
    CHECK_THAT(normalised(r.raw_result), Catch::EndsWith("#"));
    co_await conn->close();
  });
}

TEST_CASE("FRR: every daemon's telnet vty logs in and runs its own commands", "[frr]") {
  if (frr_missing()) return;
  Frr frr;
  const std::pair<const char*, const char*> daemons[] = {
      {"bgpd", "show bgp summary"}, {"ospfd", "show ip ospf"}, {"staticd", "show version"}};
  for (const auto& [daemon, command] : daemons) {
    INFO(daemon << ": " << command);
    auto r = run_async([&](Executor ex) -> asio::awaitable<vty::Response> {
      const vty::Options device = frr.telnet_options(daemon);  // named: connect refuses a temporary
      auto conn = co_await vty::connect(ex, device);
      CHECK(co_await conn->get_prompt() == std::string(Frr::hostname) + "#");
      auto response = co_await conn->send_command(command);
      co_await conn->close();
      co_return response;
    });
    CHECK_FALSE(r.failed);
    CHECK_FALSE(r.result.empty());
  }
}

TEST_CASE("FRR: each daemon's own 'Unknown command' marks a response failed", "[frr]") {
  if (frr_missing()) return;
  Frr frr;
  for (const char* daemon : {"bgpd", "ospfd", "staticd"}) {
    INFO(daemon);
    auto r = run_async([&](Executor ex) -> asio::awaitable<vty::Response> {
      const vty::Options device = frr.telnet_options(daemon);  // named: connect refuses a temporary
      auto conn = co_await vty::connect(ex, device);
      co_return co_await conn->send_command("show no-such-thing");
    });
    CHECK_THAT(r.result, Catch::Matches(R"(% \[\w+\] Unknown command: show no-such-thing)"));
    CHECK(r.failed);
  }
}

TEST_CASE("FRR: a wrong vty password is an AuthenticationError", "[frr]") {
  if (frr_missing()) return;
  Frr frr;
  auto options = frr.telnet_options();
  options.auth.password = "not-the-password";
  const std::string error = open_error(options);
  CHECK_THAT(error, Catch::StartsWith("vty::AuthenticationError"));
}

TEST_CASE("FRR: a key sshd does not accept is an AuthenticationError", "[frr]") {
  if (frr_missing()) return;
  FrrOverSsh peer;
  for (const char* transport : {"libssh", "system"}) {
    INFO(transport);
    auto options = peer.options(transport);
    options.auth.private_key_file = peer.sshd().unauthorized_key_path();
    CHECK_THAT(open_error(options), Catch::StartsWith("vty::AuthenticationError"));
  }
}
