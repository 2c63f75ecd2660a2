// A device that stops at a prompt no level of its platform matches: UnknownPrompt after
// timeout_unknown_prompt of quiet, naming the line and the levels tried, over each SSH
// transport (FRR's daemon vtys show the same over telnet: test_frr_defects.cpp).
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include <vty/vty.hpp>

#include "support/session_checks.hpp"
#include "support/sshd.hpp"

using vty::test::Sshd;
using namespace std::chrono_literals;

namespace {

vty::Options strange_box(const Sshd& sshd, const std::string& transport) {
  vty::Options o;
  o.host = "127.0.0.1";
  o.port = sshd.port();
  o.transport = transport;
  o.platform = "cisco_iosxe";
  o.auth.username = Sshd::login_user();
  o.auth.private_key_file = sshd.client_key_path();
  o.auth.use_agent = false;
  o.host_key_policy = vty::HostKeyPolicy::off;
  o.timeout_ops = 30s;
  if (transport == "system") o.ssh_config_file = "none";
  return o;
}

}  // namespace

TEST_CASE("a prompt-shaped line no level matches is an UnknownPrompt within seconds") {
  Sshd sshd({.force_command = "/bin/sh -c \"printf 'strange-box$ '; exec cat\""});
  for (const char* transport : {"libssh", "system"}) {
    INFO(transport);
    auto options = strange_box(sshd, transport);
    const auto started = std::chrono::steady_clock::now();
    const std::string error = vty::test::open_error(options);
    CHECK(std::chrono::steady_clock::now() - started < 15s);
    CHECK_THAT(error, Catch::StartsWith("vty::UnknownPrompt"));
    CHECK_THAT(error, Catch::Contains("\"strange-box$\""));
    CHECK_THAT(error, Catch::Contains("privilege_exec '"));
  }
  SECTION("with timeout_unknown_prompt 0 the read waits for timeout_ops") {
    auto options = strange_box(sshd, "libssh");
    options.timeout_unknown_prompt = 0ms;
    options.timeout_ops = 3s;
    CHECK_THAT(vty::test::open_error(options), Catch::StartsWith("vty::OperationTimeout"));
  }
}
