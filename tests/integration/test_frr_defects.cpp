// The defects real FRR showed, each against FRR itself: pagers inside long lines, refused
// enable passwords, prompts no level matches (UnknownPrompt), autodetection in the session it
// keeps, and OpenSSH's PAM keyboard-interactive login in front of vtysh.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <string>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/cli.hpp"
#include "support/frr.hpp"
#include "support/paths.hpp"
#include "support/real_peers.hpp"
#include "support/session_checks.hpp"
#include "support/sim.hpp"

using vty::test::Frr;
using vty::test::FrrOverSsh;
using vty::test::Libssh;
using vty::test::normalised;
using vty::test::open_error;
using vty::test::run_async;
using vty::test::SystemSsh;
using vty::test::Telnet;
using Executor = asio::any_io_executor;
using namespace std::chrono_literals;

namespace {

bool frr_missing() {
  return vty::test::peer_unavailable("FRR", Frr::unavailable());
}

}  // namespace
TEST_CASE("FRR: with paging on, each --More-- is answered and the output is whole", "[frr]") {
  if (frr_missing()) return;
  Frr frr;
  // staticd's configuration lists every static route: longer than a 10-line page.
  auto [paged, whole] = run_async([&](Executor ex)
                                      -> asio::awaitable<std::pair<std::string, std::string>> {
    const vty::Options device =
        frr.telnet_options("staticd");  // named: connect refuses a temporary
    auto conn = co_await vty::connect(ex, device);
    auto unpaged = co_await conn->send_command("show running-config");
    co_await conn->send_command("terminal length 10");
    auto with_pager = co_await conn->send_command("show running-config");
    co_await conn->close();
    co_return std::pair{with_pager.raw_result + "\n=====\n" + with_pager.result, unpaged.result};
  });
  CHECK_THAT(paged, Catch::Contains("--More--"));
  CHECK_THAT(whole, Catch::Contains("ip route 10.200.59.0/24 blackhole"));
  CHECK(normalised(paged.substr(paged.find("\n=====\n") + 7)) == normalised(whole));
}

TEST_CASE("FRR: a line FRR pages in its middle, past 512 characters, is read whole", "[frr]") {
  if (frr_missing()) return;
  Frr frr;
  // FRR counts wrapped lines against `terminal length`: with a 511-column terminal a long
  // line fills a page, and --More-- comes after its first 1022 characters.
  const std::string description(1500, 'd');
  auto [paged, whole] = run_async([&](Executor ex)
                                      -> asio::awaitable<std::pair<std::string, std::string>> {
    const vty::Options device = frr.telnet_options("bgpd");  // named: connect refuses a temporary
    auto conn = co_await vty::connect(ex, device);
    std::vector<std::string> lines{"router bgp 65001",
                                   " neighbor 127.0.0.2 description " + description};
    auto set = co_await conn->send_configs(lines);
    CHECK_FALSE(set.failed());
    auto unpaged = co_await conn->send_command("show running-config");
    co_await conn->send_command("terminal length 2");
    auto with_pager = co_await conn->send_command("show running-config");
    co_await conn->close();
    co_return std::pair{with_pager.raw_result + "\n=====\n" + with_pager.result, unpaged.result};
  });
  CHECK_THAT(whole, Catch::Contains(description));
  // The longest text between a line end and a --More-- on its line.
  std::size_t longest = 0;
  for (auto more = paged.find("--More--"); more != std::string::npos;
       more = paged.find("--More--", more + 1)) {
    const auto line = paged.rfind('\n', more);
    longest = std::max(longest, more - (line == std::string::npos ? 0 : line + 1));
  }
  INFO("longest line ended by --More--: " << longest);
  CHECK(longest > 512);
  CHECK(normalised(paged.substr(paged.find("\n=====\n") + 7)) == normalised(whole));
}

TEST_CASE("FRR: a wrong enable password is a PrivilegeAuthError, not a closed connection",
          "[frr]") {
  if (frr_missing()) return;
  Frr frr;
  auto options = frr.telnet_options();
  options.auth.secondary = "not-the-enable-password";
  const std::string error = open_error(options);
  CHECK_THAT(error, Catch::StartsWith("vty::PrivilegeAuthError"));
  CHECK_THAT(error, Catch::Contains("refused"));
  // FRR hangs up after three tries; the message says so once.
  CHECK_THAT(error, Catch::Contains("closed the session"));
  CHECK_FALSE(error.find("closed the session: the device closed") != std::string::npos);
}

