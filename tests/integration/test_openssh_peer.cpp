// The libssh transport against a real OpenSSH sshd whose ForceCommand is the simulated
// device (`vty-sim --stdio`): public-key login, strict host-key checking, every layer real.
#include <catch2/catch.hpp>

#include <pwd.h>
#include <unistd.h>

#include <fstream>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/sshd.hpp"

using vty::test::run_async;
using Executor = asio::any_io_executor;

namespace {}  // namespace

TEST_CASE("through OpenSSH sshd: public-key login, escalation, commands, config and close") {
  vty::test::Sshd sshd({.force_command = vty::test::Sshd::sim_command()});
  std::ofstream(sshd.file("known_hosts")) << sshd.host_key_line() << "\n";
  vty::Options options;
  options.host = "127.0.0.1";
  options.port = sshd.port();
  options.platform = "cisco_iosxe";
  options.auth.username = vty::test::Sshd::login_user();
  options.auth.private_key_file = sshd.client_key_path();
  options.auth.secondary = "enable123";
  options.auth.use_agent = false;
  options.known_hosts_file = sshd.file("known_hosts");
  options.timeout_ops = std::chrono::seconds(10);

  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, options);
    CHECK(conn->current_privilege() == "privilege_exec");
    auto version = co_await conn->send_command("show version");
    CHECK_THAT(version.result, Catch::Contains("Cisco IOS XE Software"));
    CHECK_FALSE(version.failed);
    std::vector<std::string> lines{"interface Loopback0", "description via sshd"};
    auto configs = co_await conn->send_configs(lines);
    CHECK_FALSE(configs.failed());
    CHECK(co_await conn->get_prompt() == "router1#");
    co_await conn->close();
  });
}

TEST_CASE("through OpenSSH sshd: an unknown host key under strict is a HostKeyError") {
  vty::test::Sshd sshd({.force_command = vty::test::Sshd::sim_command()});
  std::ofstream(sshd.file("known_hosts")) << "";
  vty::Options options;
  options.host = "127.0.0.1";
  options.port = sshd.port();
  options.auth.username = vty::test::Sshd::login_user();
  options.auth.private_key_file = sshd.client_key_path();
  options.auth.use_agent = false;
  options.known_hosts_file = sshd.file("known_hosts");
  run_async([&](Executor ex) -> asio::awaitable<void> {
    CHECK_THROWS_AS(co_await vty::connect(ex, options), vty::HostKeyError);
  });
}
