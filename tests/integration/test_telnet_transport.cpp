// Telnet against vty-sim --telnet and against a real telnetd: the in-band login in its
// variants, refused credentials, console servers that wait for a return. The behaviour
// every transport shares is in test_driver_verbs.cpp and test_driver_sessions.cpp.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <asio/steady_timer.hpp>

#include <algorithm>
#include <string>
#include <thread>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/paths.hpp"
#include "support/sim.hpp"
#include "support/telnetd.hpp"

using vty::test::run_async;
using vty::test::Sim;
using Executor = asio::any_io_executor;
using namespace std::chrono_literals;

namespace {

// Opens a session, runs `show version` and closes; returns the output.
std::string show_version(const vty::Options& options) {
  return run_async([&](Executor ex) -> asio::awaitable<std::string> {
    auto conn = co_await vty::connect(ex, options);
    CHECK(conn->current_privilege() == "privilege_exec");
    auto response = co_await conn->send_command("show version");
    co_await conn->close();
    co_return response.result;
  });
}

// What opening a session throws, as the exception's type name ("" when it opened).
std::string open_error(const vty::Options& options) {
  return run_async([&](Executor ex) -> asio::awaitable<std::string> {
    try {
      auto conn = co_await vty::connect(ex, options);
    } catch (const vty::DriverException& error) {
      co_return std::string(error.type_name()) + ": " + error.what();
    }
    co_return std::string();
  });
}

}  // namespace

TEST_CASE("telnet is a registered transport") {
  auto names = vty::registered_transports();
  CHECK(std::find(names.begin(), names.end(), "telnet") != names.end());
}

TEST_CASE("the in-band login answers each way a device asks for the username") {
  const std::string question =
      GENERATE(as<std::string>{},
               "Username: ", "login: ", "User Name: ", "user: ", "Login Name:", "router1 login: ");
  INFO("the device asks \"" << question << "\"");
  Sim sim({.extra_args = {"--telnet-username-prompt", question}});
  CHECK_THAT(show_version(sim.options("telnet")), Catch::Contains("Cisco IOS XE Software"));
}

TEST_CASE("a device that asks only for a password, then for the enable password") {
  // Device 0 asks username and password, device 1 a password alone (a line password).
  Sim sim({.devices = 2, .extra_args = {"--telnet-login", "username,password"}});
  CHECK_THAT(show_version(sim.options("telnet", 1)), Catch::Contains("Cisco IOS XE Software"));
  auto no_user = sim.options("telnet", 1);
  no_user.auth.username.clear();
  CHECK_THAT(show_version(no_user), Catch::Contains("Cisco IOS XE Software"));

  SECTION("the enable password is still required to reach privilege_exec") {
    auto no_enable = sim.options("telnet", 1);
    no_enable.auth.secondary.clear();
    CHECK_THAT(open_error(no_enable), Catch::StartsWith("vty::PrivilegeAuthError"));
  }
  SECTION("a device that asks for a username needs one") {
    auto options = sim.options("telnet", 0);
    options.auth.username.clear();
    CHECK_THAT(open_error(options), Catch::StartsWith("vty::AuthenticationError"));
  }
}

TEST_CASE("refused credentials are an AuthenticationError, not a timeout") {
  auto [kind, user, password] = GENERATE(
      table<std::string, std::string, std::string>({{"username", "admin", "not-the-password"},
                                                    {"username", "nobody", "admin123"},
                                                    {"password", "admin", "not-the-password"}}));
  INFO("a device asking for " << kind << ", given " << user << "/" << password);
  Sim sim({.extra_args = {"--telnet-login", kind}});
  auto options = sim.options("telnet");
  options.auth.username = user;
  options.auth.password = password;
  auto error = open_error(options);
  CHECK_THAT(error, Catch::StartsWith("vty::AuthenticationError"));
  CHECK_THAT(error, Catch::Contains("refused"));
  CHECK(error.find("not-the-password") == std::string::npos);
}

TEST_CASE("a device's own failure text names the refusal") {
  Sim sim;
  auto options = sim.options("telnet");
  options.auth.password = "wrong";
  CHECK_THAT(open_error(options), Catch::Contains("% Login invalid"));
}

