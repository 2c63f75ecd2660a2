// Loading platform definitions: the shipped cisco_iosxe, defaults, refusals of bad files
// with their position, and where load_platform looks.
#include <catch2/catch.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "support/paths.hpp"
#include "vty/errors.hpp"
#include "vty/platform.hpp"
#include "vty/regex.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

std::string bad_file(const std::string& stem) {
  return std::string{VTY_TEST_DATA_DIR} + "/bad_platforms/" + stem + ".toml";
}

// The summary of the PlatformDefinitionError that loading the bad file throws.
std::string refusal(const std::string& stem) {
  try {
    vty::load_platform_file(bad_file(stem));
  } catch (const vty::PlatformDefinitionError& error) {
    return error.summary();
  }
  FAIL(stem << ".toml was accepted");
  return {};
}

// "FILE:LINE:COL: " of a bad file.
std::string at(const std::string& stem, int line, int column) {
  return bad_file(stem) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
}

// A fresh folder under the system's temporary folder, removed with its content at the end.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "vty-platforms-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream{path / name} << text;
  }
};

// Sets $VTY_PLATFORM_PATH for one test and restores what it was.
struct PlatformPathEnv {
  std::optional<std::string> saved;
  explicit PlatformPathEnv(const std::string& value) {
    if (const char* old = getenv("VTY_PLATFORM_PATH")) saved = old;
    setenv("VTY_PLATFORM_PATH", value.c_str(), 1);
  }
  ~PlatformPathEnv() {
    if (saved) {
      setenv("VTY_PLATFORM_PATH", saved->c_str(), 1);
    } else {
      unsetenv("VTY_PLATFORM_PATH");
    }
  }
};

// cisco_iosxe with one difference, so a test can tell which file was loaded.
const char* const kOverride = R"(
name = "cisco_iosxe"
default_privilege = "exec"
on_open = ["terminal length 0"]
[config]
privilege = "exec"
[[privilege]]
name = "exec"
pattern = '^\S+>$'
)";

}  // namespace

TEST_CASE("the shipped cisco_iosxe definition loads with its levels and settings") {
  const auto platform = vty::load_platform("cisco_iosxe");

  CHECK(platform.name == "cisco_iosxe");
  CHECK(platform.source == fs::path{VTY_SOURCE_DIR} / "platforms" / "cisco_iosxe.toml");
  CHECK(platform.default_privilege == "privilege_exec");
  CHECK(platform.config_privilege == "configuration");
  CHECK(platform.return_char == "\n");
  CHECK(platform.on_open == std::vector<std::string>{"terminal length 0", "terminal width 512"});
  CHECK(platform.on_close == std::vector<std::string>{"exit"});
  CHECK(platform.failed_when_contains.size() == 4);
  CHECK(vty::Regex{platform.pager_pattern}.search(" --More-- "));

  REQUIRE(platform.privileges.size() == 4);
  const auto& exec = platform.privileges[0];
  const auto& privileged = platform.privileges[1];
  const auto& config = platform.privileges[2];
  CHECK(exec.name == "exec");
  CHECK(exec.previous.empty());
  CHECK(exec.sim_prompt == "{hostname}>");
  CHECK(privileged.name == "privilege_exec");
  CHECK(privileged.previous == "exec");
  CHECK(privileged.escalate == "enable");
  CHECK(privileged.deescalate == "disable");
  CHECK(privileged.escalate_auth);
  CHECK(vty::Regex{privileged.escalate_prompt}.search("Password: "));
  CHECK(config.name == "configuration");
  CHECK(config.previous == "privilege_exec");
  CHECK(config.escalate == "configure terminal");
  CHECK(config.deescalate == "end");
  CHECK_FALSE(config.escalate_auth);
  CHECK(platform.find("configuration") == &config);
  CHECK(platform.find("tclsh")->previous == "privilege_exec");
}

TEST_CASE("prompt_pattern matches the prompt of any level and nothing else") {
  const auto platform = vty::load_platform("cisco_iosxe");
  const vty::Regex prompt{platform.prompt_pattern()};

  SECTION("prompts") {
    for (const char* text : {"router1>", "router1#", "router1(config)#", "router1(config-if)#",
                             "sw-01.lab(config-router)#", "core-sw01.dc1# "}) {
      INFO(text);
      CHECK(prompt.search(text));
    }
  }
  SECTION("not prompts") {
    for (const char* text :
         {"router1 #x", "Interface GigabitEthernet1 is up", " description uplink-to-core#",
          "*** AUTHORIZED ACCESS ONLY ***#", ""}) {
      INFO(text);
      CHECK_FALSE(prompt.search(text));
    }
  }
  SECTION("is the union of the level patterns") {
    CHECK(platform.prompt_pattern() == "(?:" + platform.privileges[0].pattern +
                                           ")|(?:" + platform.privileges[1].pattern +
                                           ")|(?:" + platform.privileges[2].pattern +
                                           ")|(?:" + platform.privileges[3].pattern + ")");
  }
}

