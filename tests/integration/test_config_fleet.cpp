// The fleet sequence of issue 24's "done means": `vty config diff`, then `load --replace
// --confirm 2`, then `commit` (the confirm), on a mixed simulated fleet (Junos and EOS), and
// the change still there after the confirm timer would have run out.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <string>

#include "support/child_process.hpp"
#include "support/cli.hpp"
#include "support/paths.hpp"
#include "support/poll.hpp"
#include "support/sim.hpp"

using vty::test::ChildProcess;
using vty::test::jq;
using vty::test::poll_until;
using vty::test::run_program;
using vty::test::Sim;
using vty::test::TempDir;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// A commit-confirmed minute in the simulator: short where the test waits for a rollback,
// long where the confirm must come in time from a machine that may be busy.
constexpr std::chrono::milliseconds kMinute = 300ms;
constexpr std::chrono::milliseconds kSlowMinute = 1500ms;

Sim::Config devices(const char* model, int count, std::chrono::milliseconds minute) {
  return {.devices = count,
          .extra_args = {"--device", model, "--confirm-minute", std::to_string(minute.count())}};
}

// Two Junos routers and two EOS switches, each with its replacement configuration.
struct MixedFleet {
  explicit MixedFleet(std::chrono::milliseconds minute)
      : minute(minute),
        junos(devices("juniper_junos", 2, minute)),
        eos(devices("arista_eos", 2, minute)) {
    std::ofstream inventory(dir.file("inventory.toml"));
    for (int i = 0; i < 2; ++i) {
      std::string mx = "mx" + std::to_string(i + 1);
      std::string leaf = "leaf" + std::to_string(i + 1);
      inventory << "[hosts." << mx << "]\naddress = \"127.0.0.1\"\nport = " << junos.port(i)
                << "\nplatform = \"juniper_junos\"\n";
      inventory << "[hosts." << leaf << "]\naddress = \"127.0.0.1\"\nport = " << eos.port(i)
                << "\nplatform = \"arista_eos\"\n";
      std::ofstream(dir.file(mx + ".cfg"))
          << "set system host-name " << mx << "\nset system ntp server 10.0.0.1\n";
      std::ofstream(dir.file(leaf + ".cfg")) << "hostname " << leaf << "\nntp server 10.0.0.1\n";
    }
  }

  vty::test::RunResult vty(std::vector<std::string> args) const {
    ChildProcess::Spec spec;
    spec.argv = {VTY_CLI_PATH, "config"};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    for (std::string extra : std::vector<std::string>{"-i", dir.file("inventory.toml"), "--user",
                                                      "admin", "--host-key-policy", "off"})
      spec.argv.push_back(extra);
    spec.env = {"VTY_PASSWORD=admin123", "VTY_SECONDARY=enable123"};
    return run_program(std::move(spec));
  }

  std::chrono::milliseconds minute;
  TempDir dir;
  Sim junos;
  Sim eos;
};

}  // namespace

TEST_CASE(
    "a mixed fleet: diff, then load --replace --confirm 2, then commit, and the change stays") {
  MixedFleet fleet(kSlowMinute);
  const std::string files = fleet.dir.file("{host}.cfg");

  auto diff = fleet.vty({"diff", "--replace", files});
  CHECK(diff.exit_code == 0);
  CHECK(jq(diff.output, "length == 4 and all(.[]; .ok and (.diff | length > 0))", true));
  CHECK(jq(diff.output,
           "map(select(.host == \"leaf1\"))[0].diff | endswith(\"+hostname leaf1\\n+ntp server "
           "10.0.0.1\")",
           true));
  CHECK(jq(fleet.vty({"get"}).output, "all(.[]; (.config // \"\") == \"\")", true));

  auto load = fleet.vty({"load", "--replace", files, "--confirm", "2"});
  auto expiry = Clock::now() + 2 * fleet.minute;
  CHECK(load.exit_code == 0);
  CHECK(jq(load.output,
           "length == 4 and all(.[]; .done | startswith(\"committed; rolls back in 2 min\"))",
           true));

  auto commit = fleet.vty({"commit"});
  CHECK(commit.exit_code == 0);
  CHECK(jq(commit.output, "length == 4 and all(.[]; .done == \"confirmed\")", true));

  // Past the timer, every host still runs its new configuration.
  const std::string expected =
      "all(.[]; .config == (if (.host | startswith(\"mx\")) then \"set system host-name \" + "
      ".host + \"\\nset system ntp server 10.0.0.1\" else \"hostname \" + .host + \"\\nntp "
      "server 10.0.0.1\" end))";
  bool changed = poll_until([&] { return !jq(fleet.vty({"get"}).output, expected, true); },
                            expiry + fleet.minute / 2, 50ms);
  CHECK_FALSE(changed);
}

TEST_CASE("a mixed fleet: load --replace --confirm without the commit rolls back everywhere") {
  MixedFleet fleet(kMinute);
  auto load = fleet.vty({"load", "--replace", fleet.dir.file("{host}.cfg"), "--confirm", "1"});
  CHECK(load.exit_code == 0);
  CHECK(poll_until(
      [&] { return jq(fleet.vty({"get"}).output, "all(.[]; (.config // \"\") == \"\")", true); },
      Clock::now() + 20 * fleet.minute, 50ms));
}
