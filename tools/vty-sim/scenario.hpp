// A vty-sim scenario: what a simulated device answers (canned command outputs, sub-modes,
// banners), loaded from TOML. The platform definition says how the CLI moves; this says what
// it prints.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vty-sim/fault.hpp"

namespace vty::sim {

struct ScenarioCommand {
  std::string command;               // full words, e.g. "show ip interface brief"
  std::vector<std::string> aliases;  // other spellings that run it, e.g. "sh ip int br"
  std::string privilege;             // lowest level it works at; "" = the root level
  std::string output;                // lines separated by "\n"; "{hostname}" and "{i}" replaced
  int repeat = 1;                    // the output is printed this many times ({i} = 1..repeat)
  std::string header;                // printed once before the repeated output
  bool hang = false;                 // print the output, then never a prompt again
  std::string footer;                // printed once after the repeated output
  bool show_config = false;          // lines typed in config mode go before the footer
};

struct ScenarioSubmode {
  std::string command;  // e.g. "interface <name...>"
  std::string tag;      // replaces "config" in the config prompt, e.g. "config-if"
};

struct Scenario {
  std::string login_banner;  // printed once before the first prompt
  // Printed when entering the platform's config level (IOS: "Enter configuration commands...").
  std::string config_banner;
  std::string pager = " --More-- ";  // the pager prompt; "" = the device never pages
  // Printed for a command the device does not know; "" = IOS's caret line and
  // "% Invalid input detected at '^' marker.".
  std::string unknown_command;
  std::vector<std::string> paging_off;    // commands that turn paging off (screen-length 0)
  std::vector<std::string> leave_config;  // config lines that also leave config mode (commit)
  // [device] fault = "NAME[:ARG]" and fault_on = "TEXT": the device plays this fault
  // (as --fault and --fault-on would say; those, when given, win).
  std::optional<FaultSpec> fault;
  std::vector<ScenarioSubmode> submodes;
  std::vector<ScenarioCommand> commands;
};

// Parses scenario TOML. Throws std::runtime_error naming `source`, line and column.
Scenario parse_scenario(std::string_view toml_text, const std::string& source);
Scenario load_scenario_file(const std::filesystem::path& file);

// The folder holding the shipped scenarios (<name>.toml per platform).
std::filesystem::path shipped_scenario_dir();

}  // namespace vty::sim
