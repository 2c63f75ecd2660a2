// vty::ConfigSession on Cisco IOS-XE (vty-sim): a change is staged in a file on flash
// written from tclsh, diffed with `show archive config`, applied with `configure replace`
// (confirmed: `time N`) or typed at configure terminal (confirmed: `revert timer N`), and
// numbered rollbacks come from the configuration archive.
#include <catch2/catch.hpp>

#include "config_fixture.hpp"

using namespace vty::test::config;
using vty::test::run_async;

namespace {

// The lines vty-sim's IOS-XE adds to its fixed base configuration: what follows the base's
// last line ("ntp server 10.0.1.123" and "!") up to "end".
std::string configured(const std::string& running) {
  const std::string base_end = "ntp server 10.0.1.123\n!\n";
  auto at = running.find(base_end);
  if (at == std::string::npos) return "no base configuration in: " + running;
  std::string rest = running.substr(at + base_end.size());
  if (rest.ends_with("end")) rest.resize(rest.size() - 3);
  if (rest.ends_with("\n")) rest.pop_back();
  return rest;
}

std::string configured_now(const Device& device) {
  return configured(with_session(device, running));
}

void replace_with(const Device& device, std::string text) {
  with_session(device, [&](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config(text, vty::LoadMode::kReplace);
    co_await s.commit();
    co_return "";
  });
}

std::string wait_for_configured(const Device& device, const std::string& expected) {
  return configured(poll_running(
      device, [&](const std::string& seen) { return configured(seen) == expected; },
      Clock::now() + 20 * device.minute));
}

}  // namespace

TEST_CASE("iosxe: load replace stages a file, diff compares it, commit replaces the config") {
  Device device("cisco_iosxe");
  replace_with(device,
               "hostname edge1\ninterface Loopback0\n ip address 10.0.0.1 255.255.255.255\n");
  CHECK(configured_now(device) ==
        "hostname edge1\ninterface Loopback0\n ip address 10.0.0.1 255.255.255.255");
  auto seen = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname edge2\n", vty::LoadMode::kReplace);
    CHECK(s.staged());
    std::string untouched = configured(co_await s.get_config());
    auto diff = co_await s.diff();
    co_await s.commit();
    CHECK_FALSE(s.staged());
    co_return untouched + "|" + diff;
  });
  CHECK(seen ==
        "hostname edge1\ninterface Loopback0\n ip address 10.0.0.1 255.255.255.255|"
        "!Contextual Config Diffs:\n-hostname edge1\n-interface Loopback0\n"
        "- ip address 10.0.0.1 255.255.255.255\n+hostname edge2");
  CHECK(configured_now(device) == "hostname edge2");
}

TEST_CASE("iosxe: load merge lists the new lines, commit types them at configure terminal") {
  Device device("cisco_iosxe");
  replace_with(device, "hostname edge1\n");
  auto diff = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname edge1\nntp server 10.9.9.9\n");
    auto diff = co_await s.diff();
    co_await s.commit();
    co_return diff;
  });
  CHECK(diff == "!List of Commands:\nntp server 10.9.9.9\nend");
  CHECK(configured_now(device) == "hostname edge1\nntp server 10.9.9.9");
}

TEST_CASE("iosxe: abort deletes the staged file and leaves the running configuration alone") {
  Device device("cisco_iosxe");
  auto seen = run_async([&](Executor ex) -> asio::awaitable<std::string> {
    auto conn = co_await vty::connect(ex, device.options);
    vty::ConfigSession session(*conn);
    co_await session.load_config("hostname edge9\n", vty::LoadMode::kReplace);
    auto staged = co_await conn->send_command(
        "show archive config incremental-diffs "
        "flash:vty-candidate.cfg");
    co_await session.abort();
    auto gone = co_await conn->send_command(
        "show archive config incremental-diffs "
        "flash:vty-candidate.cfg");
    auto diff = co_await session.diff();
    co_await conn->close();
    co_return staged.result + "|" + gone.result + "|" + diff;
  });
  CHECK(seen ==
        "!List of Commands:\nhostname edge9\nend|"
        "%Error opening flash:vty-candidate.cfg (No such file or directory)|");
  CHECK(configured_now(device) == "");
}

