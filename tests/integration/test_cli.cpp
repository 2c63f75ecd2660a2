// The `vty` program end to end: `vty run` against simulated devices, its JSON and exit
// codes (checked with jq, as a user's script would), and `vty demo`.
#include <catch2/catch.hpp>

#include "support/child_process.hpp"
#include "support/cli.hpp"
#include "support/paths.hpp"
#include "support/sim.hpp"

using vty::test::ChildProcess;
using vty::test::jq;
using vty::test::run_program;
using vty::test::Sim;

namespace {

const std::vector<std::string> sim_credentials{"VTY_PASSWORD=admin123", "VTY_SECONDARY=enable123"};

// Runs `vty run ARGS...`; stdout only (what a pipe into jq sees) unless `with_stderr`.
vty::test::RunResult vty_run(std::vector<std::string> args,
                             std::vector<std::string> env = sim_credentials,
                             bool with_stderr = false) {
  ChildProcess::Spec spec;
  spec.merge_stderr = with_stderr;
  spec.argv = {VTY_CLI_PATH, "run"};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.env = std::move(env);
  return run_program(std::move(spec));
}

std::string target(const Sim& sim, int device = 0) {
  return "127.0.0.1:" + std::to_string(sim.port(device));
}

}  // namespace

TEST_CASE("vty run --json prints one array with each host's results, exit 0 when all ok") {
  Sim sim({.devices = 2});
  auto r =
      vty_run({target(sim, 0), target(sim, 1), "-c", "show version", "-c",
               "show ip interface brief", "--user", "admin", "--host-key-policy", "off", "--json"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(jq(r.output, "length == 2"));
  CHECK(jq(r.output, "all(.[]; .ok == true and .error == null)"));
  CHECK(jq(r.output, ".[0].host == \"" + target(sim, 0) + "\""));
  CHECK(jq(r.output,
           "all(.[]; .results | map(.command) == [\"show version\", "
           "\"show ip interface brief\"])"));
  CHECK(jq(r.output, ".[1].results[1].result | contains(\"GigabitEthernet1\")"));
  CHECK(jq(r.output, "all(.[].results[]; .failed == false and .elapsed_s > 0)"));
}

TEST_CASE("vty run exits 1 when a command fails, and marks it failed") {
  Sim sim;
  auto r = vty_run({target(sim), "-c", "show nonsense", "--user", "admin", "--host-key-policy",
                    "off", "--json"});
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(jq(r.output, ".[0].ok == false and .[0].results[0].failed == true"));
  CHECK(jq(r.output, ".[0].error == null"));
}

TEST_CASE("vty run exits 2 when a host fails, with the error's type, and finishes the rest") {
  Sim sim;
  auto closed = "127.0.0.1:" + std::to_string(vty::test::free_loopback_port());
  auto r = vty_run({target(sim), closed, "-c", "show clock", "--user", "admin", "--host-key-policy",
                    "off", "--json"});
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK(jq(r.output, ".[0].ok == true"));
  CHECK(jq(r.output, ".[1].error.type == \"vty::ConnectionRefused\""));
  CHECK(jq(r.output, ".[1].error.message | contains(\"127.0.0.1\")"));

  auto wrong = vty_run(
      {target(sim), "-c", "show clock", "--user", "admin", "--host-key-policy", "off", "--json"},
      {"VTY_PASSWORD=wrong"});
  CHECK(wrong.exit_code == 2);
  CHECK(jq(wrong.output, ".[0].error.type == \"vty::AuthenticationError\""));
}

TEST_CASE("vty run reads passwords from files, never from argv") {
  Sim sim;
  vty::test::TempDir dir;
  run_program({.argv = {"/bin/sh", "-c",
                        "printf 'admin123\\n' > " + dir.file("pw") + "; printf 'enable123\\n' > " +
                            dir.file("enable")}});
  auto r = vty_run(
      {target(sim), "-c", "show clock", "--user", "admin", "--password-file", dir.file("pw"),
       "--secondary-file", dir.file("enable"), "--host-key-policy", "off", "--json"},
      {});
  INFO(r.output);
  CHECK(r.exit_code == 0);

  auto refused = vty_run({target(sim), "-c", "show clock", "--password", "admin123"}, {}, true);
  CHECK(refused.exit_code == 64);
  CHECK_THAT(refused.output, Catch::Contains("never taken from the command line"));
}

TEST_CASE("vty run usage errors exit 64") {
  CHECK(vty_run({"-c", "show clock"}).exit_code == 64);
  CHECK(vty_run({"127.0.0.1"}).exit_code == 64);
  CHECK(vty_run({"127.0.0.1", "-c", "x", "--host-key-policy", "maybe"}).exit_code == 64);
  CHECK(vty_run({"127.0.0.1:99999", "-c", "x"}).exit_code == 64);
}

TEST_CASE("vty demo runs a fleet of 50 simulated devices, with a summary") {
  auto r = run_program({.argv = {VTY_CLI_PATH, "demo"}});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  std::size_t devices = 0;
  for (auto at = r.output.find("=== 127.0.0.1:"); at != std::string::npos;
       at = r.output.find("=== 127.0.0.1:", at + 1)) {
    ++devices;
  }
  CHECK(devices == 50);
  CHECK_THAT(r.output, Catch::Contains("--- show ip interface brief"));
  CHECK_THAT(r.output, Catch::Contains("summary: 50 of 50 hosts ok"));
  CHECK_THAT(r.output, Catch::Contains("50 of 50 devices ok"));
}
