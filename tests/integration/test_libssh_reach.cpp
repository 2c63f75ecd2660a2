// Reaching devices over SSH as OpenSSH users do (docs/ssh.md): ssh_config files and jump
// hosts (one shared login on the jump host for many devices; test_libssh_liveness.cpp has
// legacy algorithms and keepalives),
// against real OpenSSH sshd servers and vty-sim devices on loopback.
#include <catch2/catch.hpp>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include <fstream>
#include <string>
#include <vector>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/sim.hpp"
#include "support/sshd.hpp"

#include "libssh_reach_fixture.hpp"
#include "support/paths.hpp"

using vty::test::run_async;
using vty::test::Sim;
using vty::test::Sshd;
using namespace vty::test::reach;

namespace {

// A Host block for a jump host served by `sshd`, logged in to with the fixture's key.
std::string jump_block(const std::string& name, const Sshd& sshd) {
  return "Host " + name + "\n  HostName 127.0.0.1\n  Port " + std::to_string(sshd.port()) +
         "\n  User " + Sshd::login_user() + "\n  IdentityFile " + sshd.client_key_path() +
         "\n  IdentitiesOnly yes\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n";
}

// `sessions` concurrent show-version sessions to `options` in one event loop; how many
// returned the version.
int concurrent_show_version(const std::vector<vty::Options>& devices, int sessions) {
  asio::io_context io;
  int ok = 0;
  std::vector<std::string> errors;
  for (int i = 0; i < sessions; ++i)
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          try {
            auto conn = co_await vty::connect(io.get_executor(), devices[i % devices.size()]);
            auto r = co_await conn->send_command("show version");
            if (r.result.find("Cisco IOS XE Software") != std::string::npos) ++ok;
            co_await conn->close();
          } catch (const std::exception& e) {
            errors.push_back(e.what());
          }
        },
        asio::detached);
  io.run();
  INFO((errors.empty() ? std::string() : errors.front()));
  CHECK(errors.empty());
  return ok;
}

}  // namespace

TEST_CASE("libssh transport: Host blocks of an ssh_config file say where and as whom") {
  Sshd sshd(device_sshd());
  std::ofstream(sshd.file("known_hosts")) << sshd.host_key_line() << "\n";
  std::ofstream(sshd.file("ssh_config"))
      << "Host dev-*\n  HostName 127.0.0.1\n  Port " << sshd.port() << "\n  User "
      << Sshd::login_user() << "\n  IdentityFile " << sshd.client_key_path()
      << "\nHost *\n  Port 1\n  User nobody-at-all\n";
  vty::Options options;
  options.host = "dev-router1";  // resolvable only through HostName
  options.auth.secondary = Sim::enable_password;
  options.auth.use_agent = false;
  options.known_hosts_file = sshd.file("known_hosts");
  options.ssh_config_file = sshd.file("ssh_config");
  options.timeout_ops = 10s;
  SECTION("HostName, Port, User and IdentityFile come from the matching block") {
    CHECK_THAT(show_version(options), Catch::Contains("Cisco IOS XE Software"));
  }
  SECTION("values given in Options win over the file's") {
    options.host = "127.0.0.1";  // only the catch-all block: Port 1, User nobody-at-all
    options.port = sshd.port();
    options.auth.username = Sshd::login_user();
    options.auth.private_key_file = sshd.client_key_path();
    CHECK_THAT(show_version(options), Catch::Contains("Cisco IOS XE Software"));
  }
  SECTION("-o options win over the file's") {
    options.ssh_options = {"Port=1"};
    auto e = open_fails_with<vty::ConnectionRefused>(options);
    CHECK_THAT(e.what(), Catch::Contains("port 1"));
  }
  SECTION("\"none\" reads no file") {
    options.ssh_config_file = "none";
    open_fails_with<vty::HostUnreachable>(options);
  }
  SECTION("a file that cannot be read is a UsageError naming it") {
    options.ssh_config_file = sshd.file("missing_config");
    auto e = open_fails_with<vty::UsageError>(options);
    CHECK_THAT(e.what(), Catch::Contains("missing_config"));
  }
}

TEST_CASE("libssh transport: devices behind a jump host share one login on it") {
  Sshd jump;  // AllowTcpForwarding is on by default; the ForceCommand never runs for tunnels
  Sim sim({.devices = 3});
  std::ofstream(jump.file("ssh_config")) << jump_block("bastion", jump);
  std::vector<vty::Options> devices;
  for (int i = 0; i < 3; ++i) {
    auto options = sim.options("libssh", i);
    options.jump_host = "bastion";
    options.ssh_config_file = jump.file("ssh_config");
    options.timeout_ops = 20s;
    devices.push_back(options);
  }
  constexpr int sessions = 12;
  CHECK(concurrent_show_version(devices, sessions) == sessions);
  CHECK(count(jump.log(), "Accepted publickey") == 1);
  // Once every session is closed the jump host's session ends too; the next opens anew.
  CHECK_THAT(show_version(devices[0]), Catch::Contains("Cisco IOS XE Software"));
  CHECK(count(jump.log(), "Accepted publickey") == 2);
}

