/// @file
/// Which privilege level a prompt belongs to, and how to get from one level to another.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vty/platform.hpp"

namespace vty {

class PrivilegeGraph {
 public:
  struct Step {
    const PrivilegeLevel* from;
    const PrivilegeLevel* to;
    std::string command;  ///< what to send
    bool escalation;      ///< true when moving away from the root (may ask for a password)
  };

  /// Compiles every level's pattern; `platform` must outlive the graph.
  explicit PrivilegeGraph(const PlatformDefinition& platform);
  ~PrivilegeGraph();
  PrivilegeGraph(PrivilegeGraph&&) noexcept;
  PrivilegeGraph& operator=(PrivilegeGraph&&) noexcept;

  /// The level whose pattern matches `prompt` (and none of whose not_contains it has);
  /// nullptr when none does.
  const PrivilegeLevel* level_of(std::string_view prompt) const;
  /// The same, but when several levels match (IOS-XR's configuration and
  /// configuration_exclusive, Junos's configure/exclusive/private share one prompt), the
  /// first of `preferred` that matches wins: the level the driver moved to or is tracking.
  const PrivilegeLevel* level_of(std::string_view prompt,
                                 std::initializer_list<const PrivilegeLevel*> preferred) const;
  /// The shortest list of steps from one level to another (empty when equal). Throws
  /// PrivilegeError when either name is unknown or no path exists.
  std::vector<Step> path(std::string_view from, std::string_view to) const;

 private:
  bool matches(std::size_t index, std::string_view prompt) const;
  struct Compiled;
  const PlatformDefinition* platform_;
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace vty
