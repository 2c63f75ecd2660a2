// The shape of a simulated device's CLI, built once from a platform definition and a scenario
// and shared by all its sessions: the privilege levels, their prompts and the commands each
// level accepts.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "vty-sim/command_table.hpp"
#include "vty-sim/scenario.hpp"
#include "vty/platform.hpp"

namespace vty::sim {

struct SimLevel {
  std::string name;
  std::string sim_prompt;  // "{hostname}#"-style
  int parent = -1;         // index of `previous`, -1 for a root level
  bool escalate_auth = false;
  bool config = false;  // the platform's config level: unknown lines are accepted silently
};

class CliTree {
 public:
  // Throws std::runtime_error when the scenario names a level the platform lacks.
  CliTree(const vty::PlatformDefinition& platform, Scenario scenario);

  const Scenario& scenario() const { return scenario_; }
  const std::vector<SimLevel>& levels() const { return levels_; }
  std::size_t root() const { return root_; }
  int config_level() const { return config_; }
  int find(std::string_view name) const;
  // Commands of a level; a config level's table serves its sub-modes too.
  const std::vector<CommandSpec>& commands(std::size_t level) const { return tables_[level]; }
  // The prompt for a level (and config sub-mode tag, "" for none) on device `hostname`.
  std::string prompt(std::size_t level, std::string_view submode, std::string_view hostname) const;

 private:
  bool descends_from(std::size_t level, std::size_t ancestor) const;
  void build_exec_table(const vty::PlatformDefinition& platform, std::size_t level);
  void build_config_table(const vty::PlatformDefinition& platform, std::size_t level);
  void add_escalations(const vty::PlatformDefinition& platform, std::size_t level);

  Scenario scenario_;
  std::vector<SimLevel> levels_;
  std::vector<std::vector<CommandSpec>> tables_;
  std::size_t root_ = 0;
  int config_ = -1;
};

}  // namespace vty::sim
