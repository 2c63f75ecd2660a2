// vty::ConfigSession on Cisco NX-OS (vty-sim): lines wait in the configuration session "vty"
// until commit; the session's own listing is the diff; no commit-confirmed, replace or
// numbered rollback.
#include <catch2/catch.hpp>

#include "config_fixture.hpp"

using namespace vty::test::config;

TEST_CASE("nxos: load merge stages in a session, diff lists it, commit applies it") {
  Device device("cisco_nxos");
  auto diff = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname nx1\nfeature bgp\n");
    CHECK(co_await s.get_config(vty::ConfigSource::kRunning) == "!Command: show running-config");
    auto diff = co_await s.diff();
    co_await s.commit();
    co_return diff;
  });
  CHECK(diff == "config session vty\n0001 hostname nx1\n0002 feature bgp");
  CHECK(with_session(device, running) ==
        "!Command: show running-config\nhostname nx1\nfeature bgp");
}

TEST_CASE("nxos: abort drops the session, and a refused line is ConfigLineRefused") {
  Device device("cisco_nxos");
  auto seen = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname nx1\n");
    co_await s.abort();
    try {
      co_await s.load_config("hostname nx2\nbogus line\n");
    } catch (const vty::ConfigLineRefused& error) {
      CHECK_THAT(error.device_message(), Catch::Contains("% Invalid command at '^' marker."));
      co_return error.line();
    }
    co_return std::string("no error");
  });
  CHECK(seen == "bogus line");
  CHECK(with_session(device, running) == "!Command: show running-config");
}

TEST_CASE("nxos: save copies running to startup") {
  Device device("cisco_nxos");
  auto startup = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname nx1\n");
    co_await s.commit();
    co_await s.save();
    co_return co_await s.get_config(vty::ConfigSource::kStartup);
  });
  CHECK(startup == "!Command: show startup-config\nhostname nx1");
}

TEST_CASE("nxos: commit-confirmed, replace and rollback are UnsupportedOperation") {
  Device device("cisco_nxos");
  auto seen = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    std::string names;
    co_await s.load_config("hostname nx1\n");
    try {
      co_await s.commit({.confirm_minutes = 2});
    } catch (const vty::UnsupportedOperation&) {
      names += "confirm;";
    }
    co_await s.abort();
    try {
      co_await s.load_config("hostname nx1\n", vty::LoadMode::kReplace);
    } catch (const vty::UnsupportedOperation&) {
      names += "replace;";
    }
    try {
      co_await s.rollback(1);
    } catch (const vty::UnsupportedOperation&) {
      names += "rollback";
    }
    co_return names;
  });
  CHECK(seen == "confirm;replace;rollback");
  CHECK(with_session(device, running) == "!Command: show running-config");
}