TEST_CASE("optional keys take their documented defaults") {
  const auto platform = vty::parse_platform(R"(
name = "minimal"
default_privilege = "configuration"
[[privilege]]
name = "configuration"
pattern = '^\S+#$'
)",
                                            "minimal.toml");
  CHECK(platform.source.empty());
  CHECK(platform.return_char == "\n");
  CHECK(platform.failed_when_contains.empty());
  CHECK(platform.on_open.empty());
  CHECK(platform.on_close == std::vector<std::string>{"exit"});
  CHECK(platform.pager_pattern.empty());
  CHECK(platform.pager_response == " ");
  CHECK(platform.config_privilege == "configuration");
  CHECK(platform.config_commit.empty());
  CHECK(platform.config_abort.empty());
  const auto& level = platform.privileges.at(0);
  CHECK(level.previous.empty());
  CHECK_FALSE(level.escalate_auth);
  CHECK(level.escalate_prompt == R"(^[pP]assword:\s*$)");
  CHECK(level.not_contains.empty());
  CHECK(level.sim_prompt.empty());
}

TEST_CASE("TOML syntax errors are refused with their position") {
  CHECK_THAT(refusal("syntax_error"),
             StartsWith(at("syntax_error", 3, 33)) && Contains("not valid TOML"));
  SECTION("in text parsed without a file") {
    CHECK_THROWS_WITH(vty::parse_platform("name = ", "inline"),
                      StartsWith("vty::PlatformDefinitionError: inline:1:8: not valid TOML"));
  }
}

TEST_CASE("unknown keys are refused by name, with a suggestion") {
  SECTION("at the top level") {
    CHECK_THAT(refusal("unknown_top_key"), StartsWith(at("unknown_top_key", 3, 1)) &&
                                               Contains("unknown key `failed-when-contains`") &&
                                               Contains("did you mean `failed_when_contains`?"));
  }
  SECTION("in a level") {
    CHECK_THAT(refusal("unknown_level_key"),
               StartsWith(at("unknown_level_key", 15, 1)) &&
                   Contains("unknown key `escalte` in level \"enable\"") &&
                   Contains("did you mean `escalate`?"));
  }
}

TEST_CASE("values of the wrong type are refused") {
  SECTION("a string for a boolean") {
    CHECK_THAT(refusal("wrong_type"),
               StartsWith(at("wrong_type", 17, 17)) &&
                   Contains("`escalate_auth` must be a boolean (true or false), not a string"));
  }
  SECTION("a number in a list of strings") {
    CHECK_THAT(refusal("wrong_list_item"),
               StartsWith(at("wrong_list_item", 3, 33)) &&
                   Contains("`on_open` must be a list of strings; item 2 is an integer"));
  }
  SECTION("a single [privilege] table instead of [[privilege]]") {
    CHECK_THAT(refusal("privilege_not_array"), StartsWith(at("privilege_not_array", 4, 1)) &&
                                                   Contains("write each level as [[privilege]]"));
  }
}

TEST_CASE("missing required keys are refused at their table") {
  SECTION("top-level name") {
    CHECK_THAT(refusal("missing_name"),
               StartsWith(at("missing_name", 1, 1)) && Contains("missing required key `name`"));
  }
  SECTION("a level's pattern") {
    CHECK_THAT(refusal("missing_pattern"),
               StartsWith(at("missing_pattern", 7, 1)) &&
                   Contains("level \"exec\": missing required key `pattern`"));
  }
  SECTION("escalate, when previous is set") {
    CHECK_THAT(refusal("missing_escalate"), StartsWith(at("missing_escalate", 11, 3)) &&
                                                Contains("missing required key `escalate`"));
  }
  SECTION("no levels at all") {
    CHECK_THAT(refusal("no_levels"),
               StartsWith(at("no_levels", 1, 1)) && Contains("no privilege levels"));
  }
}

TEST_CASE("a pattern that does not compile is refused with PCRE2's reason") {
  CHECK_THAT(refusal("bad_pattern"), StartsWith(at("bad_pattern", 9, 13)) &&
                                         Contains("`pattern` is not a valid regular expression") &&
                                         Contains("character class"));
}

