// Every AsyncDriver verb against a simulated IOS-XE device (vty-sim), over each transport,
// and over both SSH transports through a jump host.
#include <catch2/catch.hpp>

#include <fstream>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/paths.hpp"
#include "support/sim.hpp"

using vty::test::Libssh;
using vty::test::LibsshJump;
using vty::test::run_async;
using vty::test::Sim;
using vty::test::SystemJump;
using vty::test::SystemSsh;
using vty::test::Telnet;
using Executor = asio::any_io_executor;

TEMPLATE_TEST_CASE("open lands at the default privilege level with paging off", "", Libssh,
                   SystemSsh, Telnet, LibsshJump, SystemJump) {
  Sim sim;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, sim.options(TestType::transport));
    CHECK(conn->is_open());
    CHECK(conn->current_privilege() == "privilege_exec");
    CHECK(co_await conn->get_prompt() == "router1#");
    co_await conn->close();
    CHECK_FALSE(conn->is_open());
  });
}

TEMPLATE_TEST_CASE("send_command returns the output without echo or prompt, with timing", "",
                   Libssh, SystemSsh, Telnet, LibsshJump, SystemJump) {
  Sim sim;
  auto r = run_async([&](Executor ex) -> asio::awaitable<vty::Response> {
    auto conn = co_await vty::connect(ex, sim.options(TestType::transport));
    auto response = co_await conn->send_command("show version");
    co_await conn->close();
    co_return response;
  });
  CHECK(r.command == "show version");
  CHECK(r.host == "127.0.0.1");
  CHECK_THAT(r.result, Catch::Contains("Cisco IOS XE Software"));
  CHECK_FALSE(r.result.starts_with("show version"));
  CHECK(r.result.find("router1#") == std::string::npos);
  CHECK(r.result.find('\r') == std::string::npos);
  CHECK_THAT(r.raw_result, Catch::EndsWith("router1#"));
  CHECK_FALSE(r.failed);
  CHECK(r.elapsed().count() > 0);
  CHECK(r.finish_time >= r.start_time);
  CHECK_NOTHROW(r.raise_for_status());
}

TEMPLATE_TEST_CASE("an unknown command is marked failed and raise_for_status throws CommandFailed",
                   "", Libssh, SystemSsh, Telnet, LibsshJump, SystemJump) {
  Sim sim;
  auto r = run_async([&](Executor ex) -> asio::awaitable<vty::Response> {
    auto conn = co_await vty::connect(ex, sim.options(TestType::transport));
    co_return co_await conn->send_command("show nonsense");
  });
  CHECK(r.failed);
  CHECK(r.failed_when_contains == "% Invalid input");
  CHECK_THROWS_AS(r.raise_for_status(), vty::CommandFailed);
}

TEMPLATE_TEST_CASE("send_commands runs each command in order and can stop at the first failure", "",
                   Libssh, SystemSsh, Telnet, LibsshJump, SystemJump) {
  Sim sim;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, sim.options(TestType::transport));
    std::vector<std::string> commands{"show clock", "show nonsense", "show version"};
    auto all = co_await conn->send_commands(commands);
    REQUIRE(all.size() == 3);
    CHECK(all[0].command == "show clock");
    CHECK(all.failed());
    CHECK_FALSE(all[2].failed);
    CHECK_THROWS_AS(all.raise_for_status(), vty::CommandFailed);
    auto stopped = co_await conn->send_commands(commands, {.stop_on_failed = true});
    CHECK(stopped.size() == 2);
  });
}

TEMPLATE_TEST_CASE("send_configs enters configuration mode, follows sub-modes and comes back", "",
                   Libssh, SystemSsh, Telnet, LibsshJump, SystemJump) {
  Sim sim;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, sim.options(TestType::transport));
    std::vector<std::string> lines{"interface GigabitEthernet1", "description uplink", "exit",
                                   "hostname router1"};
    auto responses = co_await conn->send_configs(lines);
    CHECK(responses.size() == 4);
    CHECK_FALSE(responses.failed());
    CHECK(conn->current_privilege() == "privilege_exec");
    CHECK(co_await conn->get_prompt() == "router1#");
    auto single = co_await conn->send_config("interface Loopback0\n description test\n");
    CHECK(single.command == "interface Loopback0\n description test\n");
    CHECK_FALSE(single.failed);
    CHECK(co_await conn->get_prompt() == "router1#");
  });
}

