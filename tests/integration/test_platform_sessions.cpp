// Every shipped platform, played by vty-sim: autodetection picks it; then open, every
// privilege level and back, a command, a failing command, a long output, a configuration
// round trip, close.
// ctest runs it once per platform ("platform session: NAME", VTY_TEST_PLATFORM=NAME); run
// alone, the test case goes through all of them.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>

#include <vty/regex.hpp>
#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/sim.hpp"

namespace {

std::vector<std::string> platforms_under_test() {
  if (const char* one = std::getenv("VTY_TEST_PLATFORM")) return {one};
  std::vector<std::string> names;
  for (const auto& entry : vty::list_platforms()) {
    if (entry.origin == vty::PlatformOrigin::kShipped) names.push_back(entry.name);
  }
  return names;
}

// Configuration lines the simulated device accepts. Where configuration is a mode, any line
// is taken; on platforms of one level it must be a command the scenario knows.
std::vector<std::string> config_lines(const std::string& platform) {
  static const std::map<std::string, std::vector<std::string>> lines{
      {"mikrotik_routeros", {"/system identity set name=router1"}},
      {"fortinet_fortios", {"config system global", "set hostname router1", "end"}},
      {"extreme_exos", {"configure snmp sysName router1"}},
      {"cumulus_nvue", {"nv set system hostname router1"}},
  };
  auto found = lines.find(platform);
  if (found != lines.end()) return found->second;
  return {"description set by vty's platform test"};
}

void play(const std::string& name) {
  vty::test::Sim sim({.extra_args = {"--platform", name}});
  vty::Options options = sim.options();
  options.platform = "auto";

  auto guess = vty::test::run_async(
      [&](asio::any_io_executor ex) { return vty::detect_platform(ex, sim.options()); });
  INFO("autodetection: " << guess.reason);
  CHECK(guess.platform == name);
  vty::Driver driver(options);
  driver.open();
  const vty::PlatformDefinition& platform = driver.platform();
  REQUIRE(platform.name == name);
  CHECK(driver.current_privilege() == platform.default_privilege);

  for (const auto& level : platform.privileges) {
    INFO("level " << level.name);
    driver.acquire_priv(level.name);
    CHECK(driver.current_privilege() == level.name);
    driver.acquire_priv(platform.default_privilege);
    CHECK(driver.current_privilege() == platform.default_privilege);
  }

  REQUIRE_FALSE(platform.detect_command.empty());
  auto identify = driver.send_command(platform.detect_command);
  CHECK_FALSE(identify.failed);
  CHECK(vty::Regex{platform.detect_pattern}.search(identify.result));

  auto wrong = driver.send_command("no-such-command");
  CHECK(wrong.failed);

  // 20 kB: the platform's on_open turned paging off, or its pager answer pages through.
  auto big = driver.send_command("show big 0.02");
  CHECK_FALSE(big.failed);
  CHECK(big.result.size() >= 19'900);
  CHECK(big.result.find("More") == std::string::npos);

  auto configs = driver.send_configs(config_lines(name));
  CHECK_FALSE(configs.failed());
  if (!platform.config_commit.empty()) CHECK(configs.back().command == platform.config_commit);
  CHECK(driver.current_privilege() == platform.default_privilege);

  auto again = driver.send_command(platform.detect_command);
  CHECK_FALSE(again.failed);
  driver.close();
  CHECK_FALSE(driver.is_open());
}

}  // namespace

TEST_CASE("a vty-sim session of each platform goes through every level", "[.platform_session]") {
  for (const auto& name : platforms_under_test()) {
    DYNAMIC_SECTION("platform " << name) {
      play(name);
    }
  }
}