TEST_CASE("levels must form a tree of known, distinct names") {
  SECTION("previous names an unknown level") {
    CHECK_THAT(refusal("unknown_previous"), StartsWith(at("unknown_previous", 14, 12)) &&
                                                Contains("`previous` names \"privileged_exec\"") &&
                                                Contains("no such level") &&
                                                Contains("levels: exec, configuration"));
  }
  SECTION("previous links form a loop") {
    CHECK_THAT(refusal("previous_cycle"), StartsWith(at("previous_cycle", 10, 12)) &&
                                              Contains("loop (exec -> configuration -> exec)"));
  }
  SECTION("a level name is used twice") {
    CHECK_THAT(refusal("duplicate_level"),
               StartsWith(at("duplicate_level", 12, 8)) &&
                   Contains("level name \"exec\" is used twice (first on line 8)"));
  }
}

TEST_CASE("default_privilege and config privilege must name a level") {
  SECTION("default_privilege") {
    CHECK_THAT(refusal("unknown_default_privilege"),
               StartsWith(at("unknown_default_privilege", 2, 21)) &&
                   Contains("`default_privilege` names \"privileged_exec\"") &&
                   Contains("did you mean `privilege_exec`?"));
  }
  SECTION("[config] privilege") {
    CHECK_THAT(refusal("unknown_config_privilege"),
               StartsWith(at("unknown_config_privilege", 6, 13)) &&
                   Contains("`privilege` names \"config\""));
  }
  SECTION("the default \"configuration\" when there is no such level") {
    CHECK_THAT(refusal("default_config_privilege_missing"),
               StartsWith(at("default_config_privilege_missing", 1, 1)) &&
                   Contains("add a [config] table"));
  }
}

TEST_CASE("load_platform searches extra folders, then VTY_PLATFORM_PATH, then shipped") {
  TempDir first;
  TempDir second;

  SECTION("the search path is in that order") {
    PlatformPathEnv env{second.path.string() + "::" + first.path.string()};
    const auto dirs = vty::platform_search_path({first.path});
    REQUIRE(dirs.size() == 4);
    CHECK(dirs[0] == first.path);
    CHECK(dirs[1] == second.path);
    CHECK(dirs[2] == first.path);
    CHECK(dirs[3] == fs::path{VTY_SOURCE_DIR} / "platforms");
  }
  SECTION("an extra folder overrides the shipped file of the same name") {
    first.write("cisco_iosxe.toml", kOverride);
    const auto platform = vty::load_platform("cisco_iosxe", {first.path});
    CHECK(platform.source == first.path / "cisco_iosxe.toml");
    CHECK(platform.on_open == std::vector<std::string>{"terminal length 0"});
  }
  SECTION("a VTY_PLATFORM_PATH folder overrides the shipped file") {
    second.write("cisco_iosxe.toml", kOverride);
    PlatformPathEnv env{first.path.string() + ":" + second.path.string()};
    CHECK(vty::load_platform("cisco_iosxe").source == second.path / "cisco_iosxe.toml");
  }
  SECTION("an extra folder comes before VTY_PLATFORM_PATH") {
    first.write("cisco_iosxe.toml", kOverride);
    second.write("cisco_iosxe.toml", kOverride);
    PlatformPathEnv env{second.path.string()};
    CHECK(vty::load_platform("cisco_iosxe", {first.path}).source ==
          first.path / "cisco_iosxe.toml");
  }
  SECTION("a bad user file is refused, not skipped") {
    first.write("cisco_iosxe.toml", "name = ");
    CHECK_THROWS_AS(vty::load_platform("cisco_iosxe", {first.path}), vty::PlatformDefinitionError);
  }
}

TEST_CASE("an unknown platform name lists the folders searched and the names available") {
  TempDir user;
  user.write("acme_os.toml", kOverride);
  PlatformPathEnv env{user.path.string()};
  try {
    vty::load_platform("cisco_iosx");
    FAIL("cisco_iosx was found");
  } catch (const vty::UnknownPlatform& error) {
    CHECK_THAT(error.summary(),
               StartsWith("no platform named \"cisco_iosx\"; did you mean `cisco_iosxe`?") &&
                   Contains(user.path.string()) &&
                   Contains((fs::path{VTY_SOURCE_DIR} / "platforms").string()) &&
                   Contains("acme_os") && Contains("cisco_iosxe"));
  }
  SECTION("a name with a folder in it is not looked up") {
    CHECK_THROWS_AS(vty::load_platform("../platforms/cisco_iosxe"), vty::UnknownPlatform);
  }
}
