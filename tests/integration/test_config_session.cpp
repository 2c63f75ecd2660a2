// vty::ConfigSession against simulated devices (vty-sim): each operation per platform, and a
// commit-confirmed that expires and rolls back.
#include <catch2/catch.hpp>

#include "config_fixture.hpp"

using namespace vty::test::config;
using vty::test::run_async;

TEST_CASE("junos: load merge stages in the candidate, diff shows it, commit applies it") {
  Device device("juniper_junos");
  auto diff = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("set system host-name edge1\nset system ntp server 10.0.0.1\n");
    CHECK(s.staged());
    CHECK(co_await s.get_config(vty::ConfigSource::kRunning) == "");
    auto candidate = co_await s.get_config(vty::ConfigSource::kCandidate);
    CHECK_THAT(candidate, Catch::Contains("set system ntp server 10.0.0.1"));
    auto diff = co_await s.diff();
    co_await s.commit();
    CHECK_FALSE(s.staged());
    co_return diff;
  });
  CHECK(diff == "[edit]\n+  set system host-name edge1\n+  set system ntp server 10.0.0.1");
  auto after = with_session(device, running);
  CHECK(after == "set system host-name edge1\nset system ntp server 10.0.0.1");
}

TEST_CASE("junos: load replace makes the lines the whole configuration") {
  Device device("juniper_junos");
  with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("set system host-name old\nset snmp community public\n");
    co_await s.commit();
    co_return "";
  });
  auto diff = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("set system host-name old\nset system host-name-alias new\n",
                           vty::LoadMode::kReplace);
    auto diff = co_await s.diff();
    co_await s.commit({.comment = "replace by vty"});
    co_return diff;
  });
  CHECK(diff == "[edit]\n-  set snmp community public\n+  set system host-name-alias new");
  CHECK(with_session(device, running) ==
        "set system host-name old\nset system host-name-alias new");
}

TEST_CASE("junos: abort drops what is staged and leaves the running configuration alone") {
  Device device("juniper_junos");
  auto diff = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("set system host-name edge1\n");
    co_await s.abort();
    CHECK_FALSE(s.staged());
    co_return co_await s.diff();
  });
  CHECK(diff == "");
  CHECK(with_session(device, running) == "");
}

TEST_CASE("junos: a refused line names the line and the device's message, and nothing stays") {
  Device device("juniper_junos");
  auto caught = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    try {
      co_await s.load_config("set system host-name edge1\nbogus line here\n");
    } catch (const vty::ConfigLineRefused& error) {
      CHECK(error.line() == "bogus line here");
      CHECK_THAT(error.device_message(), Catch::Contains("syntax error."));
      CHECK_FALSE(s.staged());
      co_return std::string(error.type_name());
    }
    co_return std::string("no error");
  });
  CHECK(caught == "vty::ConfigLineRefused");
  CHECK(with_session(device, running) == "");
}

TEST_CASE("junos: a commit the device refuses is CommitFailed and drops the changes") {
  Device device("juniper_junos");
  auto caught = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("set commit-fails here\n");
    try {
      co_await s.commit();
    } catch (const vty::CommitFailed& error) {
      CHECK_THAT(error.summary(), Catch::Contains("configuration check-out failed"));
      co_return std::string(error.type_name());
    }
    co_return std::string("no error");
  });
  CHECK(caught == "vty::CommitFailed");
  CHECK(with_session(device, running) == "");
}

TEST_CASE("junos: a commit confirmed that is confirmed stays") {
  Device device("juniper_junos", kSlowMinute);
  with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("set system host-name edge1\n");
    co_await s.commit({.confirm_minutes = 2});  // 600 ms in the simulator
    co_return "";
  });
  auto expiry = Clock::now() + 3 * device.minute;
  with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.confirm();
    co_return "";
  });
  CHECK(running_until(device, "set system host-name edge1", expiry) ==
        "set system host-name edge1");
}