TEST_CASE("a device that says why and hangs up refuses the login, it does not lose it") {
  // A bare TCP peer that never negotiates: a daemon vty asking for a password only.
  int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(listen(listener, 4) == 0);
  REQUIRE(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  std::thread device([listener] {
    int fd = accept(listener, nullptr, nullptr);
    std::string question =
        "\r\nHello, this is FRRouting.\r\n\r\nUser Access Verification\r\n\r\nPassword: ";
    send(fd, question.data(), question.size(), MSG_NOSIGNAL);
    char c = 0;
    while (recv(fd, &c, 1, 0) == 1 && c != '\n') {
    }
    std::string refusal = "\r\n% Bad passwords\r\n";
    send(fd, refusal.data(), refusal.size(), MSG_NOSIGNAL);
    close(fd);
  });
  vty::Options options;
  options.host = "127.0.0.1";
  options.port = ntohs(address.sin_port);
  options.transport = "telnet";
  options.auth.password = "wrong";
  auto error = open_error(options);
  device.join();
  close(listener);
  CHECK_THAT(error, Catch::StartsWith("vty::AuthenticationError"));
  CHECK_THAT(error, Catch::Contains("% Bad passwords"));
}

TEST_CASE("patterns of the connection override the platform's login questions") {
  Sim sim({.extra_args = {"--telnet-username-prompt", "Who are you? "}});
  auto options = sim.options("telnet");
  options.timeout_ops = 2s;
  CHECK_THAT(open_error(options), Catch::StartsWith("vty::OperationTimeout"));
  options.login.username_pattern = R"(Who are you\?\s*$)";
  CHECK_THAT(show_version(options), Catch::Contains("Cisco IOS XE Software"));
}

TEST_CASE("a console that shows nothing until a return is woken up") {
  const std::string kind = GENERATE(as<std::string>{}, "username", "password", "none");
  INFO("a console asking for " << kind);
  Sim sim({.extra_args = {"--console", "--telnet-login", kind}});
  auto options = sim.options("telnet");
  options.login.wake_console = true;
  CHECK_THAT(show_version(options), Catch::Contains("Cisco IOS XE Software"));

  SECTION("without the wake-up, nothing comes: a timeout") {
    options.login.wake_console = false;
    options.timeout_ops = 1s;
    CHECK_THAT(open_error(options), Catch::StartsWith("vty::OperationTimeout"));
  }
}

TEST_CASE("the console wake-up presses nothing while a device speaks first") {
  // A return typed over the device's question would answer it, and one typed at a prompt
  // would leave a second prompt to confuse the next command.
  const std::string transport = GENERATE(as<std::string>{}, "telnet", "libssh");
  INFO("over " << transport);
  Sim sim;
  auto options = sim.options(transport);
  options.login.wake_console = true;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, options);
    auto clock = co_await conn->send_command("show clock");
    CHECK_THAT(clock.result, Catch::Contains("UTC"));
    CHECK(clock.result.find("router1") == std::string::npos);
    auto version = co_await conn->send_command("show version");
    CHECK_THAT(version.result, Catch::Contains("Cisco IOS XE Software"));
    co_await conn->close();
  });
}

TEST_CASE("a console wake-up that gets no answer ends with its own timeout") {
  // A port that takes the connection and the returns, and never says a word.
  int silent = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  REQUIRE(bind(silent, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(listen(silent, 4) == 0);
  REQUIRE(getsockname(silent, reinterpret_cast<sockaddr*>(&address), &length) == 0);

  vty::Options options;
  options.host = "127.0.0.1";
  options.port = ntohs(address.sin_port);
  options.transport = "telnet";
  options.login.wake_console = true;
  options.login.timeout_wake = 1500ms;
  options.login.wake_interval = 300ms;
  auto error = open_error(options);
  close(silent);
  CHECK_THAT(error, Catch::StartsWith("vty::OperationTimeout"));
  CHECK_THAT(error, Catch::Contains("wake the console"));
}

TEST_CASE("a real telnetd logs in to a vty-sim login shell and runs a command") {
  const std::string kind = vty::test::Telnetd::available();
  if (kind.empty()) {
    WARN(
        "SKIPPED: neither inetutils' telnetd (/usr/sbin/telnetd) nor a busybox with its "
        "telnetd applet is installed; apt-get install inetutils-telnetd to run this test");
    return;
  }
  vty::test::Telnetd telnetd({VTY_SIM_PATH, "--stdio", "--login"});
  INFO("telnetd: " << telnetd.kind());
  vty::Options options;
  options.host = "127.0.0.1";
  options.port = telnetd.port();
  options.transport = "telnet";
  options.auth = {
      .username = Sim::user, .password = Sim::password, .secondary = Sim::enable_password};
  options.timeout_ops = 10s;
  CHECK_THAT(show_version(options), Catch::Contains("Cisco IOS XE Software"));

  options.auth.password = "wrong";
  CHECK_THAT(open_error(options), Catch::StartsWith("vty::AuthenticationError"));
}

TEST_CASE("telnet: a session aborted mid-command raises vty::OperationCancelled") {
  Sim sim;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    vty::AsyncDriver driver(ex, sim.options("telnet"));
    co_await driver.open();
    asio::steady_timer timer(ex, std::chrono::milliseconds(200));
    timer.async_wait([&](asio::error_code) { driver.abort(); });
    CHECK_THROWS_AS(co_await driver.send_command("show hang"), vty::OperationCancelled);
  });
}