TEMPLATE_TEST_CASE("acquire_priv moves between levels, escalating with the enable password", "",
                   Libssh, SystemSsh, Telnet, LibsshJump, SystemJump) {
  Sim sim;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, sim.options(TestType::transport));
    co_await conn->acquire_priv("exec");
    CHECK(co_await conn->get_prompt() == "router1>");
    co_await conn->acquire_priv("configuration");
    CHECK(conn->current_privilege() == "configuration");
    CHECK(co_await conn->get_prompt() == "router1(config)#");
    co_await conn->acquire_priv("privilege_exec");
    CHECK(co_await conn->get_prompt() == "router1#");
    CHECK_THROWS_AS(co_await conn->acquire_priv("no_such_level"), vty::PrivilegeError);
  });
}

TEMPLATE_TEST_CASE("a wrong enable password is a PrivilegeAuthError and the session stays usable",
                   "", Libssh, SystemSsh, Telnet, LibsshJump, SystemJump) {
  Sim sim;
  auto options = sim.options(TestType::transport);
  options.auth.secondary = "not-the-enable-password";
  run_async([&](Executor ex) -> asio::awaitable<void> {
    vty::AsyncDriver driver(ex, options);
    try {
      co_await driver.open();
      FAIL("open succeeded with a wrong enable password");
    } catch (const vty::PrivilegeAuthError& e) {
      CHECK(e.host() == "127.0.0.1");
      CHECK(e.command() == "enable");
      CHECK_THAT(e.what(), Catch::Contains("refused"));
      CHECK(std::string(e.what()).find("not-the-enable-password") == std::string::npos);
    }
  });
}

TEMPLATE_TEST_CASE("a wrong login password is an AuthenticationError", "", Libssh, SystemSsh,
                   Telnet, LibsshJump, SystemJump) {
  Sim sim;
  auto options = sim.options(TestType::transport);
  options.auth.password = "wrong";
  run_async([&](Executor ex) -> asio::awaitable<void> {
    CHECK_THROWS_AS(co_await vty::connect(ex, options), vty::AuthenticationError);
  });
}

TEMPLATE_TEST_CASE("without terminal length 0 the pager is answered and its text removed", "",
                   Libssh, SystemSsh, Telnet, LibsshJump, SystemJump) {
  Sim sim;
  vty::test::TempDir dir;
  {
    std::ifstream in(std::string(VTY_SOURCE_DIR) + "/platforms/cisco_iosxe.toml");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    auto at = text.find("\non_open =");
    REQUIRE(at != std::string::npos);
    ++at;
    text.replace(at, text.find('\n', at) - at, "on_open = []");
    std::ofstream(dir.file("cisco_iosxe.toml")) << text;
  }
  auto paged_options = sim.options(TestType::transport);
  paged_options.platform_paths = {dir.path()};
  auto [paged, plain] =
      run_async([&](Executor ex) -> asio::awaitable<std::pair<vty::Response, vty::Response>> {
        auto paged_conn = co_await vty::connect(ex, paged_options);
        auto paged_response = co_await paged_conn->send_command("show running-config");
        auto plain_conn = co_await vty::connect(ex, sim.options(TestType::transport));
        auto plain_response = co_await plain_conn->send_command("show running-config");
        co_return std::pair{paged_response, plain_response};
      });
  CHECK_THAT(paged.raw_result, Catch::Contains("--More--"));
  CHECK(paged.result.find("--More--") == std::string::npos);
  CHECK(paged.result == plain.result);
}

TEMPLATE_TEST_CASE("a command that never shows a prompt raises OperationTimeout within its timeout",
                   "", Libssh, SystemSsh, Telnet, LibsshJump, SystemJump) {
  Sim sim;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, sim.options(TestType::transport));
    auto started = std::chrono::steady_clock::now();
    try {
      co_await conn->send_command("show hang", {.timeout = std::chrono::milliseconds(800)});
      FAIL("show hang returned");
    } catch (const vty::OperationTimeout& e) {
      auto waited = std::chrono::steady_clock::now() - started;
      CHECK(waited >= std::chrono::milliseconds(800));
      CHECK(waited < std::chrono::milliseconds(1800));
      CHECK(e.host() == "127.0.0.1");
      CHECK(e.operation() == "send_command");
      CHECK(e.command() == "show hang");
      CHECK_FALSE(e.pattern().empty());
      CHECK_THAT(e.what(), Catch::Contains("within 0.8s"));
      CHECK_FALSE(e.tail().empty());
    }
  });
}

