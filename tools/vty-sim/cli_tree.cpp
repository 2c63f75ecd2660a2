#include "vty-sim/cli_tree.hpp"

#include <stdexcept>

namespace vty::sim {
namespace {

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

CliTree::CliTree(const vty::PlatformDefinition& platform, Scenario scenario)
    : scenario_(std::move(scenario)) {
  if (platform.privileges.empty()) {
    throw std::runtime_error("platform '" + platform.name + "' defines no privilege levels");
  }
  for (const auto& privilege : platform.privileges) {
    // On a platform of one level (RouterOS, FortiOS) configuration is typed at the only
    // prompt, among the show commands: that level is not a config mode.
    levels_.push_back({privilege.name, privilege.sim_prompt, -1, privilege.escalate_auth,
                       privilege.name == platform.config_privilege && !privilege.previous.empty()});
  }
  for (std::size_t i = 0; i < levels_.size(); ++i) {
    levels_[i].parent = find(platform.privileges[i].previous);
    if (levels_[i].config) config_ = static_cast<int>(i);
  }
  root_ = levels_.size();
  for (std::size_t i = 0; i < levels_.size() && root_ == levels_.size(); ++i) {
    if (levels_[i].parent < 0) root_ = i;
  }
  if (root_ == levels_.size()) {
    throw std::runtime_error("platform '" + platform.name + "' has no root level (no 'previous')");
  }
  for (const auto& command : scenario_.commands) {
    if (!command.privilege.empty() && find(command.privilege) < 0) {
      throw std::runtime_error("scenario command '" + command.command + "' names privilege '" +
                               command.privilege + "', which platform '" + platform.name +
                               "' does not define");
    }
  }
  tables_.resize(levels_.size());
  for (std::size_t i = 0; i < levels_.size(); ++i) {
    if (levels_[i].config) {
      build_config_table(platform, i);
    } else {
      build_exec_table(platform, i);
    }
  }
}

int CliTree::find(std::string_view name) const {
  for (std::size_t i = 0; i < levels_.size(); ++i) {
    if (levels_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

bool CliTree::descends_from(std::size_t level, std::size_t ancestor) const {
  int current = static_cast<int>(level);
  for (std::size_t hops = 0; current >= 0 && hops <= levels_.size(); ++hops) {
    if (static_cast<std::size_t>(current) == ancestor) return true;
    current = levels_[current].parent;
  }
  return false;
}

void CliTree::add_escalations(const vty::PlatformDefinition& platform, std::size_t level) {
  auto& table = tables_[level];
  for (std::size_t child = 0; child < levels_.size(); ++child) {
    const auto& escalate = platform.privileges[child].escalate;
    if (levels_[child].parent == static_cast<int>(level) && !escalate.empty()) {
      table.push_back(make_spec(escalate, Action::kEscalate, levels_[child].name));
    }
  }
  const auto& deescalate = platform.privileges[level].deescalate;
  if (levels_[level].parent >= 0 && !deescalate.empty()) {
    table.push_back(
        make_spec(deescalate, Action::kDeescalate, levels_[levels_[level].parent].name));
  }
}

void CliTree::build_exec_table(const vty::PlatformDefinition& platform, std::size_t level) {
  add_escalations(platform, level);
  auto& table = tables_[level];
  table.push_back(make_spec("exit", Action::kLogout));
  table.push_back(make_spec("logout", Action::kLogout));
  for (const auto& command : platform.on_close)
    table.push_back(make_spec(command, Action::kLogout));
  for (const auto& command : scenario_.paging_off) {
    table.push_back(make_spec(command, Action::kPagingOff));
  }
  table.push_back(make_spec("terminal length <lines>", Action::kTerminalLength));
  table.push_back(make_spec("terminal width <columns>", Action::kTerminalWidth));
  table.push_back(make_spec("show big <megabytes>", Action::kShowBig));
  for (std::size_t i = 0; i < scenario_.commands.size(); ++i) {
    const auto& command = scenario_.commands[i];
    int lowest = command.privilege.empty() ? static_cast<int>(root_) : find(command.privilege);
    if (!descends_from(level, static_cast<std::size_t>(lowest))) continue;
    table.push_back(make_spec(command.command, Action::kScenario, std::to_string(i)));
    for (const auto& alias : command.aliases) {
      table.push_back(make_spec(alias, Action::kScenario, std::to_string(i)));
    }
  }
}

void CliTree::build_config_table(const vty::PlatformDefinition& platform, std::size_t level) {
  auto& table = tables_[level];
  table.push_back(make_spec("end", Action::kEnd));
  for (const auto& line : scenario_.leave_config) table.push_back(make_spec(line, Action::kEnd));
  table.push_back(make_spec("exit", Action::kExitMode));
  table.push_back(make_spec("do <command...>", Action::kDo));
  for (const auto& submode : scenario_.submodes) {
    table.push_back(make_spec(submode.command, Action::kSubmode, submode.tag));
  }
  add_escalations(platform, level);
}

std::string CliTree::prompt(std::size_t level, std::string_view submode,
                            std::string_view hostname) const {
  const SimLevel& info = levels_[level];
  std::string prompt = info.sim_prompt;
  if (prompt.empty()) prompt = info.parent < 0 ? "{hostname}>" : "{hostname}#";
  if (!submode.empty()) {
    // The sub-mode's tag takes the place of the last parenthesised part: R1(config)# ->
    // R1(config-if)#, (sw1) (Config)# -> (sw1) (Interface 0/1)#.
    std::string tagged = "(" + std::string(submode) + ")";
    auto open = prompt.rfind('(');
    auto close = open == std::string::npos ? open : prompt.find(')', open);
    if (close != std::string::npos) {
      prompt.replace(open, close - open + 1, tagged);
    } else {
      prompt = "{hostname}" + tagged + "#";
    }
  }
  replace_all(prompt, "{hostname}", hostname);
  replace_all(prompt, "\n", "\r\n");  // a context line above the prompt ([edit])
  return prompt;
}

}  // namespace vty::sim
