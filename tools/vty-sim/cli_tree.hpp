// The shape of a simulated device's CLI, built once from a device model and shared by all
// its sessions: the modes, their prompts and the commands each mode accepts.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "vty-sim/command_table.hpp"
#include "vty-sim/device_model.hpp"
#include "vty/regex.hpp"

namespace vty::sim {

struct SimLevel {
  const ModelMode* mode = nullptr;
  int parent = -1;  // index of the parent mode, -1 for the root
  const std::string& name() const { return mode->name; }
  bool config() const { return mode->config; }
};

class CliTree {
 public:
  // Throws std::runtime_error when the model is inconsistent.
  explicit CliTree(DeviceModel model);
  CliTree(const CliTree&) = delete;
  CliTree& operator=(const CliTree&) = delete;

  const DeviceModel& model() const { return model_; }
  const std::vector<SimLevel>& levels() const { return levels_; }
  std::size_t root() const { return root_; }
  // The mode a session starts in.
  std::size_t start() const {
    return model_.start.empty() ? root_ : static_cast<std::size_t>(find(model_.start));
  }
  int find(std::string_view name) const;
  // The nearest mode at or above `level` that is not a config mode (where `do` runs).
  std::size_t exec_level(std::size_t level) const;
  // Commands of a level; a config level's table serves its sub-modes too.
  const std::vector<CommandSpec>& commands(std::size_t level) const { return tables_[level]; }
  // The prompt for a level (and config sub-mode tag, "" for none) on device `hostname`.
  // `changed`: uncommitted changes wait (a model may mark them in the prompt).
  std::string prompt(std::size_t level, std::string_view submode, std::string_view hostname,
                     bool changed = false) const;
  bool refused(std::string_view line) const;       // a config line the device refuses
  bool fails_commit(std::string_view line) const;  // a config line a commit refuses

 private:
  bool descends_from(std::size_t level, std::size_t ancestor) const;
  void build_table(std::size_t level);

  DeviceModel model_;
  std::vector<SimLevel> levels_;
  std::vector<std::vector<CommandSpec>> tables_;
  std::vector<vty::Regex> refuse_;
  std::vector<vty::Regex> commit_fails_;
  std::size_t root_ = 0;
};

}  // namespace vty::sim
