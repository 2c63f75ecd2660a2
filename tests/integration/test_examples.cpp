// The programs in examples/ run as their comments say, against vty-sim (or, for the
// custom transport, against nothing at all).
#include <catch2/catch.hpp>

#include "support/child_process.hpp"
#include "support/paths.hpp"
#include "support/sim.hpp"

using vty::test::ChildProcess;
using vty::test::run_program;
using vty::test::Sim;

namespace {

// The environment the examples read the device's credentials from.
std::vector<std::string> sim_environment() {
  return {std::string("VTY_PASSWORD=") + Sim::password,
          std::string("VTY_SECONDARY=") + Sim::enable_password, "VTY_HOST_KEY_POLICY=off"};
}

vty::test::RunResult run_example(std::vector<std::string> argv) {
  return run_program({.argv = std::move(argv), .env = sim_environment(), .merge_stderr = true});
}

}  // namespace

TEST_CASE("the fleet example shows interfaces of several devices at once, with timings") {
  Sim sim({.devices = 3});
  std::vector<std::string> argv{VTY_EXAMPLE_SHOW_INTERFACES_FLEET_PATH};
  for (int device = 0; device < 3; ++device) {
    argv.push_back("127.0.0.1:" + std::to_string(sim.port(device)));
  }
  auto r = run_example(argv);
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("GigabitEthernet1"));
  CHECK_THAT(r.output, Catch::Contains("=== 127.0.0.1:" + std::to_string(sim.port(2))));
  CHECK_THAT(r.output, Catch::Contains("3 devices, 0 failed"));
}

TEST_CASE("the fleet example reports a device that refuses the login and exits 2") {
  Sim sim;
  auto r = run_program(
      {.argv = {VTY_EXAMPLE_SHOW_INTERFACES_FLEET_PATH, "127.0.0.1:" + std::to_string(sim.port())},
       .env = {"VTY_PASSWORD=wrong", "VTY_HOST_KEY_POLICY=off"},
       .merge_stderr = true});
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("vty::AuthenticationError"));
}

TEST_CASE("the blocking driver example runs two commands and closes") {
  Sim sim;
  auto r = run_example({VTY_EXAMPLE_BLOCKING_DRIVER_PATH, "127.0.0.1", std::to_string(sim.port())});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("(privilege_exec)"));
  CHECK_THAT(r.output, Catch::Contains("=== show version"));
  CHECK_THAT(r.output, Catch::Contains("GigabitEthernet1"));
}

TEST_CASE("the custom transport example talks to its canned device without a network") {
  auto r = run_program({.argv = {VTY_EXAMPLE_CUSTOM_TRANSPORT_PATH}, .merge_stderr = true});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("Canned IOS XE Software, Version 17.9.1"));
  CHECK_THAT(r.output, Catch::Contains("=== show nonsense (failed)"));
}

TEST_CASE("the custom-transport example also runs its transport registered by name") {
  auto r =
      run_program({.argv = {VTY_EXAMPLE_CUSTOM_TRANSPORT_PATH, "--by-name"}, .merge_stderr = true});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("Canned IOS XE Software, Version 17.9.1"));
}

TEST_CASE("the own-platform example loads the example platform file and uses it") {
  const std::string folder = std::string(VTY_SOURCE_DIR) + "/examples/platforms";
  SECTION("checking the file") {
    auto r = run_example({VTY_EXAMPLE_OWN_PLATFORM_PATH, folder, "lab_ios"});
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::Contains("lab_ios from " + folder + "/lab_ios.toml"));
  }
  SECTION("driving a device with it") {
    Sim sim;
    auto r = run_example({VTY_EXAMPLE_OWN_PLATFORM_PATH, folder, "lab_ios", "127.0.0.1",
                          std::to_string(sim.port())});
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::Contains("Cisco IOS XE Software"));
  }
}

TEST_CASE("the config example configures a description, checking every line") {
  Sim sim;
  auto r = run_example(
      {VTY_EXAMPLE_CONFIG_CHANGE_PATH, "127.0.0.1", std::to_string(sim.port()), "uplink"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("ok  description uplink"));
}

TEST_CASE("the scoped guard example tells a refused command from a refused enable") {
  Sim sim;
  const std::string port = std::to_string(sim.port());
  SECTION("a command the device refuses exits 1") {
    auto r = run_example({VTY_EXAMPLE_SCOPED_GUARD_PATH, "127.0.0.1", port, "show nonsense"});
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Catch::Contains("the device refused `show nonsense`"));
  }
  SECTION("a wrong enable password exits 2, naming the secondary password") {
    auto r = run_program({.argv = {VTY_EXAMPLE_SCOPED_GUARD_PATH, "127.0.0.1", port},
                          .env = {std::string("VTY_PASSWORD=") + Sim::password,
                                  "VTY_SECONDARY=wrong", "VTY_HOST_KEY_POLICY=off"},
                          .merge_stderr = true});
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("enable refused, check VTY_SECONDARY"));
  }
}

TEST_CASE("the streaming example passes 20 MB through its sink without keeping it") {
  Sim sim;
  auto r = run_example(
      {VTY_EXAMPLE_STREAM_BIG_OUTPUT_PATH, "127.0.0.1", std::to_string(sim.port()), "show big 20"});
  CHECK(r.exit_code == 0);
  // vty-sim prints exactly N million bytes of lines; the line end before the prompt goes.
  CHECK_THAT(r.output, Catch::Contains("streamed 19999999 bytes"));
  CHECK_THAT(r.output, Catch::Contains("result kept: 0 bytes"));
}