TEST_CASE("FRR: a missing enable password is a PrivilegeAuthError", "[frr]") {
  if (frr_missing()) return;
  Frr frr;
  auto options = frr.telnet_options();
  options.auth.secondary.clear();
  const std::string error = open_error(options);
  CHECK_THAT(error, Catch::StartsWith("vty::PrivilegeAuthError"));
  CHECK_THAT(error, Catch::Contains("no secondary password"));
}

TEST_CASE("FRR: a prompt no level matches fails fast with UnknownPrompt", "[frr]") {
  if (frr_missing()) return;
  FrrOverSsh peer;
  // The frr definition before it knew the daemons' "frr1>": vtysh's levels only.
  vty::test::TempDir platforms;
  {
    std::ofstream out(platforms.file("frr_vtysh_only.toml"));
    out << R"(name = "frr_vtysh_only"
default_privilege = "privilege_exec"
[[privilege]]
name = "privilege_exec"
pattern = '^[\w.\-]{1,63}#\s*$'
[[privilege]]
name = "configuration"
pattern = '^[\w.\-]{1,63}\(config[\w.\-+]*\)#\s*$'
previous = "privilege_exec"
escalate = "configure terminal"
deescalate = "end"
)";
  }
  auto options = peer.options("telnet");
  options.platform = "frr_vtysh_only";
  options.platform_paths = {platforms.path()};
  options.timeout_ops = 30s;
  const auto started = std::chrono::steady_clock::now();
  const std::string error = open_error(options);
  const auto took = std::chrono::steady_clock::now() - started;
  CHECK_THAT(error, Catch::StartsWith("vty::UnknownPrompt"));
  CHECK_THAT(error, Catch::Contains("\"frr1>\""));
  CHECK_THAT(error, Catch::Contains("privilege_exec"));
  CHECK_THAT(error, Catch::Contains("configuration"));
  // timeout_unknown_prompt (2 s), not timeout_ops (30 s).
  CHECK(took < 10s);

  SECTION("off, the read waits for its deadline as before") {
    options.timeout_unknown_prompt = 0ms;
    options.timeout_ops = 3s;
    CHECK_THAT(open_error(options), Catch::StartsWith("vty::OperationTimeout"));
  }
  SECTION("over SSH too, when vtysh's prompt is not the platform's") {
    std::ofstream(platforms.file("frr_vtysh_only.toml"))
        << "name = \"frr_vtysh_only\"\ndefault_privilege = \"weird\"\n[config]\nprivilege = "
           "\"weird\"\n"
           "[[privilege]]\n"
           "name = \"weird\"\npattern = '^[\\w.\\-]{1,63}\\(weird\\)#\\s*$'\n";
    for (const char* transport : {"libssh", "system"}) {
      INFO(transport);
      auto ssh = peer.options(transport);
      ssh.platform = "frr_vtysh_only";
      ssh.platform_paths = {platforms.path()};
      CHECK_THAT(open_error(ssh), Catch::StartsWith("vty::UnknownPrompt"));
    }
  }
}

TEMPLATE_TEST_CASE("FRR: platform auto finds frr in the session it keeps, and says so", "[frr]",
                   Libssh, SystemSsh, Telnet) {
  if (frr_missing()) return;
  FrrOverSsh peer;
  auto options = peer.options(TestType::transport);
  options.platform = "auto";
  vty::Driver driver(options);
  CHECK_FALSE(driver.detection().has_value());
  driver.open();
  REQUIRE(driver.detection().has_value());
  INFO(driver.detection()->reason);
  CHECK(driver.detection()->platform == "frr");
  CHECK_THAT(driver.detection()->reason,
             Catch::Contains("FRRouting") || Catch::Contains("show version"));
  CHECK(driver.platform().name == "frr");
  CHECK(driver.current_privilege() == "privilege_exec");
  auto r = driver.send_command("show bgp summary");
  CHECK_THAT(r.result, Catch::Contains("local AS number 65001"));
  driver.close();
  if (std::string(TestType::transport) != "telnet") {
    // One login: detection and the session are the same connection.
    const std::string log = peer.sshd().log();
    std::size_t logins = 0;
    for (auto at = log.find("Accepted publickey"); at != std::string::npos;
         at = log.find("Accepted publickey", at + 1))
      ++logins;
    CHECK(logins == 1);
  }
}

