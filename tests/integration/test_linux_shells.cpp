// The linux platform against real shells from Debian (bash, dash, busybox sh), each the
// ForceCommand of a test sshd: prompts as each shell draws them, commands, failures, and
// autodetection.
#include <catch2/catch.hpp>

#include <string>

#include <vty/vty.hpp>

#include "support/real_peers.hpp"
#include "support/sshd.hpp"

using vty::test::Sshd;
using namespace std::chrono_literals;

namespace {

struct Shell {
  const char* name;
  const char* program;  // must be installed
  const char* package;
  const char* command;  // the ForceCommand: an interactive shell without start-up files
};

vty::Options shell_options(const Sshd& sshd, const std::string& transport) {
  vty::Options o;
  o.host = "127.0.0.1";
  o.port = sshd.port();
  o.transport = transport;
  o.platform = "linux";
  o.auth.username = Sshd::login_user();
  o.auth.private_key_file = sshd.client_key_path();
  o.auth.use_agent = false;
  o.host_key_policy = vty::HostKeyPolicy::off;
  o.timeout_ops = 10s;
  if (transport == "system") o.ssh_config_file = "none";
  return o;
}

void drive(const Shell& shell, const std::string& transport) {
  if (vty::test::peer_unavailable(shell.name,
                                  vty::test::missing_program(shell.program, shell.package)))
    return;
  Sshd sshd({.force_command = shell.command});
  INFO(shell.name << " over " << transport);
  {
    vty::Driver driver(shell_options(sshd, transport));
    driver.open();
    CHECK(driver.current_privilege() == "user");
    auto sum = driver.send_command("echo $((6 * 7))");
    CHECK(sum.result == "42");
    CHECK_FALSE(sum.failed);
    auto lines = driver.send_commands({"printf 'a\\nb\\nc\\n'", "uname -s"});
    CHECK(lines[0].result == "a\nb\nc");
    CHECK(lines[1].result == "Linux");
    auto missing = driver.send_command("no-such-program-here");
    INFO(missing.result);
    CHECK(missing.failed);
    driver.close();
  }
  auto options = shell_options(sshd, transport);
  options.platform = "auto";
  vty::Driver detected(options);
  detected.open();
  REQUIRE(detected.detection().has_value());
  INFO(detected.detection()->reason);
  CHECK(detected.detection()->platform == "linux");
  detected.close();
}

}  // namespace

TEST_CASE("linux platform: bash, over libssh and system", "[linux_shell]") {
  const Shell bash{"bash", "/bin/bash", "bash", "/bin/bash --norc --noprofile -i"};
  drive(bash, "libssh");
  drive(bash, "system");
}

TEST_CASE("linux platform: dash, whose prompt is a bare '$ '", "[linux_shell]") {
  drive({"dash", "/bin/dash", "dash", "/bin/dash -i"}, "libssh");
}

TEST_CASE("linux platform: busybox sh", "[linux_shell]") {
  drive({"busybox sh", "/bin/busybox", "busybox", "/bin/busybox sh -i"}, "libssh");
}
