// `vty run` as a fleet runner, end to end against vty-sim fleets: inventories, limits,
// shards, credentials files, failures of every kind, JSON lines, files per host, progress on
// a terminal, and Ctrl-C.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "support/child_process.hpp"
#include "support/cli.hpp"
#include "support/paths.hpp"
#include "support/process_resources.hpp"
#include "support/sim.hpp"

using vty::test::ChildProcess;
using vty::test::jq;
using vty::test::open_sessions;
using vty::test::run_in_pty;
using vty::test::run_program;
using vty::test::sessions_left;
using vty::test::Sim;
using vty::test::TempDir;

namespace {

const std::vector<std::string> sim_credentials{"VTY_PASSWORD=admin123", "VTY_SECONDARY=enable123"};

struct Device {
  std::string name;
  unsigned short port;
};

std::vector<Device> devices_of(const Sim& sim, int count, const std::string& prefix) {
  std::vector<Device> devices;
  for (int i = 0; i < count; ++i) devices.push_back({prefix + std::to_string(i + 1), sim.port(i)});
  return devices;
}

// An inventory of `devices` on 127.0.0.1, each in `group` when one is given.
std::string write_inventory(const TempDir& dir, const std::vector<Device>& devices,
                            const std::string& extra = "") {
  std::ofstream file(dir.file("inventory.toml"));
  file << "[defaults]\nplatform = \"cisco_iosxe\"\n" << extra << "\n";
  for (const auto& device : devices)
    file << "[hosts." << device.name << "]\naddress = \"127.0.0.1\"\nport = " << device.port
         << "\n";
  return dir.file("inventory.toml");
}

vty::test::RunResult vty_run(std::vector<std::string> args,
                             std::vector<std::string> env = sim_credentials,
                             std::string stdin_text = {}, bool with_stderr = false) {
  ChildProcess::Spec spec;
  spec.argv = {VTY_CLI_PATH, "run", "--user", "admin", "--host-key-policy", "off"};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.env = std::move(env);
  spec.stdin_text = std::move(stdin_text);
  spec.merge_stderr = with_stderr;
  return run_program(std::move(spec));
}

std::string type_of(const std::string& host) {
  return "(.[] | select(.host == \"" + host + "\") | .error.type)";
}

// An IOS-XE device model whose `show clock` prints and then never gives the prompt back.
std::string write_stalling_scenario(const TempDir& dir) {
  std::ofstream file(dir.file("stall.toml"));
  file << "extends = \"cisco_iosxe\"\n[[command]]\ncommand = \"show clock\"\noutput = \"*10:00:00 "
          "UTC\"\nhang = true\n";
  return dir.file("stall.toml");
}

}  // namespace

TEST_CASE("vty run: 200 hosts from an inventory at -j 50, all ok") {
  Sim sim({.devices = 200});
  TempDir dir;
  auto inventory = write_inventory(dir, devices_of(sim, 200, "dev"));
  auto r = vty_run({"-i", inventory, "-j", "50", "-c", "show version", "--json"});
  CHECK(r.exit_code == 0);
  CHECK(jq(r.output, "length == 200"));
  CHECK(jq(r.output, "all(.[]; .ok and .error == null)"));
  CHECK(jq(r.output, "map(.host) | unique | length == 200"));
  CHECK(jq(r.output, "all(.[]; .results[0].result | contains(\"Cisco IOS XE\"))"));
}

TEST_CASE("vty run: refused, wrong-password and stalled devices fail typed, the rest complete") {
  TempDir dir;
  Sim good({.devices = 4});
  Sim wrong({.devices = 2, .extra_args = {"--password", "not-the-one"}});
  Sim stalled({.devices = 1, .extra_args = {"--device-file", write_stalling_scenario(dir)}});
  auto devices = devices_of(good, 4, "good");
  for (auto& d : devices_of(wrong, 2, "wrongpw")) devices.push_back(d);
  devices.push_back({"stalled1", stalled.port(0)});
  devices.push_back({"refused1", vty::test::free_loopback_port()});
  devices.push_back({"refused2", vty::test::free_loopback_port()});
  auto inventory = write_inventory(dir, devices);
  auto r = vty_run({"-i", inventory, "-c", "show clock", "--timeout-ops", "2", "--retries", "1",
                    "--retry-backoff", "0.1", "--json"});
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK(jq(r.output, "length == 9"));
  CHECK(
      jq(r.output, "[.[] | select(.host | startswith(\"good\")) | .ok] == [true,true,true,true]"));
  CHECK(jq(r.output, "[.[] | select(.ok) | .results[0].result | contains(\"UTC\")] | all"));
  CHECK(jq(r.output, type_of("wrongpw1") + " == \"vty::AuthenticationError\""));
  CHECK(jq(r.output, type_of("wrongpw2") + " == \"vty::AuthenticationError\""));
  CHECK(jq(r.output, type_of("stalled1") + " == \"vty::OperationTimeout\""));
  CHECK(jq(r.output, type_of("refused1") + " == \"vty::ConnectionRefused\""));
  CHECK(jq(r.output, type_of("refused2") + " == \"vty::ConnectionRefused\""));
  CHECK(jq(r.output, "all(.[] | select(.ok | not); .error.message | length > 0)"));
}

