// `vty run --record DIR`, `vty run --replay DIR` and `vty recording redact`: the offline
// workflow a user follows, end to end.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <vty/recording.hpp>

#include "support/child_process.hpp"
#include "support/cli.hpp"
#include "support/paths.hpp"
#include "support/sim.hpp"

using vty::test::ChildProcess;
using vty::test::jq;
using vty::test::run_program;
using vty::test::Sim;
using vty::test::TempDir;

namespace {

vty::test::RunResult vty_cli(std::vector<std::string> args, bool with_stderr = false) {
  ChildProcess::Spec spec;
  spec.argv = {VTY_CLI_PATH};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.env = {"VTY_PASSWORD=admin123", "VTY_SECONDARY=enable123"};
  spec.merge_stderr = with_stderr;
  return run_program(std::move(spec));
}

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("vty run --record writes one recording per host and --replay plays them offline") {
  TempDir dir;
  std::vector<std::string> targets;
  std::string recordings = dir.file("recordings");
  {
    Sim sim({.devices = 2});
    for (int i = 0; i < 2; ++i) targets.push_back("127.0.0.1:" + std::to_string(sim.port(i)));
    auto live =
        vty_cli({"run", targets[0], targets[1], "-c", "show version", "-c", "show nonsense",
                 "--user", "admin", "--host-key-policy", "off", "--record", recordings, "--json"});
    INFO(live.output);
    CHECK(live.exit_code == 1);  // show nonsense fails
    for (const auto& target : targets)
      CHECK(std::filesystem::exists(recordings + "/" + target + ".vtyrec"));
  }
  // The devices are gone: only the recordings answer now.
  auto replayed = vty_cli({"run", targets[0], targets[1], "-c", "show version", "-c",
                           "show nonsense", "--user", "admin", "--replay", recordings, "--json"});
  INFO(replayed.output);
  CHECK(replayed.exit_code == 1);
  CHECK(jq(replayed.output, "length == 2 and all(.[]; .error == null)"));
  CHECK(jq(replayed.output, ".[1].results[0].result | contains(\"Cisco IOS XE Software\")"));
  CHECK(jq(replayed.output, "all(.[]; .results[1].failed == true)"));

  auto differs = vty_cli(
      {"run", targets[0], "-c", "show clock", "--user", "admin", "--replay", recordings, "--json"});
  CHECK(differs.exit_code == 2);
  CHECK(jq(differs.output, ".[0].error.type == \"vty::ReplayMismatch\""));
  CHECK(
      jq(differs.output, ".[0].error.message | contains(\"expected \\\"show version\\\\n\\\"\")"));
}

TEST_CASE("vty recording redact masks what matches, and the recording still replays") {
  TempDir dir;
  std::string recordings = dir.file("rec");
  std::string target;
  {
    Sim sim;
    target = "127.0.0.1:" + std::to_string(sim.port());
    auto live = vty_cli({"run", target, "-c", "show version", "--user", "admin",
                         "--host-key-policy", "off", "--record", recordings});
    REQUIRE(live.exit_code == 0);
  }
  std::string file = recordings + "/" + target + ".vtyrec";
  REQUIRE_THAT(file_text(file), Catch::Contains("router1#"));
  auto redacted = vty_cli(
      {"recording", "redact", file, "--pattern", "router1", "--pattern", R"(\d+\.\d+\.\d+\.\d+)"},
      true);
  INFO(redacted.output);
  CHECK(redacted.exit_code == 0);
  const std::string text = file_text(file);
  CHECK(text.find("router1") == std::string::npos);
  CHECK(text.find("127.0.0.1") == std::string::npos);
  CHECK_THAT(text, Catch::Contains("redacted#"));

  auto replayed =
      vty_cli({"run", target, "-c", "show version", "--user", "admin", "--replay", recordings});
  CHECK(replayed.exit_code == 0);

  CHECK(vty_cli({"recording", "redact", file, "--pattern", "("}).exit_code == 64);
  CHECK(vty_cli({"recording", "redact", file}).exit_code == 64);
}
