// `extends`, listing with where each definition comes from, [detect], and the folder of
// malformed definitions, each refused with its own file:line:col.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "support/paths.hpp"
#include "vty/errors.hpp"
#include "vty/platform.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

struct Folder {
  fs::path path;
  Folder() {
    std::string pattern = (fs::temp_directory_path() / "vty-extends-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~Folder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream{path / name} << text;
    return path / name;
  }
};

const fs::path kShipped = fs::path{VTY_SOURCE_DIR} / "platforms";
const fs::path kBad = fs::path{VTY_TEST_DATA_DIR} / "bad_platforms";

std::string refusal(const fs::path& file) {
  try {
    vty::load_platform_file(file);
  } catch (const vty::PlatformDefinitionError& error) {
    return error.summary();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("extends inherits a definition and overrides a few keys") {
  Folder user;
  user.write("lab_ios.toml", R"(
extends = "cisco_iosxe"
name = "lab_ios"
on_open = ["terminal length 0"]

[[privilege]]
name = "exec"
sim_prompt = "{hostname}-lab>"

[[privilege]]
name = "rommon"
pattern = '^rommon \d+ >\s*$'
)");
  const auto base = vty::load_platform("cisco_iosxe");
  const auto platform = vty::load_platform("lab_ios", {user.path});
  CHECK(platform.name == "lab_ios");
  CHECK(platform.extends == "cisco_iosxe");
  CHECK(platform.source == user.path / "lab_ios.toml");
  CHECK(platform.on_open == std::vector<std::string>{"terminal length 0"});
  CHECK(platform.failed_when_contains == base.failed_when_contains);
  SECTION("a level of the same name changes only the keys given") {
    CHECK(platform.find("exec")->pattern == base.find("exec")->pattern);
    CHECK(platform.find("exec")->sim_prompt == "{hostname}-lab>");
  }
  SECTION("a level of a new name is added after the inherited ones") {
    REQUIRE(platform.privileges.size() == base.privileges.size() + 1);
    CHECK(platform.privileges.back().name == "rommon");
  }
}

TEST_CASE("a user file may extend the shipped file of its own name") {
  Folder user;
  user.write("cisco_iosxe.toml",
             "extends = \"cisco_iosxe\"\nname = \"cisco_iosxe\"\n"
             "failed_when_contains = [\"% Error\"]\n");
  const auto platform = vty::load_platform("cisco_iosxe", {user.path});
  CHECK(platform.source == user.path / "cisco_iosxe.toml");
  CHECK(platform.failed_when_contains == std::vector<std::string>{"% Error"});
  CHECK(platform.privileges.size() == vty::load_platform("cisco_iosxe").privileges.size());
}

TEST_CASE("the shipped huawei_vrpv8 is huawei_vrp with a commit") {
  const auto v5 = vty::load_platform("huawei_vrp");
  const auto v8 = vty::load_platform("huawei_vrpv8");
  CHECK(v8.extends == "huawei_vrp");
  CHECK(v8.config_commit == "commit");
  CHECK(v5.config_commit.empty());
  CHECK(v8.on_open == v5.on_open);
  CHECK(v8.find("configuration")->pattern == v5.find("configuration")->pattern);
  CHECK(v8.find("configuration")->sim_prompt == "[~{hostname}]");
}

TEST_CASE("list_platforms shows every name once, where it comes from, and what it overrides") {
  Folder user;
  user.write("cisco_iosxe.toml", "extends = \"cisco_iosxe\"\nname = \"cisco_iosxe\"\n");
  user.write("lab_only.toml", "extends = \"cisco_iosxe\"\nname = \"lab_only\"\n");
  const auto listing = vty::list_platforms({user.path});
  std::set<std::string> names;
  int shipped = 0;
  for (const auto& entry : listing) {
    CHECK(names.insert(entry.name).second);
    if (entry.origin == vty::PlatformOrigin::kShipped) ++shipped;
    if (entry.name == "cisco_iosxe") {
      CHECK(entry.origin == vty::PlatformOrigin::kExtra);
      CHECK(entry.file == user.path / "cisco_iosxe.toml");
      REQUIRE(entry.overridden.size() == 1);
      CHECK(entry.overridden[0] == kShipped / "cisco_iosxe.toml");
    }
    if (entry.name == "lab_only") CHECK(to_string(entry.origin) == "user folder");
  }
  CHECK(names.count("lab_only") == 1);
  CHECK(shipped >= 25);
}

TEST_CASE("every shipped definition loads, names itself after its file, and can be detected") {
  int count = 0;
  for (const auto& entry : fs::directory_iterator{kShipped}) {
    if (entry.path().extension() != ".toml") continue;
    INFO(entry.path());
    const auto platform = vty::load_platform_file(entry.path());
    CHECK(platform.name == entry.path().stem().string());
    CHECK_FALSE(platform.detect_command.empty());
    CHECK(platform.find(platform.config_privilege));
    ++count;
  }
  CHECK(count >= 25);
}

TEST_CASE("each malformed definition in the folder is refused with its own file:line:col") {
  const std::regex located{R"(^(.+\.toml):(\d+):(\d+): (.+)$)"};
  std::set<std::string> messages;
  int files = 0;
  for (const auto& entry : fs::directory_iterator{kBad}) {
    ++files;
    const std::string message = refusal(entry.path());
    INFO(message);
    std::smatch parts;
    REQUIRE(std::regex_match(message, parts, located));
    CHECK(fs::path{parts[1].str()}.parent_path() == kBad);
    CHECK(std::stoi(parts[2].str()) >= 1);
    CHECK(messages.insert(parts[4].str()).second);
  }
  CHECK(files >= 20);
}

TEST_CASE("extends and [detect] mistakes name the line and what is wrong") {
  CHECK_THAT(refusal(kBad / "extends_unknown.toml"),
             StartsWith((kBad / "extends_unknown.toml").string() + ":2:11: ") &&
                 Contains("no other cisco_iosxf.toml"));
  CHECK_THAT(refusal(kBad / "extends_loop_a.toml"), Contains(":3:11: ") && Contains("loop"));
  CHECK_THAT(refusal(kBad / "extends_not_string.toml"),
             Contains(":3:11: `extends` must be the name"));
  CHECK_THAT(refusal(kBad / "extends_bad_override.toml"),
             Contains("extends_bad_override.toml:7:12: `previous` names \"privileged_exec\"") &&
                 Contains("did you mean `privilege_exec`?"));
  CHECK_THAT(
      refusal(kBad / "detect_unknown_key.toml"),
      Contains(":10:1: unknown key `patern` in [detect]") && Contains("did you mean `pattern`?"));
  CHECK_THAT(refusal(kBad / "detect_missing_pattern.toml"),
             Contains(":8:1: [detect]: missing required key `pattern`"));
}
