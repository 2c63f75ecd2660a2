// What a loaded platform definition answers about itself.
#include "vty/platform.hpp"

namespace vty {

const PrivilegeLevel* PlatformDefinition::find(std::string_view level) const {
  for (const auto& candidate : privileges) {
    if (candidate.name == level) return &candidate;
  }
  return nullptr;
}

std::string PlatformDefinition::prompt_pattern() const {
  std::string pattern;
  for (const auto& level : privileges) {
    if (!pattern.empty()) pattern += '|';
    pattern += "(?:" + level.pattern + ")";
  }
  return pattern;
}

}  // namespace vty