TEST_CASE("junos: a commit confirmed that expires rolls back") {
  Device device("juniper_junos");
  auto during = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("set system host-name before\n");
    co_await s.commit();
    co_await s.load_config("set system host-name after\n", vty::LoadMode::kReplace);
    co_await s.commit({.confirm_minutes = 1, .comment = "try it"});  // 300 ms in the sim
    co_return co_await s.get_config();
  });
  CHECK(during == "set system host-name after");
  CHECK(wait_for_running(device, "set system host-name before") == "set system host-name before");
}

TEST_CASE("junos: rollback n makes an earlier configuration the running one") {
  Device device("juniper_junos");
  auto result = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("set system host-name one\n");
    co_await s.commit();
    co_await s.load_config("set system host-name two\n", vty::LoadMode::kReplace);
    co_await s.commit();
    co_await s.rollback(1);
    co_return co_await s.get_config();
  });
  CHECK(result == "set system host-name one");
}

TEST_CASE("an operation the platform lacks is UnsupportedOperation") {
  Device junos("juniper_junos");
  auto caught = with_session(junos, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    try {
      co_await s.save();
    } catch (const vty::UnsupportedOperation& error) {
      CHECK_THAT(error.summary(), Catch::Contains("save"));
      co_return std::string(error.type_name());
    }
    co_return std::string("no error");
  });
  CHECK(caught == "vty::UnsupportedOperation");
}

TEST_CASE("a platform without [config_session] is UnsupportedOperation at once") {
  Device device("linux");
  auto caught = run_async([&](Executor ex) -> asio::awaitable<std::string> {
    auto conn = co_await vty::connect(ex, device.options);
    try {
      vty::ConfigSession session(*conn);
    } catch (const vty::UnsupportedOperation& error) {
      co_return std::string(error.summary());
    }
    co_return std::string("no error");
  });
  CHECK_THAT(caught, Catch::Contains("linux has no configuration management"));
}

TEST_CASE("iosxr: merge, diff, commit confirmed that expires, then one that is confirmed") {
  Device device("cisco_iosxr", kSlowMinute);
  auto diff = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname xr1\n");
    auto diff = co_await s.diff();
    co_await s.commit({.confirm_minutes = 1});  // 300 ms in the simulator
    co_return diff;
  });
  CHECK(diff == "Building configuration...\n!! IOS XR Configuration 7.10.1\n+  hostname xr1");
  const std::string empty = "Building configuration...\n!! IOS XR Configuration 7.10.1\nend";
  CHECK(wait_for_running(device, empty) == empty);
  auto expiry = Clock::now() + 2 * device.minute;
  with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname xr2\n");
    co_await s.commit({.confirm_minutes = 1});
    co_await s.confirm();
    co_return "";
  });
  const std::string confirmed =
      "Building configuration...\n!! IOS XR Configuration 7.10.1\nhostname xr2\nend";
  CHECK(running_until(device, confirmed, expiry) == confirmed);
}

TEST_CASE("iosxr: rollback, abort, a refused line, and no confirmed commit of a replace") {
  Device device("cisco_iosxr");
  auto result = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname one\n");
    co_await s.commit({.comment = "first"});
    co_await s.load_config("hostname two\n");
    co_await s.commit();
    co_await s.rollback(1);
    co_await s.load_config("hostname three\n");
    co_await s.abort();
    std::string seen;
    try {
      co_await s.load_config("hostname four\nbogus\n");
    } catch (const vty::ConfigLineRefused& error) {
      seen += error.line() + ";";
    }
    co_await s.load_config("hostname five\n", vty::LoadMode::kReplace);
    try {
      co_await s.commit({.confirm_minutes = 1});
    } catch (const vty::UnsupportedOperation& error) {
      seen += std::string(error.type_name()) + ";";
    }
    co_await s.abort();
    co_return seen + co_await s.get_config();
  });
  CHECK(result ==
        "bogus;vty::UnsupportedOperation;Building configuration...\n!! IOS XR "
        "Configuration 7.10.1\nhostname one\nend");
}

TEST_CASE("iosxr: load replace commits the lines as the whole configuration") {
  Device device("cisco_iosxr");
  auto diff = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname one\nntp server 10.0.0.1\n");
    co_await s.commit();
    co_await s.load_config("hostname two\nntp server 10.0.0.1\n", vty::LoadMode::kReplace);
    auto diff = co_await s.diff();  // XR shows what the target adds; commit replace removes
    co_await s.commit();
    co_return diff;
  });
  CHECK(diff == "Building configuration...\n!! IOS XR Configuration 7.10.1\n+  hostname two");
  CHECK(with_session(device, running) ==
        "Building configuration...\n!! IOS XR Configuration 7.10.1\nhostname two\nntp server "
        "10.0.0.1\nend");
}