// The error context of a command is built only when an error needs it (none is copied per
// command): it must still name the label, the verb, the command, the pattern and the tail.
// A label and a command too long for std::string's inline buffer.
TEMPLATE_TEST_CASE("a failed send_command's error names the device, verb, command and tail", "",
                   Libssh, SystemSsh, Telnet) {
  const std::string label = "edge-router-17.lab.example.net";
  const std::string command = "show running-config";
  SECTION("a timeout") {
    Sim sim({.extra_args = {"--fault", "stall:40", "--fault-on", command}});
    auto options = sim.options(TestType::transport);
    options.label = label;
    run_async([&](Executor ex) -> asio::awaitable<void> {
      auto conn = co_await vty::connect(ex, options);
      try {
        co_await conn->send_command(command, {.timeout = std::chrono::milliseconds(500)});
        FAIL("a stalled answer returned");
      } catch (const vty::OperationTimeout& e) {
        CHECK(e.host() == label);
        CHECK(e.operation() == "send_command");
        CHECK(e.command() == command);
        CHECK_FALSE(e.pattern().empty());
        CHECK_FALSE(e.tail().empty());
        CHECK_THAT(e.what(), Catch::Contains(label) && Catch::Contains(command));
      }
    });
  }
  SECTION("the device hanging up") {
    Sim sim({.extra_args = {"--fault", "drop:40", "--fault-on", command}});
    auto options = sim.options(TestType::transport);
    options.label = label;
    run_async([&](Executor ex) -> asio::awaitable<void> {
      auto conn = co_await vty::connect(ex, options);
      try {
        co_await conn->send_command(command);
        FAIL("a dropped session answered");
      } catch (const vty::ConnectionClosed& e) {
        CHECK(e.host() == label);
        CHECK(e.operation() == "send_command");
        CHECK(e.command() == command);
        CHECK_FALSE(e.pattern().empty());
      }
    });
  }
}

TEMPLATE_TEST_CASE("send_interactive answers a dialogue, hiding the password", "", Libssh,
                   SystemSsh, Telnet, LibsshJump, SystemJump) {
  Sim sim;
  auto r = run_async([&](Executor ex) -> asio::awaitable<vty::Response> {
    auto conn = co_await vty::connect(ex, sim.options(TestType::transport));
    std::vector<vty::InteractiveEvent> dialogue{
        {.input = "disable", .expect = ">"},
        {.input = "enable", .expect = "Password:"},
        {.input = Sim::enable_password, .expect = "", .hidden = true},
    };
    auto response = co_await conn->send_interactive(dialogue);
    CHECK(conn->current_privilege() == "privilege_exec");
    co_return response;
  });
  CHECK(r.command == "disable, enable, <hidden>");
  CHECK_THAT(r.result, Catch::Contains("Password:"));
  CHECK(r.result.find(Sim::enable_password) == std::string::npos);
  CHECK_FALSE(r.failed);
}

TEMPLATE_TEST_CASE("send_and_read reads until a pattern, or for a while when there is none", "",
                   Libssh, SystemSsh, Telnet, LibsshJump, SystemJump) {
  Sim sim;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, sim.options(TestType::transport));
    auto until = co_await conn->send_and_read("show clock", {.until = R"(^router1#\s*$)"});
    CHECK_THAT(until.result, Catch::Contains("UTC"));
    auto timed =
        co_await conn->send_and_read("show hang", {.duration = std::chrono::milliseconds(300)});
    CHECK_FALSE(timed.result.empty());
  });
}

TEMPLATE_TEST_CASE("the from-file variants read one command or config line per line", "", Libssh,
                   SystemSsh, Telnet, LibsshJump, SystemJump) {
  Sim sim;
  vty::test::TempDir dir;
  std::ofstream(dir.file("commands.txt")) << "show clock\n\nshow version\n";
  std::ofstream(dir.file("config.txt")) << "interface Loopback1\r\n description from file\r\n";
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, sim.options(TestType::transport));
    auto shows = co_await conn->send_commands_from_file(dir.file("commands.txt"));
    REQUIRE(shows.size() == 2);
    CHECK(shows[1].command == "show version");
    auto configs = co_await conn->send_configs_from_file(dir.file("config.txt"));
    CHECK(configs.size() == 2);
    CHECK_FALSE(configs.failed());
    CHECK_THROWS_AS(co_await conn->send_commands_from_file(dir.file("missing.txt")),
                    vty::UsageError);
  });
}

TEMPLATE_TEST_CASE("verbs on a driver that is not open are usage errors", "", Libssh, SystemSsh,
                   Telnet, LibsshJump, SystemJump) {
  Sim sim;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    vty::AsyncDriver driver(ex, sim.options(TestType::transport));
    CHECK_THROWS_AS(co_await driver.send_command("show clock"), vty::UsageError);
  });
}

TEST_CASE("an unknown platform is refused when the driver is made") {
  auto options = vty::Options{.host = "127.0.0.1", .platform = "no_such_platform"};
  asio::io_context io;
  CHECK_THROWS_AS(vty::AsyncDriver(io.get_executor(), options), vty::UnknownPlatform);
}
