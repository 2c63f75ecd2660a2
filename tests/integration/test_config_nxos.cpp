// vty::ConfigSession on Cisco NX-OS (vty-sim): lines wait in the configuration session "vty"
// until commit; the session's own listing is the diff; a replace is a bootflash file and
// `configure replace` (confirmed with a commit-timeout); rollback n is a user checkpoint.
#include <catch2/catch.hpp>

#include "config_fixture.hpp"

using namespace vty::test::config;

namespace {

void commit_lines(const Device& device, std::string text) {
  with_session(device, [&](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config(text);
    co_await s.commit();
    co_return "";
  });
}

}  // namespace

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

TEST_CASE("nxos: a session commit has no timer: commit-confirmed of a merge is unsupported") {
  Device device("cisco_nxos");
  auto seen = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname nx1\n");
    std::string seen = "committed";
    try {
      co_await s.commit({.confirm_minutes = 2});
    } catch (const vty::UnsupportedOperation&) {
      seen = "unsupported";
    }
    co_await s.abort();
    co_return seen;
  });
  CHECK(seen == "unsupported");
  CHECK(with_session(device, running) == "!Command: show running-config");
}

TEST_CASE("nxos: load replace stages a bootflash file, diff is the rollback patch") {
  Device device("cisco_nxos");
  commit_lines(device, "hostname nx1\nfeature bgp\n");
  auto diff = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname nx2\nfeature bgp\n", vty::LoadMode::kReplace);
    CHECK(co_await s.get_config() == "!Command: show running-config\nhostname nx1\nfeature bgp");
    auto diff = co_await s.diff();
    co_await s.commit();  // configure replace bootflash:vty-candidate.cfg
    co_return diff;
  });
  CHECK(diff ==
        "Collecting Running-Config\n#Generating Rollback Patch\n!!\nno hostname nx1\n"
        "hostname nx2");
  CHECK(with_session(device, running) ==
        "!Command: show running-config\nhostname nx2\nfeature bgp");
}

TEST_CASE("nxos: a replace with a commit-timeout that expires rolls back") {
  Device device("cisco_nxos");
  commit_lines(device, "hostname before\n");
  with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname after\n", vty::LoadMode::kReplace);
    co_await s.commit({.confirm_minutes = 1});  // commit-timeout 60: 300 ms in the simulator
    CHECK(co_await s.get_config() == "!Command: show running-config\nhostname after");
    co_return "";
  });
  CHECK(wait_for_running(device, "!Command: show running-config\nhostname before") ==
        "!Command: show running-config\nhostname before");
}

TEST_CASE("nxos: a replace with a commit-timeout confirmed from a later session stays") {
  Device device("cisco_nxos", kSlowMinute);
  replace_confirmed(device, "hostname after\n", 2);  // commit-timeout 120
  auto expiry = Clock::now() + 3 * device.minute;
  confirm_later(device);  // configure replace commit
  const std::string after = "!Command: show running-config\nhostname after";
  CHECK(running_until(device, after, expiry) == after);
}

TEST_CASE("nxos: rollback n goes back to the checkpoint saved before the n-th last commit") {
  Device device("cisco_nxos");
  commit_lines(device, "hostname one\n");
  commit_lines(device, "feature bgp\n");
  auto seen = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.rollback(1);  // rollback running-config checkpoint user-checkpoint-2
    std::string first = co_await s.get_config();
    co_await s.rollback(1);  // the checkpoint the rollback saved: back again
    co_return first + "|" + co_await s.get_config();
  });
  CHECK(seen ==
        "!Command: show running-config\nhostname one|"
        "!Command: show running-config\nhostname one\nfeature bgp");
}
