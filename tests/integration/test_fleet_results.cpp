// `vty run` never loses a result: what a host finished before it failed is reported, in
// every output, and the library hands the finished responses back with the exception.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <vty/vty.hpp>

#include "support/child_process.hpp"
#include "support/cli.hpp"
#include "support/sim.hpp"

using vty::test::jq;
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

const std::vector<std::string> four_commands{"-c", "show version", "-c", "show users",
                                             "-c", "show clock",   "-c", "show version"};

}  // namespace

TEST_CASE("vty run: a device that drops the session keeps the outputs it gave before") {
  // The device hangs up one byte into its answer to the third command.
  Sim dropping({.devices = 1, .extra_args = {"--fault", "drop:1", "--fault-on", "show clock"}});
  Sim good;
  TempDir dir;
  std::vector<std::string> args{target(dropping), target(good), "--json", "--out-dir",
                                dir.file("out")};
  args.insert(args.end(), four_commands.begin(), four_commands.end());
  auto r = vty_run_sim({.args = args});
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK(jq(r.output, ".[0].error.type == \"vty::ConnectionClosed\""));
  CHECK(jq(r.output, ".[0].results | map(.command) == [\"show version\", \"show users\"]"));
  CHECK(jq(r.output, ".[0].results[0].result | contains(\"Cisco IOS XE\")"));
  CHECK(jq(r.output, ".[0].ok == false and .[1].ok == true and (.[1].results | length) == 4"));

  auto folder = dir.file("out") + "/" + target(dropping);
  CHECK_THAT(read_file(folder + "/01-show_version.txt"), Catch::Contains("Cisco IOS XE"));
  CHECK(std::filesystem::exists(folder + "/02-show_users.txt"));
  CHECK(!std::filesystem::exists(folder + "/03-show_clock.txt"));
  CHECK_THAT(read_file(folder + "/error.txt"), Catch::Contains("vty::ConnectionClosed"));
}

TEST_CASE("vty run: a command that stalls keeps the outputs before it, in text and JSON lines") {
  Sim stalling({.devices = 1, .extra_args = {"--fault", "stall:1", "--fault-on", "show clock"}});
  std::vector<std::string> args{target(stalling), "--timeout-ops", "1", "--jsonl"};
  args.insert(args.end(), four_commands.begin(), four_commands.end());
  auto lines = vty_run_sim({.args = args});
  INFO(lines.output);
  CHECK(lines.exit_code == 2);
  CHECK(jq(lines.output, ".error.type == \"vty::OperationTimeout\""));
  CHECK(jq(lines.output, ".results | map(.command) == [\"show version\", \"show users\"]"));

  args.erase(args.begin() + 3);  // text, the default
  auto text = vty_run_sim({.args = args});
  CHECK(text.exit_code == 2);
  CHECK_THAT(text.output, Catch::Contains("--- show version") &&
                              Catch::Contains("--- show users") &&
                              !Catch::Contains("--- show clock"));
}

TEST_CASE("send_commands and send_configs: the exception carries the responses finished") {
  Sim sim({.devices = 1, .extra_args = {"--fault", "drop:1", "--fault-on", "show clock"}});
  SECTION("send_commands") {
    vty::Driver driver(sim.options());
    driver.open();
    try {
      driver.send_commands({"show version", "show users", "show clock", "show version"});
      FAIL("the device dropped the session: send_commands should throw");
    } catch (const vty::ConnectionClosed& error) {
      REQUIRE(error.partial().size() == 2);
      CHECK(error.partial()[0].command == "show version");
      CHECK_THAT(error.partial()[0].result, Catch::Contains("Cisco IOS XE"));
      CHECK(error.partial()[1].command == "show users");
    }
  }
  SECTION("send_configs") {
    vty::Driver driver(sim.options());
    driver.open();
    try {
      driver.send_configs({"interface Loopback1", "description show clock"});
      FAIL("the device dropped the session: send_configs should throw");
    } catch (const vty::DriverException& error) {
      REQUIRE(error.partial().size() == 1);
      CHECK(error.partial()[0].command == "interface Loopback1");
    }
  }
  SECTION("other verbs carry none") {
    vty::Driver driver(sim.options());
    driver.open();
    CHECK_THROWS_AS(driver.send_command("show clock"), vty::ConnectionClosed);
    try {
      driver.send_command("show clock");
    } catch (const vty::DriverException& error) {
      CHECK(error.partial().empty());
    }
  }
}