TEST_CASE("libssh transport: two jump hosts in a row") {
  Sshd first;
  Sshd second;
  Sim sim;
  std::ofstream(first.file("ssh_config"))
      << jump_block("hop1", first) << jump_block("hop2", second);
  auto options = sim.options("libssh");
  options.jump_host = "hop1,hop2";
  options.ssh_config_file = first.file("ssh_config");
  options.timeout_ops = 20s;
  CHECK(concurrent_show_version({options}, 4) == 4);
  CHECK(count(first.log(), "Accepted publickey") == 1);
  CHECK(count(second.log(), "Accepted publickey") == 1);
}

TEST_CASE("libssh transport: a jump host's failures name the jump host") {
  Sim sim;
  auto options = sim.options("libssh");
  SECTION("a wrong password on the jump host is an AuthenticationError") {
    Sshd::Config config;
    config.password_authentication = true;
    config.extra_config = {"AuthenticationMethods password"};
    Sshd jump(config);
    options.jump_host = Sshd::login_user() + "@127.0.0.1:" + std::to_string(jump.port());
    options.ssh_config_file = "none";
    auto e = open_fails_with<vty::AuthenticationError>(options);
    CHECK_THAT(e.what(), Catch::Contains("jump host " + Sshd::login_user() +
                                         "@127.0.0.1:" + std::to_string(jump.port())));
    CHECK(e.host() == "127.0.0.1");
  }
  SECTION("an unknown jump host key under strict checking is a HostKeyError") {
    Sshd jump;
    std::ofstream(jump.file("ssh_config")) << jump_block("bastion", jump);
    std::ofstream(jump.file("known_hosts")) << "";
    options.jump_host = "bastion";
    options.ssh_config_file = jump.file("ssh_config");
    options.host_key_policy = vty::HostKeyPolicy::strict;
    options.known_hosts_file = jump.file("known_hosts");
    auto e = open_fails_with<vty::HostKeyError>(options);
    CHECK_THAT(e.what(), Catch::Contains("jump host") && Catch::Contains("is not in"));
  }
  SECTION("a closed jump host port is ConnectionRefused") {
    options.jump_host = "127.0.0.1:1";
    options.ssh_config_file = "none";
    auto e = open_fails_with<vty::ConnectionRefused>(options);
    CHECK_THAT(e.what(), Catch::Contains("jump host"));
  }
}

TEST_CASE("jump host: the same driver verbs on the libssh and system transports") {
  Sshd jump;
  Sim sim;
  std::ofstream(jump.file("ssh_config")) << jump_block("bastion", jump);
  auto transport = GENERATE(as<std::string>{}, "libssh", "system");
  INFO(transport);
  auto options = sim.options(transport);
  options.jump_host = "bastion";
  options.ssh_config_file = jump.file("ssh_config");
  options.timeout_ops = 20s;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, options);
    CHECK(conn->current_privilege() == "privilege_exec");
    auto version = co_await conn->send_command("show version");
    CHECK_THAT(version.result, Catch::Contains("Cisco IOS XE Software"));
    std::vector<std::string> lines{"interface GigabitEthernet1", "description x"};
    auto configured = co_await conn->send_configs(lines);
    CHECK_FALSE(configured.failed());
    co_await conn->acquire_priv("exec");
    CHECK(conn->current_privilege() == "exec");
    co_await conn->close();
  });
  CHECK(count(jump.log(), "Accepted publickey") == 1);
}

TEST_CASE(
    "vty run: -F, -J and -o flags, and the inventory's ssh_config, jump_host and ssh_options") {
  Sshd jump;
  Sim sim;
  // No Port and no User given anywhere but here: the CLI must not default them over it.
  std::ofstream(jump.file("ssh_config"))
      << jump_block("bastion", jump) << "Host dev\n  HostName 127.0.0.1\n  Port " << sim.port()
      << "\n";
  vty::test::ChildProcess::Spec spec;
  spec.env = {std::string("VTY_PASSWORD=") + Sim::password,
              std::string("VTY_SECONDARY=") + Sim::enable_password, "VTY_USER="};
  spec.merge_stderr = true;
  SECTION("flags") {
    spec.argv = {VTY_CLI_PATH,
                 "run",
                 "--host-key-policy",
                 "off",
                 "-F",
                 jump.file("ssh_config"),
                 "-J",
                 "bastion",
                 "-o",
                 std::string("User=") + Sim::user,
                 "-c",
                 "show version",
                 "dev"};
  }
  SECTION("inventory keys") {
    std::ofstream(jump.file("inventory.toml"))
        << "[defaults]\nssh_config = \"" << jump.file("ssh_config")
        << "\"\njump_host = \"bastion\"\nssh_options = [\"User=" << Sim::user
        << "\"]\n[hosts.dev]\n";
    spec.argv = {VTY_CLI_PATH, "run",         "--host-key-policy",
                 "off",        "-i",          jump.file("inventory.toml"),
                 "-c",         "show version"};
  }
  auto r = vty::test::run_program(spec, std::chrono::seconds(60));
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("Cisco IOS XE Software"));
  CHECK(count(jump.log(), "Accepted publickey") == 1);
}