TEST_CASE("vty run --jsonl prints one valid JSON object per line, one line per host") {
  Sim sim({.devices = 8});
  std::string hosts;
  for (int i = 0; i < 8; ++i) hosts += "127.0.0.1:" + std::to_string(sim.port(i)) + "\n";
  hosts += "127.0.0.1:" + std::to_string(vty::test::free_loopback_port()) + "\n";
  // The hosts come from stdin ("-"), one a line, as from another program.
  auto r = vty_run({"-", "-c", "show clock", "-c", "show version", "--jsonl", "--retries", "0"},
                   sim_credentials, hosts);
  INFO(r.output);
  CHECK(r.exit_code == 2);
  std::istringstream lines(r.output);
  std::string line;
  std::set<std::string> seen;
  int count = 0;
  while (std::getline(lines, line)) {
    ++count;
    CHECK(jq(line, "type == \"object\" and (.results | type) == \"array\""));
    seen.insert(line.substr(0, line.find(",")));
  }
  CHECK(count == 9);
  CHECK(seen.size() == 9);
  CHECK(jq(r.output, "map(select(.ok)) | length == 8", true));
}

TEST_CASE("vty run --shard K/N: the shards are disjoint and cover the inventory") {
  Sim sim({.devices = 30});
  TempDir dir;
  auto inventory = write_inventory(dir, devices_of(sim, 30, "r"));
  std::multiset<std::string> all;
  std::vector<std::string> second;
  for (int k = 1; k <= 3; ++k) {
    auto r = vty_run(
        {"-i", inventory, "-c", "show clock", "--json", "--shard", std::to_string(k) + "/3"});
    REQUIRE(r.exit_code == 0);
    auto names = run_program({.argv = {"/usr/bin/jq", "-r", ".[].host"}, .stdin_text = r.output});
    std::istringstream lines(names.output);
    for (std::string name; std::getline(lines, name);) {
      all.insert(name);
      if (k == 2) second.push_back(name);
    }
  }
  CHECK(all.size() == 30);
  CHECK(std::set<std::string>(all.begin(), all.end()).size() == 30);

  // A Kubernetes Indexed Job's pod with index 1 runs shard 2.
  auto env = sim_credentials;
  env.push_back("JOB_COMPLETION_INDEX=1");
  auto indexed = vty_run({"-i", inventory, "-c", "show clock", "--json", "--shards", "3"}, env);
  CHECK(indexed.exit_code == 0);
  auto names =
      run_program({.argv = {"/usr/bin/jq", "-r", ".[].host"}, .stdin_text = indexed.output});
  std::vector<std::string> indexed_names;
  std::istringstream lines(names.output);
  for (std::string name; std::getline(lines, name);) indexed_names.push_back(name);
  CHECK(indexed_names == second);
}

TEST_CASE("vty run --credentials-file: refused unless mode 0600, named sets per group") {
  Sim sim({.devices = 3});
  TempDir dir;
  auto devices = devices_of(sim, 3, "r");
  std::string inventory =
      write_inventory(dir, devices, "[groups.lab]\ncredentials = \"lab\"\ntags = [\"lab\"]\n");
  // Only r2 and r3 are in the group.
  std::string text;
  {
    std::ifstream in(inventory);
    std::stringstream s;
    s << in.rdbuf();
    text = s.str();
  }
  for (const char* host : {"[hosts.r2]\n", "[hosts.r3]\n"}) {
    auto at = text.find(host);
    text.insert(at + std::strlen(host), "groups = [\"lab\"]\n");
  }
  std::ofstream(inventory) << text;
  std::string credentials = dir.file("credentials.toml");
  std::ofstream(credentials) << "[default]\nusername = \"admin\"\npassword = \"wrong\"\n"
                             << "[lab]\npassword = \"admin123\"\nsecondary = \"enable123\"\n";

  chmod(credentials.c_str(), 0644);
  auto refused = vty_run({"-i", inventory, "-c", "show clock", "--credentials-file", credentials},
                         {}, {}, true);
  CHECK(refused.exit_code == 64);
  CHECK_THAT(refused.output, Catch::Contains("0644") && Catch::Contains("chmod 600"));

  chmod(credentials.c_str(), 0600);
  auto lab = vty_run({"-i", inventory, "-c", "show clock", "--credentials-file", credentials,
                      "--limit", "tag:lab", "--json"},
                     {});
  INFO(lab.output);
  CHECK(lab.exit_code == 0);
  CHECK(jq(lab.output, "map(.host) == [\"r2\", \"r3\"]"));

  // r1 has the default set, whose password is wrong.
  auto all = vty_run(
      {"-i", inventory, "-c", "show clock", "--credentials-file", credentials, "--json"}, {});
  CHECK(all.exit_code == 2);
  CHECK(jq(all.output, type_of("r1") + " == \"vty::AuthenticationError\""));
}

