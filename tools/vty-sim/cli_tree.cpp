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

CliTree::CliTree(DeviceModel model) : model_(std::move(model)) {
  if (model_.modes.empty())
    throw std::runtime_error("device model '" + model_.name + "' has no modes");
  for (const auto& mode : model_.modes) levels_.push_back({&mode, -1});
  root_ = levels_.size();
  for (std::size_t i = 0; i < levels_.size(); ++i) {
    levels_[i].parent = find(levels_[i].mode->parent);
    if (levels_[i].parent < 0 && root_ == levels_.size()) root_ = i;
  }
  if (root_ == levels_.size()) {
    throw std::runtime_error("device model '" + model_.name + "' has no root mode");
  }
  for (const auto& command : model_.commands) {
    if (!command.mode.empty() && find(command.mode) < 0) {
      throw std::runtime_error("device model command '" + command.command + "' names mode '" +
                               command.mode + "', which the model lacks");
    }
  }
  for (const auto& pattern : model_.config.refuse) refuse_.emplace_back(pattern);
  for (const auto& pattern : model_.config.commit_fails) commit_fails_.emplace_back(pattern);
  tables_.resize(levels_.size());
  for (std::size_t i = 0; i < levels_.size(); ++i) build_table(i);
}

int CliTree::find(std::string_view name) const {
  for (std::size_t i = 0; i < levels_.size(); ++i) {
    if (levels_[i].name() == name) return static_cast<int>(i);
  }
  return -1;
}

std::size_t CliTree::exec_level(std::size_t level) const {
  int current = static_cast<int>(level);
  for (std::size_t hops = 0; current >= 0 && hops <= levels_.size(); ++hops) {
    if (!levels_[current].config()) return static_cast<std::size_t>(current);
    current = levels_[current].parent;
  }
  return root_;
}

bool CliTree::descends_from(std::size_t level, std::size_t ancestor) const {
  int current = static_cast<int>(level);
  for (std::size_t hops = 0; current >= 0 && hops <= levels_.size(); ++hops) {
    if (static_cast<std::size_t>(current) == ancestor) return true;
    current = levels_[current].parent;
  }
  return false;
}

bool CliTree::refused(std::string_view line) const {
  for (const auto& pattern : refuse_)
    if (pattern.search(line)) return true;
  return false;
}

bool CliTree::fails_commit(std::string_view line) const {
  for (const auto& pattern : commit_fails_)
    if (pattern.search(line)) return true;
  return false;
}

void CliTree::build_table(std::size_t level) {
  auto& table = tables_[level];
  const ModelMode& mode = *levels_[level].mode;
  // The model's commands first: a vendor's `exit` that logs out is written there.
  for (std::size_t i = 0; i < model_.commands.size(); ++i) {
    const auto& command = model_.commands[i];
    int lowest = command.mode.empty() ? static_cast<int>(root_) : find(command.mode);
    bool applies = levels_[lowest].config()
                       ? static_cast<std::size_t>(lowest) == level
                       : !mode.config && descends_from(level, static_cast<std::size_t>(lowest));
    if (!applies) continue;
    table.push_back(make_spec(command.command, Action::kModel, std::to_string(i)));
    for (const auto& alias : command.aliases) {
      table.push_back(make_spec(alias, Action::kModel, std::to_string(i)));
    }
  }
  for (std::size_t child = 0; child < levels_.size(); ++child) {
    if (levels_[child].parent != static_cast<int>(level)) continue;
    for (const auto& enter : levels_[child].mode->enter)
      table.push_back(make_spec(enter, Action::kEscalate, levels_[child].name()));
  }
  if (levels_[level].parent >= 0) {
    const std::string& parent = levels_[levels_[level].parent].name();
    for (const auto& leave : mode.leave)
      table.push_back(
          make_spec(leave, mode.config ? Action::kExitMode : Action::kDeescalate, parent));
    for (const auto& end : mode.end) table.push_back(make_spec(end, Action::kEnd, parent));
  }
  for (const auto& logout : mode.logout) table.push_back(make_spec(logout, Action::kLogout));
  if (mode.config) {
    for (const auto& submode : model_.submodes) {
      table.push_back(make_spec(submode.command, Action::kSubmode, submode.tag));
    }
  } else {
    // Not a vendor's command: the test hook that prints N megabytes, on every device.
    table.push_back(make_spec("show big <megabytes>", Action::kShowBig));
  }
}

std::string CliTree::prompt(std::size_t level, std::string_view submode, std::string_view hostname,
                            bool changed) const {
  const ModelMode& mode = *levels_[level].mode;
  std::string prompt = changed && !mode.changed_prompt.empty() ? mode.changed_prompt : mode.prompt;
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
