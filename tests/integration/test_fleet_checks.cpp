// `vty run` finds its own configuration mistakes before it contacts any host (exit 64, one
// message naming the hosts), and refuses a selection that selects nothing.
#include <catch2/catch.hpp>

#include <fstream>

#include "support/child_process.hpp"
#include "support/cli.hpp"
#include "support/paths.hpp"
#include "support/sim.hpp"

using vty::test::jq;
using vty::test::Sim;
using vty::test::TempDir;
using vty::test::vty_run_sim;

namespace {

std::string target(const Sim& sim, int device = 0) {
  return "127.0.0.1:" + std::to_string(sim.port(device));
}

// `vty run` on a live simulated device with ARGS: a mistake found per host would show as a
// host failure (exit 2) after the login; found up front it is exit 64 and no host report.
vty::test::RunResult run_on_device(const Sim& sim, std::vector<std::string> args) {
  std::vector<std::string> all{target(sim), "-c", "show clock", "--json"};
  all.insert(all.end(), args.begin(), args.end());
  return vty_run_sim({.args = all, .with_stderr = true});
}

std::string inventory(const TempDir& dir, const Sim& sim, const std::string& host_extra) {
  std::ofstream file(dir.file("inventory.toml"));
  file << "[groups.core]\n[hosts.r1]\naddress = \"127.0.0.1\"\nport = " << sim.port()
       << "\ngroups = [\"core\"]\n"
       << host_extra << "[hosts.r2]\naddress = \"127.0.0.1\"\nport = " << sim.port() << "\n";
  return dir.file("inventory.toml");
}

}  // namespace

TEST_CASE("vty run: unknown platforms, transports and privilege levels are usage errors") {
  Sim sim;
  SECTION("--platform") {
    auto r = run_on_device(sim, {"--platform", "nosuch"});
    CHECK(r.exit_code == 64);
    CHECK_THAT(r.output, Catch::Contains("no platform named \"nosuch\"") &&
                             Catch::Contains("cisco_iosxe") && !Catch::Contains("\"ok\""));
  }
  SECTION("an inventory's platform names the host") {
    TempDir dir;
    auto r = vty_run_sim(
        {.args = {"-i", inventory(dir, sim, "platform = \"cisco_ios\"\n"), "-c", "show clock"},
         .with_stderr = true});
    CHECK(r.exit_code == 64);
    CHECK_THAT(r.output, Catch::Contains("host r1: no platform named \"cisco_ios\""));
  }
  SECTION("--transport") {
    auto r = run_on_device(sim, {"--transport", "ssh2"});
    CHECK(r.exit_code == 64);
    CHECK_THAT(r.output, Catch::Contains("unknown transport \"ssh2\"") &&
                             Catch::Contains("libssh") && Catch::Contains("telnet"));
  }
  SECTION("--privilege") {
    auto r = run_on_device(sim, {"--privilege", "nosuch"});
    CHECK(r.exit_code == 64);
    CHECK_THAT(r.output, Catch::Contains("--privilege nosuch") &&
                             Catch::Contains("privilege_exec") && !Catch::Contains("\"ok\""));
  }
  SECTION("the full usage text only follows command-line mistakes") {
    auto r = run_on_device(sim, {"--transport", "ssh2"});
    CHECK_THAT(r.output, !Catch::Contains("usage:"));
    auto syntax = run_on_device(sim, {"--no-such-flag"});
    CHECK(syntax.exit_code == 64);
    CHECK_THAT(syntax.output, Catch::Contains("usage: vty run"));
  }
}

TEST_CASE("vty run: a missing or broken --parse template is a usage error") {
  Sim sim;
  TempDir dir;
  auto missing = run_on_device(sim, {"--parse", "textfsm:" + dir.file("none.textfsm")});
  CHECK(missing.exit_code == 64);
  CHECK_THAT(missing.output, Catch::Contains("none.textfsm"));

  std::ofstream(dir.file("broken.textfsm")) << "Value X (\\S+\n\nStart\n  ^${X} -> Record\n";
  auto broken = run_on_device(sim, {"--parse", "textfsm:" + dir.file("broken.textfsm")});
  CHECK(broken.exit_code == 64);
  CHECK_THAT(broken.output, Catch::Contains("broken.textfsm:1"));

  auto unset = vty_run_sim({.args = {target(sim), "-c", "show clock", "--parse", "textfsm"},
                            .env = {"VTY_PASSWORD=admin123", "NTC_TEMPLATES_DIR="},
                            .with_stderr = true});
  CHECK(unset.exit_code == 64);
  CHECK_THAT(unset.output, Catch::Contains("NTC_TEMPLATES_DIR"));
}

TEST_CASE("vty run: a selection of no host is a usage error, not an empty success") {
  Sim sim;
  TempDir dir;
  auto inv = inventory(dir, sim, "");
  SECTION("--limit that matches nothing") {
    auto r = vty_run_sim(
        {.args = {"-i", inv, "-c", "show clock", "--limit", "nomatch"}, .with_stderr = true});
    CHECK(r.exit_code == 64);
    CHECK_THAT(r.output, Catch::Contains("matches none of the 2 hosts"));
  }
  SECTION("an unknown group") {
    auto r = vty_run_sim(
        {.args = {"-i", inv, "-c", "show clock", "--limit", "group:edge"}, .with_stderr = true});
    CHECK(r.exit_code == 64);
    CHECK_THAT(r.output, Catch::Contains("unknown group `edge`") && Catch::Contains("`core`"));
  }
  SECTION("an empty host list on stdin") {
    auto r = vty_run_sim(
        {.args = {"-", "-c", "show clock"}, .stdin_text = "# none\n\n", .with_stderr = true});
    CHECK(r.exit_code == 64);
    CHECK_THAT(r.output, Catch::Contains("host list is empty"));
  }
  SECTION("a term that matches no host is named, the rest run") {
    auto r = vty_run_sim({.args = {"-i", inv, "-c", "show clock", "--limit", "r1,typo", "--json"},
                          .with_stderr = true});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::Contains("--limit term typo matches no host"));
  }
}

TEST_CASE("vty run: # lines of --commands-file and --config-file are comments, never sent") {
  Sim sim;
  TempDir dir;
  std::ofstream(dir.file("commands.txt")) << "# what we collect\nshow clock\n  # indented\n";
  std::ofstream(dir.file("config.txt")) << "# a change\ninterface Loopback9\n";
  auto r = vty_run_sim({.args = {target(sim), "--commands-file", dir.file("commands.txt"),
                                 "--config-file", dir.file("config.txt"), "--json"}});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(jq(r.output, ".[0].results | map(.command) == [\"interface Loopback9\", \"show clock\"]"));
}

TEST_CASE("every vty command's --help prints its usage on stdout and exits 0") {
  for (std::vector<std::string> args : {std::vector<std::string>{"run", "--help"},
                                        {"demo", "--help"},
                                        {"demo", "-h"},
                                        {"recording", "redact", "--help"},
                                        {"recording", "--help"},
                                        {"platforms", "--help"},
                                        {"parse", "--help"},
                                        {"--help"}}) {
    std::vector<std::string> argv{VTY_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = vty::test::run_program({.argv = argv}, std::chrono::seconds(10));
    INFO(args[0] << " " << args.back());
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::StartsWith("usage: vty"));
  }
}
