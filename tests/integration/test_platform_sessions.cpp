// Every shipped platform, played by vty-sim: autodetection picks it; then open, every
// privilege level and back, a command, a failing command, a long output, a configuration
// round trip, close.
// ctest runs it once per platform ("platform session: NAME", VTY_TEST_PLATFORM=NAME); run
// alone, the test case goes through all of them.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <vty/regex.hpp>
#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/child_process.hpp"
#include "support/paths.hpp"
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
// the device model does not refuse is taken; elsewhere it must be a command the model knows.
std::vector<std::string> config_lines(const std::string& platform) {
  static const std::map<std::string, std::vector<std::string>> lines{
      {"mikrotik_routeros", {"/system identity set name=router1"}},
      {"fortinet_fortios", {"config system global", "set hostname router1", "end"}},
      {"extreme_exos", {"configure snmp sysName router1"}},
      {"cumulus_nvue", {"nv set system hostname router1"}},
      {"linux", {"hostnamectl set-hostname router1"}},
  };
  auto found = lines.find(platform);
  if (found != lines.end()) return found->second;
  return {"description set by vty's platform test"};
}

// One session of platform `name` against vty-sim playing the device model of the same name.
// `definitions`: a folder holding the definition to test instead of the shipped one.
void play(const std::string& name, const std::filesystem::path& definitions = {}) {
  vty::test::Sim sim({.extra_args = {"--device", name}});
  vty::Options options = sim.options();
  options.platform = "auto";
  if (!definitions.empty()) {
    options.platform = name;
    options.platform_paths = {definitions};
  } else {
    auto guess = vty::test::run_async(
        [&](asio::any_io_executor ex) { return vty::detect_platform(ex, sim.options()); });
    INFO("autodetection: " << guess.reason);
    CHECK(guess.platform == name);
  }
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

// Platforms whose device model refuses a commit of a line matching "commit-fails".
bool models_failed_commit(const std::string& platform) {
  static const std::set<std::string> models{"cisco_iosxr",    "eltex_esr",     "huawei_vrpv8",
                                            "juniper_junos",  "nokia_srlinux", "nokia_sros",
                                            "paloalto_panos", "vyos"};
  return models.contains(platform);
}

// A refused configuration line, with and without stop_on_failed, then a refused commit:
// the responses say which line failed, a candidate configuration is aborted rather than
// committed, and the session ends up at the default level, still answering.
void play_config_failures(const std::string& name) {
  vty::test::Sim sim({.extra_args = {"--device", name}});
  vty::Options options = sim.options();
  options.platform = name;
  vty::Driver driver(options);
  driver.open();
  const vty::PlatformDefinition& platform = driver.platform();
  const std::string refused = "bogus-line the device refuses";
  auto good = config_lines(name);
  std::vector<std::string> lines = good;
  lines.push_back(refused);
  lines.insert(lines.end(), good.begin(), good.end());
  const std::size_t finish = platform.config_commit.empty() ? 0 : 1;

  SECTION("a refused line: the others are still sent, then abort instead of commit") {
    auto responses = driver.send_configs(lines);
    REQUIRE(responses.size() == lines.size() + finish);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      INFO("line " << i << ": " << responses[i].command << "\n" << responses[i].result);
      CHECK(responses[i].failed == (lines[i] == refused));
    }
    if (finish) {
      CHECK(responses.back().command == platform.config_abort);
      CHECK_FALSE(responses.back().failed);
    }
  }
  SECTION("stop_on_failed: nothing after the refused line") {
    vty::CommandOptions stop;
    stop.stop_on_failed = true;
    auto responses = driver.send_configs(lines, stop);
    REQUIRE(responses.size() == good.size() + 1 + finish);
    CHECK(responses[good.size()].command == refused);
    CHECK(responses[good.size()].failed);
    if (finish) CHECK(responses.back().command == platform.config_abort);
  }
  if (models_failed_commit(name)) {
    SECTION("a refused commit is followed by the abort") {
      auto responses = driver.send_configs({"description commit-fails"});
      REQUIRE(responses.size() == 3);
      CHECK_FALSE(responses[0].failed);
      CHECK(responses[1].command == platform.config_commit);
      CHECK(responses[1].failed);
      CHECK(responses[2].command == platform.config_abort);
      CHECK_FALSE(responses[2].failed);
    }
  }
  CHECK(driver.current_privilege() == platform.default_privilege);
  auto again = driver.send_command(platform.detect_command);
  CHECK_FALSE(again.failed);
  driver.close();
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every shipped definition copied into `folder` (one may extend another), with the prompt
// pattern of `name`'s default level replaced by `pattern` when it is not empty.
void copy_definitions(const std::string& name, const std::filesystem::path& folder,
                      const std::string& pattern) {
  namespace fs = std::filesystem;
  for (const auto& entry : fs::directory_iterator(fs::path(VTY_SOURCE_DIR) / "platforms"))
    if (entry.path().extension() == ".toml")
      fs::copy_file(entry.path(), folder / entry.path().filename());
  if (pattern.empty()) return;
  const std::string level = vty::load_platform(name).default_privilege;
  std::string text = read_text(folder / (name + ".toml"));
  const std::string broken = "pattern = '" + pattern + "'";
  // The [[privilege]] block of that level, if the file has it (else it inherits the level).
  std::size_t at = 0;
  bool replaced = false;
  while ((at = text.find("[[privilege]]", at)) != std::string::npos) {
    std::size_t end = text.find("\n[", at + 1);
    if (end == std::string::npos) end = text.size();
    std::string block = text.substr(at, end - at);
    if (block.find("name = \"" + level + "\"") != std::string::npos) {
      std::size_t line = block.find("\npattern = ");
      if (line != std::string::npos) {
        std::size_t line_end = block.find('\n', line + 1);
        block.replace(line + 1, line_end - line - 1, broken);
      } else {
        block += "\n" + broken + "\n";
      }
      text.replace(at, end - at, block);
      replaced = true;
      break;
    }
    at = end;
  }
  if (!replaced) text += "\n[[privilege]]\nname = \"" + level + "\"\n" + broken + "\n";
  std::ofstream(folder / (name + ".toml")) << text;
}

TEST_CASE("a vty-sim session of each platform goes through every level", "[.platform_session]") {
  for (const auto& name : platforms_under_test()) {
    DYNAMIC_SECTION("platform " << name) {
      play(name);
    }
  }
}

// The device models do not come from the definitions: a definition whose prompt pattern is
// wrong fails against its device model. The intact copy passes, so the copy is not what fails.
TEST_CASE("a broken prompt pattern in a copy of a definition fails its session",
          "[.platform_independence]") {
  for (const auto& name : platforms_under_test()) {
    DYNAMIC_SECTION("platform " << name) {
      SECTION("the intact copy passes") {
        vty::test::TempDir dir;
        copy_definitions(name, dir.path(), "");
        play(name, dir.path());
      }
      SECTION("a copy whose default level's prompt pattern is broken fails") {
        vty::test::TempDir dir;
        copy_definitions(name, dir.path(), "^this-is-not-the-prompt>\\s*$");
        vty::test::Sim sim({.extra_args = {"--device", name}});
        vty::Options options = sim.options();
        options.platform = name;
        options.platform_paths = {dir.path()};
        options.timeout_ops = std::chrono::seconds(2);
        REQUIRE(vty::load_platform(name, options.platform_paths)
                    .find(vty::load_platform(name).default_privilege)
                    ->pattern == "^this-is-not-the-prompt>\\s*$");
        vty::Driver driver(options);
        CHECK_THROWS_AS(driver.open(), vty::DriverException);
      }
    }
  }
}

TEST_CASE("configuration failures on each platform", "[.config_failures]") {
  for (const auto& name : platforms_under_test()) {
    DYNAMIC_SECTION("platform " << name) {
      play_config_failures(name);
    }
  }
}

// Leaving configuration with uncommitted changes, through the driver: the device asks (IOS
// XR, Junos, VRP 8) or refuses (VyOS), and send_interactive answers it.
TEST_CASE("uncommitted changes on leaving configuration: the question and the refusal") {
  struct Case {
    std::string platform;
    std::vector<vty::InteractiveEvent> dialogue;
    std::string said;  // what the device printed on the way
  };
  const std::vector<Case> cases{
      {"cisco_iosxr",
       {{"configure terminal", ""},
        {"hostname edge", ""},
        {"end", "commit them before exiting(yes/no/cancel)? [cancel]:"},
        {"no", ""}},
       "Uncommitted changes found"},
      {"juniper_junos",
       {{"configure", ""},
        {"set system host-name edge", ""},
        {"exit configuration-mode", "Exit with uncommitted changes? [yes,no] (yes)"},
        {"yes", ""}},
       "The configuration has been changed but not committed"},
      {"huawei_vrpv8",
       {{"system-view", ""},
        {"sysname edge", ""},
        {"return", "[Y(yes)/N(no)/C(cancel)]:"},
        {"N", ""}},
       "Uncommitted configurations found"},
      {"vyos",
       {{"configure", ""}, {"set system host-name edge", ""}, {"exit", ""}, {"exit discard", ""}},
       "Cannot exit: configuration modified."},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.platform) {
      vty::test::Sim sim({.extra_args = {"--device", c.platform}});
      vty::Options options = sim.options();
      options.platform = c.platform;
      vty::Driver driver(options);
      driver.open();
      auto response = driver.send_interactive(c.dialogue);
      INFO(response.result);
      CHECK(response.result.find(c.said) != std::string::npos);
      CHECK(driver.current_privilege() == driver.platform().default_privilege);
      CHECK_FALSE(driver.send_command(driver.platform().detect_command).failed);
      driver.close();
    }
  }
}
