// vty::ConfigSession on Arista EOS (vty-sim): a configuration session named "vty" stages,
// `show session-config diffs` shows, `commit timer` rolls back unless confirmed, rollback n
// is a checkpoint, and send_configs outside a session sends no commit.
#include <catch2/catch.hpp>

#include "config_fixture.hpp"

using namespace vty::test::config;
using vty::test::run_async;

namespace {

constexpr const char* kDiffHeader =
    "--- system:/running-config\n+++ session:/sess-1-session-config\n";

std::string commit_lines(const Device& device, std::string text) {
  return with_session(device, [&](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config(text);
    co_await s.commit();
    co_return "";
  });
}

}  // namespace

TEST_CASE("eos: load merge stages in a session, diff shows it, commit applies it") {
  Device device("arista_eos");
  auto diff = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname leaf1\nip routing\n");
    CHECK(s.staged());
    CHECK(co_await s.get_config(vty::ConfigSource::kRunning) == "");
    CHECK(co_await s.get_config(vty::ConfigSource::kCandidate) == "hostname leaf1\nip routing");
    auto diff = co_await s.diff();
    co_await s.commit();
    co_return diff;
  });
  CHECK(diff == std::string(kDiffHeader) + "+hostname leaf1\n+ip routing");
  CHECK(with_session(device, running) == "hostname leaf1\nip routing");
}

TEST_CASE("eos: load replace starts the session from a clean configuration") {
  Device device("arista_eos");
  commit_lines(device, "hostname leaf1\nsnmp-server community public ro\n");
  auto diff = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname leaf1\nip routing\n", vty::LoadMode::kReplace);
    auto diff = co_await s.diff();
    co_await s.commit();
    co_return diff;
  });
  CHECK(diff == std::string(kDiffHeader) + "-snmp-server community public ro\n+ip routing");
  CHECK(with_session(device, running) == "hostname leaf1\nip routing");
}

TEST_CASE("eos: abort drops the session, and a refused line is ConfigLineRefused") {
  Device device("arista_eos");
  auto seen = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname leaf1\n");
    co_await s.abort();
    CHECK_FALSE(s.staged());
    try {
      co_await s.load_config("hostname leaf2\nbogus line\n");
    } catch (const vty::ConfigLineRefused& error) {
      CHECK_THAT(error.device_message(), Catch::Contains("% Invalid input"));
      co_return error.line();
    }
    co_return std::string("no error");
  });
  CHECK(seen == "bogus line");
  CHECK(with_session(device, running) == "");
}

TEST_CASE("eos: a commit timer that expires rolls back") {
  Device device("arista_eos");
  commit_lines(device, "hostname before\n");
  auto during = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname after\n", vty::LoadMode::kReplace);
    co_await s.commit({.confirm_minutes = 1});  // commit timer 00:01:00
    co_return co_await s.get_config();
  });
  CHECK(during == "hostname after");
  CHECK(wait_for_running(device, "hostname before") == "hostname before");
}

TEST_CASE("eos: a commit timer confirmed from a later session stays") {
  Device device("arista_eos", kSlowMinute);
  with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname leaf1\n");
    co_await s.commit({.confirm_minutes = 1});
    co_return "";
  });
  auto expiry = Clock::now() + 2 * device.minute;
  with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.confirm();
    co_return "";
  });
  CHECK(running_until(device, "hostname leaf1", expiry) == "hostname leaf1");
}

TEST_CASE("eos: save copies running to startup") {
  Device device("arista_eos");
  auto seen = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.load_config("hostname leaf1\n");
    co_await s.commit();
    CHECK(co_await s.get_config(vty::ConfigSource::kStartup) == "");
    co_await s.save();
    co_return co_await s.get_config(vty::ConfigSource::kStartup);
  });
  CHECK(seen == "hostname leaf1");
}

TEST_CASE("eos: rollback n replaces the running configuration with the n-th checkpoint") {
  Device device("arista_eos");
  commit_lines(device, "hostname leaf1\n");
  commit_lines(device, "ip routing\n");
  commit_lines(device, "ntp server 10.0.0.1\n");
  auto seen = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    co_await s.rollback(2);  // configure replace checkpoint:ckp-20250325-2
    std::string second = co_await s.get_config();
    co_await s.rollback(1);  // the checkpoint the rollback saved
    co_return second + "|" + co_await s.get_config();
  });
  CHECK(seen == "hostname leaf1|hostname leaf1\nip routing\nntp server 10.0.0.1");
}

TEST_CASE("eos: a rollback past the oldest checkpoint is CommandFailed, nothing changes") {
  Device device("arista_eos");
  commit_lines(device, "hostname leaf1\n");
  auto seen = with_session(device, [](vty::ConfigSession& s) -> asio::awaitable<std::string> {
    try {
      co_await s.rollback(5);
    } catch (const vty::CommandFailed& error) {
      co_return std::string(error.type_name());
    }
    co_return std::string("no error");
  });
  CHECK(seen == "vty::CommandFailed");
  CHECK(with_session(device, running) == "hostname leaf1");
}

TEST_CASE("eos: send_configs at the configuration level applies each line and sends no commit") {
  Device device("arista_eos");
  auto seen = run_async([&](Executor ex) -> asio::awaitable<std::string> {
    auto conn = co_await vty::connect(ex, device.options);
    std::vector<std::string> lines(1, "hostname leaf9");
    auto responses = co_await conn->send_configs(std::move(lines), {.privilege = "configuration"});
    auto shown = co_await conn->send_command("show running-config");
    std::string commands;
    for (const auto& response : responses) commands += response.command + ";";
    co_return commands + (responses.failed() ? "failed;" : "ok;") + shown.result;
  });
  CHECK(seen == "hostname leaf9;ok;hostname leaf9");
}
