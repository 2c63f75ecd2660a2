// A real console server in front of a real login: ser2net (telnet) -> a pseudo-terminal
// running /bin/login -> the test account's shell (dash). The in-band login of the telnet
// transport, as a console line shows it, with the linux platform.
#include <catch2/catch.hpp>

#include <string>

#include <vty/vty.hpp>

#include "support/real_peers.hpp"
#include "support/ser2net.hpp"
#include "support/sshd.hpp"

using vty::test::LoginPassword;
using vty::test::Ser2net;
using vty::test::Sshd;
using namespace std::chrono_literals;

namespace {

vty::Options console_options(const Ser2net& server, const std::string& password) {
  vty::Options o;
  o.host = "127.0.0.1";
  o.port = server.port();
  o.transport = "telnet";
  o.platform = "linux";
  o.auth.username = Sshd::login_user();
  o.auth.password = password;
  o.timeout_ops = 15s;  // login waits ~3 s after a refused password
  return o;
}

std::string why_not() {
  if (auto why = Ser2net::unavailable(); !why.empty()) return why;
  if (!LoginPassword::available()) return "the test account's password can only be set as root";
  return {};
}

}  // namespace

TEST_CASE("console server: ser2net in front of /bin/login on a pty, logged in over telnet",
          "[console_server]") {
  if (vty::test::peer_unavailable("ser2net", why_not())) return;
  LoginPassword password;
  Ser2net server("/bin/login");
  INFO(server.log());
  vty::Driver driver(console_options(server, password.value()));
  driver.open();
  CHECK(driver.current_privilege() == "user");
  auto sum = driver.send_command("echo $((6 * 7))");
  CHECK(sum.result == "42");
  auto who = driver.send_command("id -un");
  CHECK(who.result == Sshd::login_user());
  driver.close();

  SECTION("a wrong password is an AuthenticationError naming login's refusal") {
    vty::Driver refused(console_options(server, "not-the-password"));
    try {
      refused.open();
      FAIL("the login was accepted");
    } catch (const vty::AuthenticationError& error) {
      CHECK_THAT(error.what(), Catch::Contains("Login incorrect"));
    }
  }
}