TEST_CASE("vty run --out-dir and --log-dir write files per host, logs mask passwords") {
  Sim sim({.devices = 2});
  TempDir dir;
  auto inventory = write_inventory(dir, devices_of(sim, 2, "r"));
  auto r = vty_run({"-i", inventory, "-c", "show clock", "-c", "show version", "--out-dir",
                    dir.file("out"), "--log-dir", dir.file("logs"), "--quiet"});
  CHECK(r.exit_code == 0);
  for (const char* host : {"r1", "r2"}) {
    std::ifstream version(dir.file("out") + "/" + host + "/02-show_version.txt");
    std::stringstream text;
    text << version.rdbuf();
    CHECK_THAT(text.str(), Catch::Contains("Cisco IOS XE"));
    std::ifstream log(dir.file("logs") + "/" + host + ".log");
    std::stringstream logged;
    logged << log.rdbuf();
    CHECK_THAT(logged.str(), Catch::Contains(" send \"show version") && Catch::Contains(" recv ") &&
                                 Catch::Contains("********"));
    CHECK_THAT(logged.str(), !Catch::Contains("enable123"));
  }
}

TEST_CASE("vty run: Ctrl-C stops the run, prints what finished, exits 130, leaves no session") {
  TempDir dir;
  Sim fast({.devices = 3});
  Sim stalled({.devices = 4, .extra_args = {"--device-file", write_stalling_scenario(dir)}});
  auto devices = devices_of(fast, 3, "fast");
  for (auto& d : devices_of(stalled, 4, "stalled")) devices.push_back(d);
  for (int i = 0; i < 20; ++i)
    devices.push_back({"later" + std::to_string(i), stalled.port(i % 4)});
  auto inventory = write_inventory(dir, devices);
  ChildProcess::Spec spec;
  spec.argv = {VTY_CLI_PATH,    "run", "--user",  "admin", "--host-key-policy",
               "off",           "-i",  inventory, "-c",    "show clock",
               "--timeout-ops", "60",  "-j",      "7",     "--jsonl"};
  spec.env = sim_credentials;
  ChildProcess vty(std::move(spec));
  // The three fast hosts finish; then stalled hosts hold all seven slots.
  std::set<std::string> finished;
  for (int i = 0; i < 3; ++i) finished.insert(vty.read_line().substr(0, 16));
  std::set<unsigned short> stalled_ports;
  for (int i = 0; i < 4; ++i) stalled_ports.insert(stalled.port(i));
  vty::test::poll_until([&] { return open_sessions(stalled_ports) >= 7; },
                        std::chrono::seconds(20));
  REQUIRE(open_sessions(stalled_ports) == 7);

  vty.signal(SIGINT);
  std::string rest = vty.read_all(std::chrono::seconds(20));
  CHECK(vty.wait(std::chrono::seconds(20)) == 130);
  CHECK(rest.empty());  // the stalled hosts did not finish, and no later host started
  CHECK(finished.size() == 3);
  CHECK(sessions_left(stalled_ports) == 0);
}

