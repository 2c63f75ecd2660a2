// `vty run --failed-hosts FILE`: the hosts to run again (failed, or not finished when the
// run was stopped), read back by `--limit @FILE` or as a host list on stdin; and a summary
// that names them.
#include <catch2/catch.hpp>

#include <csignal>
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

// An inventory `file` in `dir`: host NAME on PORT for each entry.
std::string write_inventory(const TempDir& dir, const std::string& file,
                            const std::vector<std::pair<std::string, unsigned short>>& hosts) {
  std::ofstream out(dir.file(file));
  for (const auto& [name, port] : hosts)
    out << "[hosts." << name << "]\naddress = \"127.0.0.1\"\nport = " << port << "\n";
  return dir.file(file);
}

}  // namespace

TEST_CASE("vty run --failed-hosts lists the failed hosts, and the summary names them") {
  Sim sim({.devices = 3});
  TempDir dir;
  auto refused = vty::test::free_loopback_port();
  auto inventory = write_inventory(
      dir, "inventory.toml",
      {{"r1", sim.port(0)}, {"down1", refused}, {"r2", sim.port(1)}, {"r3", sim.port(2)}});
  auto r = vty_run_sim({.args = {"-i", inventory, "-c", "show clock", "--retries", "0",
                                 "--failed-hosts", dir.file("failed.txt")},
                        .with_stderr = true});
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK(read_file(dir.file("failed.txt")) == "down1\n");
  CHECK_THAT(r.output, Catch::Contains("1 x vty::ConnectionRefused: down1"));

  // Read back: only down1 runs (and fails again).
  auto again = vty_run_sim({.args = {"-i", inventory, "-c", "show clock", "--retries", "0",
                                     "--limit", "@" + dir.file("failed.txt"), "--json"}});
  CHECK(jq(again.output, "map(.host) == [\"down1\"]"));

  // All ok: the file is emptied, and an empty list reruns nothing (exit 0).
  auto ok = vty_run_sim({.args = {"-i", inventory, "-c", "show clock", "--limit", "r*",
                                  "--failed-hosts", dir.file("failed.txt"), "--quiet"}});
  CHECK(ok.exit_code == 0);
  CHECK(read_file(dir.file("failed.txt")).empty());
  auto nothing = vty_run_sim({.args = {"-i", inventory, "-c", "show clock", "--limit",
                                       "@" + dir.file("failed.txt"), "--json"},
                              .with_stderr = true});
  CHECK(nothing.exit_code == 0);
  CHECK_THAT(nothing.output, Catch::Contains("nothing to run"));
}

TEST_CASE("vty run: an interrupted run resumes from --failed-hosts") {
  TempDir dir;
  Sim fast({.devices = 2});
  Sim stalled({.devices = 2, .extra_args = {"--fault", "stall:1", "--fault-on", "show clock"}});
  std::vector<std::pair<std::string, unsigned short>> hosts{{"a1", fast.port(0)},
                                                            {"a2", fast.port(1)}};
  for (int i = 0; i < 6; ++i) hosts.push_back({"b" + std::to_string(i + 1), stalled.port(i % 2)});
  auto first = write_inventory(dir, "first.toml", hosts);

  ChildProcess::Spec spec;
  spec.argv = {VTY_CLI_PATH,
               "run",
               "--user",
               "admin",
               "--host-key-policy",
               "off",
               "-i",
               first,
               "-c",
               "show clock",
               "-j",
               "4",
               "--timeout-ops",
               "60",
               "--jsonl",
               "--failed-hosts",
               dir.file("failed.txt")};
  spec.env = {"VTY_PASSWORD=admin123", "VTY_SECONDARY=enable123"};
  ChildProcess vty(std::move(spec));
  std::string done = vty.read_line() + vty.read_line();  // a1 and a2
  std::set<unsigned short> stalled_ports{stalled.port(0), stalled.port(1)};
  vty::test::poll_until([&] { return open_sessions(stalled_ports) == 4; },
                        std::chrono::seconds(20));
  REQUIRE(open_sessions(stalled_ports) == 4);
  vty.signal(SIGINT);
  vty.read_all(std::chrono::seconds(20));
  CHECK(vty.wait(std::chrono::seconds(20)) == 130);
  CHECK(read_file(dir.file("failed.txt")) == "b1\nb2\nb3\nb4\nb5\nb6\n");

  // The devices are back (here: the same names on healthy devices): the rerun takes only
  // what did not finish.
  Sim healthy({.devices = 6});
  std::vector<std::pair<std::string, unsigned short>> fixed{{"a1", fast.port(0)},
                                                            {"a2", fast.port(1)}};
  for (int i = 0; i < 6; ++i) fixed.push_back({"b" + std::to_string(i + 1), healthy.port(i)});
  auto second = write_inventory(dir, "second.toml", fixed);
  auto resumed = vty_run_sim(
      {.args = {"-i", second, "-c", "show clock", "--limit", "@" + dir.file("failed.txt"),
                "--failed-hosts", dir.file("failed.txt"), "--json"}});
  INFO(resumed.output);
  CHECK(resumed.exit_code == 0);
  CHECK(jq(resumed.output, "map(.host) == [\"b1\",\"b2\",\"b3\",\"b4\",\"b5\",\"b6\"]"));
  CHECK(read_file(dir.file("failed.txt")).empty());
}

TEST_CASE("vty run --failed-hosts works for hosts on the command line, read back on stdin") {
  Sim sim;
  TempDir dir;
  std::string good = "127.0.0.1:" + std::to_string(sim.port());
  std::string down = "127.0.0.1:" + std::to_string(vty::test::free_loopback_port());
  auto r = vty_run_sim({.args = {good, down, "-c", "show clock", "--retries", "0", "--failed-hosts",
                                 dir.file("failed.txt"), "--quiet"}});
  CHECK(r.exit_code == 2);
  CHECK(read_file(dir.file("failed.txt")) == down + "\n");
  auto again = vty_run_sim({.args = {"-", "-c", "show clock", "--retries", "0", "--json"},
                            .stdin_text = read_file(dir.file("failed.txt"))});
  CHECK(jq(again.output, "map(.host) == [\"" + down + "\"]"));
}