TEST_CASE("junos: merging lines the configuration already has changes nothing") {
  Device device("juniper_junos");
  auto diff = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("set system host-name edge1\n");
    co_await s.commit();
    co_await s.load_config("set system host-name edge1\n");
    auto diff = co_await s.diff();
    co_await s.commit();
    co_return diff;
  });
  CHECK(diff == "");
  CHECK(with_session(device, running) == "set system host-name edge1");
}

TEST_CASE("BlockingConfigSession: the same operations over the blocking Driver") {
  Device device("juniper_junos");
  vty::Driver driver(device.options);
  driver.open();
  vty::BlockingConfigSession session(driver);
  session.load_config("set system host-name edge1\n");
  CHECK(session.diff() == "[edit]\n+  set system host-name edge1");
  session.commit({.confirm_minutes = 1});
  session.confirm();
  CHECK(session.get_config() == "set system host-name edge1");
  CHECK_THROWS_AS(session.save(), vty::UnsupportedOperation);
  driver.close();
}

namespace {

// A first session stages `mine` and so holds the configuration lock; a second one tries to
// stage `theirs`: "TYPE: TAIL" of what it throws, then, once the first aborted and the
// second committed, the running configuration.
std::string locked_out(const Device& device, const std::string& mine, const std::string& theirs) {
  return run_async([&](Executor ex) -> asio::awaitable<std::string> {
    auto holder = co_await vty::connect(ex, device.options);
    vty::ConfigSession first(*holder);
    co_await first.load_config(mine);
    auto other = co_await vty::connect(ex, device.options);
    vty::ConfigSession second(*other);
    std::string seen = "no error";
    try {
      co_await second.load_config(theirs);
    } catch (const vty::ConfigLocked& error) {
      seen = std::string(error.type_name()) + ": " + error.tail();
    }
    co_await first.abort();  // releases the lock: now the second session may configure
    co_await second.load_config(theirs);
    co_await second.commit();
    co_return seen + ";" + co_await second.get_config();
  });
}

}  // namespace

TEST_CASE("junos: a configuration another session holds locked is ConfigLocked") {
  Device device("juniper_junos");
  CHECK_THAT(locked_out(device, "set system host-name mine\n", "set system host-name theirs\n"),
             Catch::StartsWith("vty::ConfigLocked: ") &&
                 Catch::Contains("configuration database locked") &&
                 Catch::EndsWith(";set system host-name theirs"));
}

TEST_CASE("iosxr: a configuration another session holds exclusively is ConfigLocked") {
  Device device("cisco_iosxr");
  CHECK_THAT(locked_out(device, "hostname mine\n", "hostname theirs\n"),  // configure exclusive
             Catch::StartsWith("vty::ConfigLocked: ") &&
                 Catch::Contains("locked by session 00000000-0005a0a5-00000000") &&
                 Catch::EndsWith(";Building configuration...\n!! IOS XR Configuration "
                                 "7.10.1\nhostname theirs\nend"));
}

TEST_CASE("send_configs with stage_only neither commits nor leaves the configuration level") {
  Device device("juniper_junos");
  auto seen = run_async([&](Executor ex) -> asio::awaitable<std::string> {
    auto conn = co_await vty::connect(ex, device.options);
    std::vector<std::string> lines(1, "set system host-name staged");
    auto responses = co_await conn->send_configs(std::move(lines), {.stage_only = true});
    std::string level = conn->current_privilege();
    std::vector<std::string> compare(1, "show | compare");
    auto diff = co_await conn->send_configs(std::move(compare), {.stage_only = true});
    co_return level + ";" + std::to_string(responses.size()) + ";" + diff.back().result;
  });
  CHECK_THAT(seen, Catch::StartsWith("configuration_private;1;[edit]\n+  set system host-name "
                                     "staged"));
}