TEST_CASE("vty run shows a progress line on a terminal, and none when piped") {
  Sim sim({.devices = 5});
  std::vector<std::string> args{VTY_CLI_PATH,        "run", "--user", "admin",
                                "--host-key-policy", "off", "-c",     "show clock"};
  for (int i = 0; i < 5; ++i) args.push_back("127.0.0.1:" + std::to_string(sim.port(i)));
  std::string screen = run_in_pty(args, sim_credentials);
  INFO(screen);
  CHECK_THAT(screen, Catch::Contains("[5/5] ok 5 failed 0") && Catch::Contains("hosts/s"));
  CHECK_THAT(screen, Catch::Contains("\r\033[K"));
  CHECK_THAT(screen, Catch::Contains("summary: 5 of 5 hosts ok"));

  std::vector<std::string> piped_args(args.begin() + 2, args.end());
  auto piped = vty_run(piped_args, sim_credentials, {}, true);
  CHECK(piped.exit_code == 0);
  CHECK_THAT(piped.output, !Catch::Contains("hosts/s") && !Catch::Contains("\033["));
  CHECK_THAT(piped.output, Catch::Contains("summary: 5 of 5 hosts ok"));
}

TEST_CASE("vty run: platform auto finds the platform from show version") {
  Sim sim({.devices = 2});
  TempDir dir;
  auto inventory = write_inventory(dir, devices_of(sim, 2, "r"));
  std::string text;
  {
    std::ifstream in(inventory);
    std::stringstream s;
    s << in.rdbuf();
    text = s.str();
  }
  text.replace(text.find("cisco_iosxe"), std::strlen("cisco_iosxe"), "auto");
  std::ofstream(inventory) << text;
  auto r = vty_run({"-i", inventory, "-c", "show clock", "--json"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(jq(r.output, "length == 2 and all(.[]; .ok)"));
}

TEST_CASE("vty run sends a config file, then a commands file, at the privilege asked") {
  Sim sim;
  TempDir dir;
  std::ofstream(dir.file("config.txt")) << "interface Loopback9\n description vty\n";
  std::ofstream(dir.file("commands.txt")) << "show clock\n\nshow users\n";
  std::string host = "127.0.0.1:" + std::to_string(sim.port());
  auto r = vty_run({host, "--config-file", dir.file("config.txt"), "--commands-file",
                    dir.file("commands.txt"), "--json"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(jq(r.output,
           ".[0].results | map(.command) == [\"interface Loopback9\", "
           "\" description vty\", \"show clock\", \"show users\"]"));

  auto exec = vty_run({host, "-c", "show clock", "--privilege", "exec", "--json"});
  CHECK(exec.exit_code == 0);
  CHECK(jq(exec.output, ".[0].results[0].result | contains(\"UTC\")"));
  // A level the platform lacks is the run's own mistake, found before connecting.
  auto unknown = vty_run({host, "-c", "show clock", "--privilege", "root", "--json"});
  CHECK(unknown.exit_code == 64);
  CHECK(unknown.output.empty());
}

TEST_CASE("vty run: a bad inventory is a usage error naming file, line and column") {
  TempDir dir;
  std::ofstream(dir.file("bad.toml")) << "[hosts.r1]\nadress = \"10.0.0.1\"\n";
  auto r = vty_run({"-i", dir.file("bad.toml"), "-c", "show clock"}, {}, {}, true);
  CHECK(r.exit_code == 64);
  CHECK_THAT(r.output, Catch::Contains(dir.file("bad.toml") + ":2:1: unknown key `adress`"));
}

TEST_CASE("vty run --parse textfsm:PATH adds the parsed rows to each JSON result") {
  Sim sim({.devices = 2});
  const std::string index = std::string(VTY_TEST_DATA_DIR) + "/textfsm/index";
  std::string hosts;
  for (int i = 0; i < 2; ++i) hosts += "127.0.0.1:" + std::to_string(sim.port(i)) + "\n";
  auto r = vty_run({"-", "-c", "sh ip int br", "-c", "show clock", "--platform", "cisco_iosxe",
                    "--parse", "textfsm:" + index, "--json"},
                   sim_credentials, hosts);
  INFO(r.output);
  CHECK(r.exit_code == 0);
  // The index finds the template by platform and the abbreviated command.
  CHECK(jq(r.output, "all(.[]; .results[0].parsed | length > 0)"));
  CHECK(jq(r.output, "all(.[]; .results[0].parsed[0].INTERFACE == \"GigabitEthernet1\")"));
  CHECK(jq(r.output,
           "all(.[]; .results[0].parsed | map(.STATUS) | all(. == \"up\" or . == "
           "\"down\" or . == \"administratively down\"))"));
  // No template for show clock: the result stays, the reason is given.
  CHECK(jq(r.output, "all(.[]; .results[1].parse_error | length > 0)"));
  CHECK(jq(r.output, "all(.[]; .results[1].result | contains(\"UTC\"))"));

  auto bad = vty_run({"-", "-c", "show clock", "--parse", "yaml"}, sim_credentials, hosts);
  CHECK(bad.exit_code == 64);
}
