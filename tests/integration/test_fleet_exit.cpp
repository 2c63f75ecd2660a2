// How `vty run` ends: SIGTERM like Ctrl-C (a complete JSON document, exit 143), and a
// result that cannot be written is an error (exit 74), never a silent success.
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/child_process.hpp"
#include "support/cli.hpp"
#include "support/paths.hpp"
#include "support/process_resources.hpp"
#include "support/sim.hpp"

using vty::test::ChildProcess;
using vty::test::jq;
using vty::test::open_sessions;
using vty::test::run_program;
using vty::test::sessions_left;
using vty::test::Sim;
using vty::test::TempDir;
using vty::test::vty_run_sim;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string target(const Sim& sim, int device = 0) {
  return "127.0.0.1:" + std::to_string(sim.port(device));
}

}  // namespace

TEST_CASE("vty run: SIGTERM stops the run cleanly, --json is complete, exit 143") {
  TempDir dir;
  Sim fast({.devices = 2});
  Sim stalled({.devices = 2, .extra_args = {"--fault", "stall:1", "--fault-on", "show clock"}});
  ChildProcess::Spec spec;
  spec.argv = {VTY_CLI_PATH, "run", "--user", "admin", "--host-key-policy", "off"};
  for (const Sim* sim : {&fast, &stalled})
    for (int device = 0; device < 2; ++device) spec.argv.push_back(target(*sim, device));
  for (const char* arg :
       {"-c", "show version", "-c", "show clock", "--timeout-ops", "60", "--json"})
    spec.argv.push_back(arg);
  for (const char* dir_flag : {"--out-dir", "--log-dir"})
    spec.argv.insert(spec.argv.end(), {dir_flag, dir.file(dir_flag + 2)});
  spec.env = {"VTY_PASSWORD=admin123", "VTY_SECONDARY=enable123"};
  ChildProcess vty(std::move(spec));
  std::set<unsigned short> stalled_ports{stalled.port(0), stalled.port(1)};
  // Both fast hosts have written their files; both stalled ones have sent show clock (so
  // show version is done) and wait for a prompt.
  auto waiting = [&](int device) {
    return read_file(dir.file("log-dir") + "/" + target(stalled, device) + ".log")
               .find(" send \"show clock") != std::string::npos;
  };
  vty::test::poll_until(
      [&] {
        return std::filesystem::exists(dir.file("out-dir") + "/" + target(fast, 1)) &&
               std::filesystem::exists(dir.file("out-dir") + "/" + target(fast, 0)) && waiting(0) &&
               waiting(1);
      },
      std::chrono::seconds(20));
  REQUIRE((waiting(0) && waiting(1)));
  REQUIRE(open_sessions(stalled_ports) == 2);

  vty.signal(SIGTERM);
  std::string json = vty.read_all(std::chrono::seconds(20));
  INFO(json);
  CHECK(vty.wait(std::chrono::seconds(20)) == 143);
  CHECK(jq(json, "length == 4"));
  CHECK(jq(json, ".[0].ok and .[1].ok and (.[0].results | length) == 2"));
  // The stalled hosts keep the command they finished, and say why the rest is missing.
  CHECK(jq(json,
           ".[2:] | all(.[]; .ok == false and .error.type == \"interrupted\" and "
           "(.error.message | contains(\"SIGTERM\")) and "
           "(.results | map(.command)) == [\"show version\"])"));
  CHECK(std::filesystem::exists(dir.file("out-dir") + "/" + target(stalled, 0) +
                                "/01-show_version.txt"));
  CHECK(sessions_left(stalled_ports) == 0);
}

TEST_CASE("vty run: results that cannot be written exit 74") {
  Sim sim;
  SECTION("--json to a full device") {
    auto r = run_program(
        {.argv = {"/bin/sh", "-c",
                  std::string(VTY_CLI_PATH) + " run --user admin --host-key-policy off " +
                      target(sim) + " -c 'show clock' --json > /dev/full 2>&1; echo $?"},
         .env = {"VTY_PASSWORD=admin123", "VTY_SECONDARY=enable123"}});
    CHECK(r.output == "74\n");
  }
  SECTION("--jsonl to a full device, and the message on stderr") {
    auto r = run_program(
        {.argv = {"/bin/sh", "-c",
                  std::string(VTY_CLI_PATH) + " run --user admin --host-key-policy off " +
                      target(sim) + " -c 'show clock' --jsonl 2>&1 >/dev/full; echo $?"},
         .env = {"VTY_PASSWORD=admin123", "VTY_SECONDARY=enable123"}});
    CHECK_THAT(r.output, Catch::Contains("cannot write the results to standard output") &&
                             Catch::EndsWith("74\n"));
  }
  SECTION("--out-dir that is a file: found before any host is contacted") {
    TempDir dir;
    std::ofstream(dir.file("notadir")) << "x";
    auto closed = "127.0.0.1:" + std::to_string(vty::test::free_loopback_port());
    auto r = vty_run_sim({.args = {target(sim), closed, "-c", "show clock", "--out-dir",
                                   dir.file("notadir"), "--json"},
                          .with_stderr = true});
    CHECK(r.exit_code == 74);
    CHECK_THAT(r.output, Catch::Contains("no host was contacted") &&
                             !Catch::Contains("ConnectionRefused") && !Catch::Contains("["));
  }
}