TEST_CASE("libssh transport: a jump host that hangs up ends its sessions, the next logs in anew") {
  Sshd jump;
  Sim sim;
  std::ofstream(jump.file("ssh_config")) << jump_block("bastion", jump);
  auto options = sim.options("libssh");
  options.jump_host = "bastion";
  options.ssh_config_file = jump.file("ssh_config");
  run_async([&](Executor ex) -> asio::awaitable<void> {
    vty::AsyncDriver driver(ex, options);
    co_await driver.open();
    CHECK(driver.is_alive());
    jump.kill_sessions();
    asio::steady_timer timer(ex);
    for (int i = 0; i < 100 && driver.is_alive(); ++i) {
      timer.expires_after(50ms);
      co_await timer.async_wait(asio::use_awaitable);
    }
    CHECK_FALSE(driver.is_alive());
    CHECK_THROWS_AS(co_await driver.send_command("show version"), vty::ConnectionClosed);
    co_await driver.reopen();
    auto version = co_await driver.send_command("show version");
    CHECK_THAT(version.result, Catch::Contains("Cisco IOS XE Software"));
    co_await driver.close();
  });
  CHECK(count(jump.log(), "Accepted publickey") == 2);
}

TEST_CASE("libssh transport: ProxyCommand from the ssh config carries the session") {
  Sshd jump;
  Sim sim;
  const std::string config = jump.file("ssh_config");
  std::ofstream(config) << jump_block("bastion", jump) << "Host dev\n  HostName 127.0.0.1\n  Port "
                        << sim.port() << "\n  ProxyCommand /usr/bin/ssh -F " << config
                        << " -W %h:%p bastion\n";
  auto options = sim.options("libssh");
  options.host = "dev";
  options.port = 0;
  options.ssh_config_file = config;
  CHECK_THAT(show_version(options), Catch::Contains("Cisco IOS XE Software"));
  CHECK(count(jump.log(), "Accepted publickey") == 1);
}

TEST_CASE("libssh transport: large outputs through a shared jump host arrive whole") {
  Sim sim({.devices = 2});
  std::vector<vty::Options> devices{sim.options("libssh+jump", 0), sim.options("libssh+jump", 1)};
  asio::io_context io;
  std::vector<std::size_t> sizes;
  std::vector<std::string> errors;
  for (int i = 0; i < 4; ++i)
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          try {
            auto options = devices[i % 2];
            options.timeout_ops = 60s;
            auto conn = co_await vty::connect(io.get_executor(), options);
            auto big = co_await conn->send_command("show big 5");
            sizes.push_back(big.result.size());
            auto after = co_await conn->send_command("show version");
            CHECK_THAT(after.result, Catch::Contains("Cisco IOS XE Software"));
            co_await conn->close();
          } catch (const std::exception& e) {
            errors.push_back(e.what());
          }
        },
        asio::detached);
  io.run();
  INFO((errors.empty() ? std::string() : errors.front()));
  CHECK(errors.empty());
  REQUIRE(sizes.size() == 4);
  const std::size_t direct = run_async([&](Executor ex) -> asio::awaitable<std::size_t> {
    auto options = sim.options("libssh");
    options.timeout_ops = 60s;
    auto conn = co_await vty::connect(ex, options);
    auto big = co_await conn->send_command("show big 5");
    co_await conn->close();
    co_return big.result.size();
  });
  CHECK(direct >= 4'999'999);
  for (auto size : sizes) CHECK(size == direct);
  CHECK(count(sim.jump_host().log(), "Accepted publickey") == 1);
}

TEST_CASE("libssh transport: a shared jump host's failure reaches each device under its own name") {
  Sshd::Config config;
  config.password_authentication = true;
  config.extra_config = {"AuthenticationMethods password"};
  Sshd jump(config);
  Sim sim({.devices = 2});
  asio::io_context io;
  std::vector<std::pair<std::string, std::string>> failures;  // (label, host())
  for (int i = 0; i < 4; ++i)
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          auto options = sim.options("libssh", i % 2);
          options.label = "r" + std::to_string(i);
          options.jump_host = Sshd::login_user() + "@127.0.0.1:" + std::to_string(jump.port());
          options.ssh_config_file = "none";
          try {
            co_await vty::connect(io.get_executor(), options);
          } catch (const vty::AuthenticationError& e) {
            failures.emplace_back(options.label, e.host());
            CHECK_THAT(e.what(), Catch::Contains("jump host"));
          }
        },
        asio::detached);
  io.run();
  REQUIRE(failures.size() == 4);
  for (const auto& [label, host] : failures) CHECK(label == host);
}

TEST_CASE("jump host: the blocking Driver's verbs return while the jump host stays open") {
  Sim sim;
  vty::Driver driver(sim.options("libssh+jump"));
  driver.open();  // returned although the jump host's pump keeps work on the loop
  CHECK_THAT(driver.send_command("show version").result, Catch::Contains("Cisco IOS XE Software"));
  CHECK_THAT(driver.send_command("show clock").result, Catch::Contains(":"));
  driver.close();
  CHECK(count(sim.jump_host().log(), "Accepted publickey") == 1);
}
