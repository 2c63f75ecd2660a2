// What `vty run` leaves on disk and on the terminal: files only their owner can read (they
// hold running configurations), and the progress line on stderr whenever a person watches.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/child_process.hpp"
#include "support/cli.hpp"
#include "support/paths.hpp"
#include "support/sim.hpp"

using vty::test::jq;
using vty::test::run_in_pty;
using vty::test::Sim;
using vty::test::TempDir;
using vty::test::vty_run_sim;

namespace {

std::string target(const Sim& sim, int device = 0) {
  return "127.0.0.1:" + std::to_string(sim.port(device));
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("vty run creates outputs, logs and recordings readable by their owner only") {
  Sim sim;
  TempDir dir;
  auto r = vty_run_sim(
      {.args = {target(sim), "-c", "show running-config", "--out-dir", dir.file("out"), "--log-dir",
                dir.file("logs"), "--record", dir.file("rec"), "--quiet"}});
  REQUIRE(r.exit_code == 0);
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path())) {
    struct stat info {};
    REQUIRE(stat(entry.path().c_str(), &info) == 0);
    INFO(entry.path());
    CHECK((info.st_mode & 077) == 0);
    files += entry.is_regular_file() ? 1 : 0;
  }
  CHECK(files == 3);  // the output, the log, the recording
}

TEST_CASE("vty run shows progress on stderr while stdout goes to a file") {
  Sim sim({.devices = 3});
  TempDir dir;
  std::string command = std::string(VTY_CLI_PATH) + " run --user admin --host-key-policy off";
  for (int i = 0; i < 3; ++i) command += " " + target(sim, i);
  command += " -c 'show clock' --jsonl > " + dir.file("out.jsonl");
  std::string screen =
      run_in_pty({"/bin/sh", "-c", command}, {"VTY_PASSWORD=admin123", "VTY_SECONDARY=enable123"});
  INFO(screen);
  CHECK_THAT(screen, Catch::Contains("[3/3] ok 3 failed 0") && Catch::Contains("hosts/s"));
  CHECK_THAT(screen, Catch::Contains("summary: 3 of 3 hosts ok"));
  std::string lines = read_file(dir.file("out.jsonl"));
  CHECK_THAT(lines, !Catch::Contains("\033["));
  CHECK(jq(lines, "length == 3 and all(.[]; .ok)", true));

  // --quiet: no progress even on a terminal.
  std::string quiet = run_in_pty({"/bin/sh", "-c", command + " --quiet"},
                                 {"VTY_PASSWORD=admin123", "VTY_SECONDARY=enable123"});
  CHECK_THAT(quiet, !Catch::Contains("hosts/s"));
}