TEST_CASE("iosxe: a confirmed replace that expires rolls back") {
  Device device("cisco_iosxe");
  replace_with(device, "hostname before\n");
  auto during = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname after\n", vty::LoadMode::kReplace);
    co_await s.commit({.confirm_minutes = 1});  // configure replace ... time 1: 300 ms here
    co_return configured(co_await s.get_config());
  });
  CHECK(during == "hostname after");
  CHECK(wait_for_configured(device, "hostname before") == "hostname before");
}

TEST_CASE("iosxe: a confirmed replace confirmed from a later session stays") {
  Device device("cisco_iosxe", kSlowMinute);
  replace_with(device, "hostname before\n");
  replace_confirmed(device, "hostname after\n", 2);  // configure replace ... time 2
  auto expiry = Clock::now() + 3 * device.minute;
  confirm_later(device);  // configure confirm
  auto stayed = running_until(device, with_session(device, running), expiry);
  CHECK(configured(stayed) == "hostname after");
}

TEST_CASE("iosxe: a confirmed merge (revert timer) that expires rolls back") {
  Device device("cisco_iosxe");
  replace_with(device, "hostname before\n");
  auto during = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("ntp server 10.9.9.9\n");
    co_await s.commit({.confirm_minutes = 1});  // configure terminal revert timer 1
    co_return configured(co_await s.get_config());
  });
  CHECK(during == "hostname before\nntp server 10.9.9.9");
  CHECK(wait_for_configured(device, "hostname before") == "hostname before");
}

TEST_CASE("iosxe: rollback n replaces the running configuration with the n-th archive") {
  Device device("cisco_iosxe");
  replace_with(device, "hostname one\n");
  replace_with(device, "hostname two\n");
  replace_with(device, "hostname three\n");
  auto seen = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.rollback(2);  // the configuration before the last two commits
    std::string second = configured(co_await s.get_config());
    co_await s.rollback(1);  // undoes the rollback: it archived "three" first
    co_return second + "|" + configured(co_await s.get_config());
  });
  CHECK(seen == "hostname one|hostname three");
}

TEST_CASE("iosxe: a refused line fails the replace, save copies running to startup") {
  Device device("cisco_iosxe");
  replace_with(device, "hostname edge1\n");
  auto seen = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    std::string names;
    co_await s.load_config("hostname edge2\nbogus line\n", vty::LoadMode::kReplace);
    try {
      co_await s.commit();
    } catch (const vty::CommitFailed& error) {
      CHECK_THAT(error.tail(), Catch::Contains("bogus line"));
      names += "CommitFailed;";
    }
    CHECK_FALSE(s.staged());
    co_await s.load_config("hostname edge3\n");
    try {
      co_await s.commit({.comment = "change 42"});
    } catch (const vty::UnsupportedOperation&) {
      names += "UnsupportedOperation;";
    }
    co_await s.abort();
    co_await s.save();
    co_return names + co_await s.get_config(vty::ConfigSource::kStartup);
  });
  CHECK(seen ==
        "CommitFailed;UnsupportedOperation;Using 0 out of 33554432 bytes\n!\nhostname edge1\nend");
}

TEST_CASE("iosxe: a confirmed merge refused halfway is CommitFailed, and the timer undoes it") {
  Device device("cisco_iosxe");
  replace_with(device, "hostname before\n");
  auto seen = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("ntp server 10.9.9.9\nbogus line\n");
    std::string refused = "no error";
    try {
      co_await s.commit({.confirm_minutes = 1});
    } catch (const vty::CommitFailed& error) {
      refused = error.command();
    }
    co_return refused + "|" + configured(co_await s.get_config());
  });
  CHECK(seen == "bogus line|hostname before\nntp server 10.9.9.9");  // IOS has no transaction
  CHECK(wait_for_configured(device, "hostname before") == "hostname before");
}
