// `vty config` over simulated fleets: per-host files, diffs, commit-confirmed and confirm,
// and a fleet change that fails on one host leaving every host unchanged.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <optional>

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

namespace {

// Two Junos routers (a commit-confirmed minute lasts 300 ms unless a test says otherwise) and,
// with `with_asa`, a Cisco ASA, whose platform has no configuration management.
struct Fleet {
  // A commit-confirmed minute lasts `minute` ms: short where a test waits for a rollback,
  // long where a confirm must come in time from a machine that may be busy.
  explicit Fleet(bool with_asa = false, int minute = 300)
      : junos(Sim::Config{.devices = 2,
                          .extra_args = {"--device", "juniper_junos", "--confirm-minute",
                                         std::to_string(minute)}}) {
    std::ofstream file(dir.file("inventory.toml"));
    file << "[defaults]\nplatform = \"juniper_junos\"\n";
    for (int i = 0; i < 2; ++i) {
      file << "[hosts.mx" << i + 1 << "]\naddress = \"127.0.0.1\"\nport = " << junos.port(i)
           << "\n";
      std::ofstream config(dir.file("mx" + std::to_string(i + 1) + ".cfg"));
      config << "set system host-name mx" << i + 1 << "\nset system ntp server 10.0.0.1\n";
    }
    if (with_asa) {
      asa.emplace(Sim::Config{.extra_args = {"--device", "cisco_asa"}});
      file << "[hosts.sw1]\naddress = \"127.0.0.1\"\nport = " << asa->port()
           << "\nplatform = \"cisco_asa\"\n";
      std::ofstream config(dir.file("sw1.cfg"));
      config << "hostname sw1\n";
    }
  }

  vty::test::RunResult vty(std::vector<std::string> args) const {
    ChildProcess::Spec spec;
    spec.argv = {VTY_CLI_PATH, "config"};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    for (auto extra : {"-i", "inventory", "--user", "admin", "--host-key-policy", "off"})
      spec.argv.push_back(extra == std::string("inventory") ? dir.file("inventory.toml") : extra);
    spec.env = {"VTY_PASSWORD=admin123", "VTY_SECONDARY=enable123"};
    return run_program(std::move(spec));
  }
  std::string files() const { return dir.file("{host}.cfg"); }

  // Runs `vty config get` until its output passes the jq `filter` or `until` passes; whether
  // the last one did. With `stays`, until the output fails the filter instead: whether
  // every one passed.
  bool poll_get(const std::string& filter, std::chrono::steady_clock::time_point until,
                bool stays = false) const {
    bool passed = false;
    poll_until(
        [&] {
          passed = jq(vty({"get"}).output, filter, true);
          return passed != stays;
        },
        until, 50ms);
    return passed;
  }

  TempDir dir;
  Sim junos;
  std::optional<Sim> asa;
};

std::string running_of(const std::string& host) {
  return "(.[] | select(.host == \"" + host + "\") | .config)";
}

// A load where `failed` had no support: it failed with UnsupportedOperation, every other host
// aborted, and the Junos routers' configuration is still empty.
void check_unsupported_changes_none(const Fleet& fleet, const vty::test::RunResult& load,
                                    const std::string& failed) {
  CHECK(load.exit_code == 1);
  CHECK(
      jq(load.output,
         "map(select(.host == \"" + failed + "\"))[0].error_type == \"vty::UnsupportedOperation\"",
         true));
  CHECK(jq(load.output,
           "map(select(.host != \"" + failed +
               "\")) | all(.[]; .done == \"aborted: another host failed\")",
           true));
  auto get = fleet.vty({"get", "--limit", "mx1,mx2"});
  CHECK(jq(get.output, "all(.[]; (.config // \"\") == \"\")", true));
}

}  // namespace

TEST_CASE("vty config diff stages each host's file, prints the diffs and changes nothing") {
  Fleet fleet;
  auto diff = fleet.vty({"diff", "--replace", fleet.files()});
  CHECK(diff.exit_code == 0);
  CHECK(jq(diff.output,
           "map(select(.host == \"mx2\"))[0].diff == \"[edit]\\n+  set system host-name mx2\\n+  "
           "set system ntp server 10.0.0.1\"",
           true));
  CHECK(jq(diff.output, "all(.[]; .ok and (.done | startswith(\"diffed\")))", true));
  auto get = fleet.vty({"get"});
  CHECK(jq(get.output, "all(.[]; (.config // \"\") == \"\")", true));
}

TEST_CASE("vty config load --confirm then commit: the change stays on every host") {
  Fleet fleet(false, 1500);
  auto expiry = std::chrono::steady_clock::now() + 3 * 1500ms;
  auto load = fleet.vty({"load", "--replace", fleet.files(), "--confirm", "2"});
  CHECK(load.exit_code == 0);
  CHECK(jq(load.output, "all(.[]; .done | startswith(\"committed; rolls back in 2 min\"))", true));
  auto commit = fleet.vty({"commit"});
  CHECK(commit.exit_code == 0);
  CHECK(jq(commit.output, "all(.[]; .done == \"confirmed\")", true));
  CHECK(fleet.poll_get(
      running_of("mx1") + " == \"set system host-name mx1\\nset system ntp server 10.0.0.1\"",
      expiry, true));
}

TEST_CASE("vty config load --confirm without a commit rolls back on every host") {
  Fleet fleet;
  auto load = fleet.vty({"load", "--merge", fleet.files(), "--confirm", "1"});
  CHECK(load.exit_code == 0);
  CHECK(fleet.poll_get("all(.[]; (.config // \"\") == \"\")",
                       std::chrono::steady_clock::now() + 20 * 300ms));
}

TEST_CASE("vty config load on a mixed fleet where one host cannot stage changes no host") {
  Fleet fleet(true);
  auto load = fleet.vty({"load", "--replace", fleet.files()});
  check_unsupported_changes_none(fleet, load, "sw1");
  // It staged nothing: its platform cannot stage.
  CHECK(jq(load.output, "map(select(.host == \"sw1\"))[0].done == \"nothing\"", true));
}

TEST_CASE("vty config load --confirm where one host has no such commit changes no host") {
  Fleet fleet;
  // An IOS-XR router: `commit replace` has no confirmed form, which shows before any commit.
  Sim xr(Sim::Config{.extra_args = {"--device", "cisco_iosxr"}});
  std::ofstream(fleet.dir.file("inventory.toml"), std::ios::app)
      << "[hosts.xr1]\naddress = \"127.0.0.1\"\nport = " << xr.port()
      << "\nplatform = \"cisco_iosxr\"\n";
  std::ofstream(fleet.dir.file("xr1.cfg")) << "hostname xr1\n";
  auto load = fleet.vty({"load", "--replace", fleet.files(), "--confirm", "2"});
  check_unsupported_changes_none(fleet, load, "xr1");
  // It had staged its file, and dropped it: nothing is left staged on the router.
  CHECK(jq(load.output, "map(select(.host == \"xr1\"))[0].done == \"aborted: this host failed\"",
           true));
}
