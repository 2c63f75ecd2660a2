// Loading a definition's [config_session] table: the commands it names, and the mistakes it
// is refused for, with their position.
#include <catch2/catch.hpp>

#include <string>

#include "vty/errors.hpp"
#include "vty/platform.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

std::string definition(const std::string& table) {
  return "name = \"box\"\ndefault_privilege = \"exec\"\n[config]\nprivilege = \"conf\"\n" + table +
         "\n[[privilege]]\nname = \"exec\"\npattern = '^\\S+#$'\n"
         "[[privilege]]\nname = \"conf\"\npattern = '^\\S+\\(config\\)#$'\nprevious = \"exec\"\n"
         "escalate = \"configure\"\ndeescalate = \"end\"\n";
}

std::string refusal(const std::string& table) {
  try {
    vty::parse_platform(definition(table), "box.toml");
  } catch (const vty::PlatformDefinitionError& error) {
    return error.summary();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("[config_session] names the commands of each operation") {
  auto platform = vty::parse_platform(definition(R"([config_session]
running = "show running-config"
diff = "show diff"
commit_confirmed = "commit confirmed {minutes}"
rollback_needs_commit = true
locked_when_contains = ["locked by"]
context_lines = ['^\[edit\]$'])"),
                                      "box.toml");
  const auto& commands = platform.config_session;
  CHECK(commands.supported);
  CHECK(commands.running == "show running-config");
  CHECK(commands.diff == "show diff");
  CHECK(commands.commit_confirmed == "commit confirmed {minutes}");
  CHECK(commands.commit.empty());
  CHECK(commands.rollback_needs_commit);
  CHECK(commands.locked_when_contains == std::vector<std::string>{"locked by"});
  CHECK(commands.context_lines.size() == 1);
}

TEST_CASE("a definition without [config_session] has no configuration management") {
  auto platform = vty::parse_platform(definition(""), "box.toml");
  CHECK_FALSE(platform.config_session.supported);
}

TEST_CASE("[config_session] mistakes are refused with their position") {
  SECTION("an unknown key, with a suggestion") {
    CHECK_THAT(refusal("[config_session]\ncomit = \"commit\""),
               StartsWith("box.toml:6:1: ") &&
                   Contains("unknown key `comit` in [config_session]") &&
                   Contains("did you mean `commit`?"));
  }
  SECTION("a value of the wrong type") {
    CHECK_THAT(refusal("[config_session]\nrollback_needs_commit = \"yes\""),
               StartsWith("box.toml:6:25: ") &&
                   Contains("[config_session]: `rollback_needs_commit` must be a boolean"));
  }
  SECTION("a context line that does not compile") {
    CHECK_THAT(refusal("[config_session]\ncontext_lines = ['(']"),
               StartsWith("box.toml:6:17: ") &&
                   Contains("`context_lines` is not a valid regular expression"));
  }
  SECTION("a privilege naming no level") {
    CHECK_THAT(refusal("[config_session]\nprivilege = \"cnof\""),
               Contains("`privilege` names \"cnof\"") && Contains("did you mean `conf`?"));
  }
}

TEST_CASE("[config_session] names a staged file and the checkpoints to roll back to") {
  auto platform = vty::parse_platform(definition(R"([config_session]
stage_file = "flash:vty.cfg"
stage_privilege = "conf"
stage_begin = 'puts [open "{file}" w+] {'
stage_end = "}"
stage_delete = "delete {file}"
stage_file_replace_only = true
checkpoint = "archive config"
checkpoints = "show archive"
checkpoint_pattern = '^\s*\d+\s+\K\S+'
checkpoint_latest = "<- Most Recent"
device_checkpoints_confirmed = true)"),
                                      "box.toml");
  const auto& commands = platform.config_session;
  CHECK(commands.stage_file == "flash:vty.cfg");
  CHECK(commands.stage_begin == "puts [open \"{file}\" w+] {");
  CHECK(commands.stage_file_replace_only);
  CHECK(commands.checkpoint_pattern == R"(^\s*\d+\s+\K\S+)");
  CHECK(commands.device_checkpoints_confirmed);
}

TEST_CASE("[config_session] staged-file and checkpoint mistakes are refused with their position") {
  SECTION("a checkpoint pattern that does not compile") {
    CHECK_THAT(refusal("[config_session]\ncheckpoint_pattern = '(('"),
               StartsWith("box.toml:6:22: ") &&
                   Contains("`checkpoint_pattern` is not a valid regular expression"));
  }
  SECTION("a stage_privilege naming no level") {
    CHECK_THAT(refusal("[config_session]\nstage_privilege = \"tcl\""),
               Contains("`stage_privilege` names \"tcl\""));
  }
}
