// vty-sim's telnet login, sans-io: what a device asks before its CLI, typed bytes in.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "vty-sim/login_gate.hpp"
#include "vty-sim/sim_options.hpp"

using namespace vty::sim;

namespace {

LoginGate gate(LoginKind kind, bool console = false) {
  return LoginGate({.kind = kind, .console = console});
}

// Feeds `text` one byte at a time and returns everything printed meanwhile.
std::string type(LoginGate& gate, std::string_view text) {
  std::string printed;
  for (char c : text) {
    gate.feed(std::string_view(&c, 1));
    printed += gate.take_output();
  }
  return printed;
}

}  // namespace

TEST_CASE("a username and password login echoes the username only, then lets input through") {
  auto g = gate(LoginKind::username_password);
  CHECK(g.take_output() == "\r\nUser Access Verification\r\n\r\nUsername: ");
  CHECK(type(g, "admin\r\n") == "admin\r\nPassword: ");
  CHECK(type(g, "admin123\r") == "\r\n");
  CHECK(g.passed());
  // The LF of the CR LF belongs to the password; what follows is for the CLI.
  g.feed("\nshow clock\n");
  CHECK(g.take_input() == "show clock\n");
  CHECK(g.take_output().empty());
}

TEST_CASE("a refused username and password login asks again, three times, then hangs up") {
  auto g = gate(LoginKind::username_password);
  (void)g.take_output();
  CHECK(type(g, "admin\nwrong\n") == "admin\r\nPassword: \r\n% Login invalid\r\n\r\nUsername: ");
  CHECK_FALSE(g.passed());
  (void)type(g, "nobody\nadmin123\n");
  CHECK(type(g, "admin\nwrong\n") ==
        "admin\r\nPassword: \r\n% Login invalid\r\n\r\n% Bad passwords\r\n");
  CHECK(g.closed());
  g.feed("admin\nadmin123\n");
  CHECK_FALSE(g.passed());
}

TEST_CASE("a password-only login asks for the password again without a word") {
  auto g = gate(LoginKind::password_only);
  CHECK(g.take_output() == "\r\nUser Access Verification\r\n\r\nPassword: ");
  CHECK(type(g, "wrong\n") == "\r\nPassword: ");
  CHECK(type(g, "admin123\n") == "\r\n");
  CHECK(g.passed());
}

TEST_CASE("a console shows nothing until a return is pressed") {
  const LoginKind kind = GENERATE(LoginKind::username_password, LoginKind::none);
  auto g = gate(kind, true);
  CHECK(g.take_output().empty());
  CHECK(type(g, "abc").empty());
  CHECK_FALSE(g.passed());
  g.feed("\r\n");
  if (kind == LoginKind::none) {
    CHECK(g.passed());
    CHECK(g.take_input().empty());  // the waking return is not a command
  } else {
    CHECK(g.take_output() == "\r\nUser Access Verification\r\n\r\nUsername: ");
  }
}

TEST_CASE("vty-sim's telnet options: the login of each device, cycled over the devices") {
  auto options = parse_sim_options({"--telnet", "--telnet-login", "username,password,none",
                                    "--telnet-username-prompt", "login: ", "--console"});
  CHECK(options.telnet);
  CHECK(options.console);
  CHECK(options.telnet_login == std::vector<std::string>{"username", "password", "none"});
  CHECK(options.telnet_username_prompt == "login: ");
  CHECK(parse_sim_options({}).telnet_login == std::vector<std::string>{"username"});
  CHECK_THROWS_WITH(parse_sim_options({"--telnet-login", "username,secret"}),
                    Catch::Contains("not 'secret'"));
  CHECK_THROWS_WITH(parse_sim_options({"--telnet-port", "65535", "--devices", "2"}),
                    Catch::Contains("--telnet-port + --devices"));
}
