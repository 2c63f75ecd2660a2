// `vty platforms list|show|check` as a user runs them.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "support/child_process.hpp"
#include "support/paths.hpp"

using Catch::Matchers::Contains;
using vty::test::run_program;
namespace fs = std::filesystem;

namespace {

vty::test::RunResult vty_platforms(std::vector<std::string> args, bool with_stderr = true) {
  vty::test::ChildProcess::Spec spec;
  spec.argv = {VTY_CLI_PATH, "platforms"};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.merge_stderr = with_stderr;
  return run_program(std::move(spec));
}

struct Folder {
  fs::path path;
  Folder() {
    std::string pattern = (fs::temp_directory_path() / "vty-platforms-cli-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~Folder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream{path / name} << text;
    return (path / name).string();
  }
};

const std::string kBad = std::string{VTY_TEST_DATA_DIR} + "/bad_platforms/";

}  // namespace

TEST_CASE("vty platforms list shows 25+ platforms and where each comes from") {
  auto listed = vty_platforms({"list"}, false);
  REQUIRE(listed.exit_code == 0);
  std::smatch count;
  REQUIRE(std::regex_search(listed.output, count, std::regex{R"((\d+) platforms\n$)"}));
  CHECK(std::stoi(count[1].str()) >= 25);
  CHECK(std::regex_search(
      listed.output,
      std::regex{R"(\njuniper_junos +shipped +/\S+/platforms/juniper_junos\.toml\n)"}));

  SECTION("a user's file of the same name wins, and the listing says what it overrides") {
    Folder user;
    auto file = user.write("arista_eos.toml", "extends = \"arista_eos\"\nname = \"arista_eos\"\n");
    auto overridden = vty_platforms({"list", "--platform-path", user.path.string()}, false);
    REQUIRE(overridden.exit_code == 0);
    CHECK_THAT(overridden.output, Contains("arista_eos           user folder        " + file));
    CHECK(std::regex_search(overridden.output,
                            std::regex{R"(\n +overrides /\S+/platforms/arista_eos\.toml\n)"}));
  }
}

TEST_CASE("vty platforms show prints the resolved definition, which check accepts again") {
  auto shown = vty_platforms({"show", "huawei_vrpv8"}, false);
  REQUIRE(shown.exit_code == 0);
  CHECK_THAT(shown.output, Contains("(extends huawei_vrp)") && Contains("commit = \"commit\"") &&
                               Contains("on_open = [\"screen-length 0 temporary\"]") &&
                               Contains("sim_prompt = \"[~{hostname}]\""));
  Folder user;
  auto file = user.write("huawei_vrpv8.toml", shown.output);
  auto checked = vty_platforms({"check", file});
  CHECK(checked.exit_code == 0);
  CHECK_THAT(checked.output, Contains(file + ": ok (huawei_vrpv8, 2 levels)"));

  SECTION("an unknown name suggests the nearest") {
    auto unknown = vty_platforms({"show", "juniper_junox"});
    CHECK(unknown.exit_code == 1);
    CHECK_THAT(unknown.output, Contains("did you mean `juniper_junos`?"));
  }
}

TEST_CASE("vty platforms check reports each bad file as file:line:col and exits 1") {
  const std::string good = std::string{VTY_SOURCE_DIR} + "/platforms/cisco_nxos.toml";
  auto result = vty_platforms(
      {"check", good, kBad + "unknown_top_key.toml", kBad + "detect_unknown_key.toml"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.output, Contains(good + ": ok (cisco_nxos, 5 levels)"));
  CHECK_THAT(result.output, Contains(kBad + "unknown_top_key.toml:3:1: unknown key "
                                            "`failed-when-contains` at the top level; did you "
                                            "mean `failed_when_contains`?"));
  CHECK_THAT(result.output, Contains(kBad + "detect_unknown_key.toml:10:1: unknown key `patern` "
                                            "in [detect]; did you mean `pattern`?"));
  SECTION("all good files exit 0") {
    CHECK(vty_platforms({"check", good}).exit_code == 0);
  }
  SECTION("no file is a usage error") {
    CHECK(vty_platforms({"check"}).exit_code == 64);
  }
}