TEST_CASE("FRR: autodetection over telnet with a wrong password is an AuthenticationError",
          "[frr]") {
  if (frr_missing()) return;
  Frr frr;
  auto options = frr.telnet_options();
  options.platform = "auto";
  options.auth.password = "not-the-password";
  const std::string error = open_error(options);
  CHECK_THAT(error, Catch::StartsWith("vty::AuthenticationError"));
  // Not the candidates' whole prompt pattern (kilobytes).
  CHECK(error.size() < 1000);
}

TEST_CASE("FRR: vty run --platform auto reports the platform it found in its JSON", "[frr]") {
  if (frr_missing()) return;
  FrrOverSsh peer;
  const std::string host = "127.0.0.1:" + std::to_string(peer.sshd().port());
  auto r = vty::test::run_program(
      {.argv = {VTY_CLI_PATH, "run", host, "--user", vty::test::Sshd::login_user(), "--key",
                peer.sshd().client_key_path(), "--host-key-policy", "off", "--platform", "auto",
                "-c", "show version", "--json"},
       .merge_stderr = false});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(vty::test::jq(r.output, R"(.[0].detected_platform == "frr" and .[0].ok)"));
  CHECK(vty::test::jq(r.output, R"(.[0].results[0].result | contains("FRRouting"))"));
}

TEST_CASE("FRR: vtysh behind OpenSSH's PAM keyboard-interactive login", "[frr]") {
  if (frr_missing()) return;
  if (!vty::test::LoginPassword::available()) {
    vty::test::peer_unavailable("sshd with PAM", "the test account's password needs root");
    return;
  }
  const vty::test::LoginPassword password;
  Frr frr;
  vty::test::Sshd sshd({.force_command = frr.vtysh_command(),
                        .kbd_interactive_authentication = true,
                        .use_pam = true});
  for (const char* transport : {"libssh", "system"}) {
    INFO(transport << "\n" << sshd.log());
    vty::Options options;
    options.host = "127.0.0.1";
    options.port = sshd.port();
    options.transport = transport;
    options.platform = "frr";
    options.auth.username = vty::test::Sshd::login_user();
    options.auth.use_agent = false;
    options.host_key_policy = vty::HostKeyPolicy::off;
    options.timeout_ops = 10s;
    if (std::string(transport) == "system") options.ssh_config_file = "none";
    options.auth.password = password.value();
    auto r = run_async([&](Executor ex) -> asio::awaitable<vty::Response> {
      auto conn = co_await vty::connect(ex, options);
      auto response = co_await conn->send_command("show version");
      co_await conn->close();
      co_return response;
    });
    CHECK_THAT(r.result, Catch::Contains("FRRouting"));
    options.auth.password = "not-the-password";
    CHECK_THAT(open_error(options), Catch::StartsWith("vty::AuthenticationError"));
  }
  // sshd said which method it accepted.
  CHECK_THAT(sshd.log(), Catch::Contains("Accepted keyboard-interactive/pam"));
}

TEST_CASE("FRR: a command for a daemon that is not running is marked failed", "[frr]") {
  if (frr_missing()) return;
  // The fixture starts no ripd: vtysh answers `show ip rip` with "ripd is not running" and
  // no "%", the way it answers for any daemon that is down (bgpd after a crash, say).
  FrrOverSsh peer;
  auto r = run_async([&](Executor ex) -> asio::awaitable<vty::Response> {
    const vty::Options device = peer.options("libssh");  // named: connect refuses a temporary
    auto conn = co_await vty::connect(ex, device);
    co_return co_await conn->send_command("show ip rip");
  });
  INFO(r.result);
  CHECK_THAT(r.result, Catch::Contains("ripd is not running"));
  CHECK(r.failed);
  CHECK(r.failed_when_contains == "is not running");
}
