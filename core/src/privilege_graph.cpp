// Prompt-to-level lookup and shortest paths in the tree formed by `previous` links.
#include "vty/privilege_graph.hpp"

#include <algorithm>

#include "vty/errors.hpp"
#include "vty/regex.hpp"

namespace vty {

struct PrivilegeGraph::Compiled {
  std::vector<Regex> patterns;  // one per level, in the platform's order
};

PrivilegeGraph::PrivilegeGraph(const PlatformDefinition& platform)
    : platform_(&platform), compiled_(std::make_unique<Compiled>()) {
  compiled_->patterns.reserve(platform.privileges.size());
  for (const auto& level : platform.privileges) compiled_->patterns.emplace_back(level.pattern);
}

PrivilegeGraph::~PrivilegeGraph() = default;
PrivilegeGraph::PrivilegeGraph(PrivilegeGraph&&) noexcept = default;
PrivilegeGraph& PrivilegeGraph::operator=(PrivilegeGraph&&) noexcept = default;

bool PrivilegeGraph::matches(std::size_t index, std::string_view prompt) const {
  const auto& excluded = platform_->privileges[index].not_contains;
  bool has_excluded = std::any_of(excluded.begin(), excluded.end(), [&](const std::string& s) {
    return prompt.find(s) != std::string_view::npos;
  });
  return !has_excluded && compiled_->patterns[index].search(prompt);
}

const PrivilegeLevel* PrivilegeGraph::level_of(std::string_view prompt) const {
  return level_of(prompt, {});
}

const PrivilegeLevel* PrivilegeGraph::level_of(
    std::string_view prompt, std::initializer_list<const PrivilegeLevel*> preferred) const {
  const auto& levels = platform_->privileges;
  for (const PrivilegeLevel* level : preferred) {
    if (!level || level < levels.data() || level >= levels.data() + levels.size()) continue;
    if (matches(static_cast<std::size_t>(level - levels.data()), prompt)) return level;
  }
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (matches(i, prompt)) return &levels[i];
  }
  return nullptr;
}

namespace {

std::string level_list(const PlatformDefinition& platform) {
  std::string names;
  for (const auto& level : platform.privileges) {
    if (!names.empty()) names += ", ";
    names += level.name;
  }
  return names;
}

const PrivilegeLevel& known_level(const PlatformDefinition& platform, std::string_view name) {
  if (const PrivilegeLevel* level = platform.find(name)) return *level;
  throw PrivilegeError("platform " + platform.name + " has no privilege level \"" +
                       std::string{name} + "\" (levels: " + level_list(platform) + ")");
}

// The level itself, then its `previous`, up to its root. Stops on a loop, which a loaded
// definition cannot have but a hand-built one might.
std::vector<const PrivilegeLevel*> chain_to_root(const PlatformDefinition& platform,
                                                 const PrivilegeLevel& level) {
  std::vector<const PrivilegeLevel*> chain{&level};
  while (chain.size() <= platform.privileges.size()) {
    const PrivilegeLevel* previous = platform.find(chain.back()->previous);
    if (!previous) break;
    chain.push_back(previous);
  }
  return chain;
}

}  // namespace

std::vector<PrivilegeGraph::Step> PrivilegeGraph::path(std::string_view from,
                                                       std::string_view to) const {
  const PrivilegeLevel& start = known_level(*platform_, from);
  const PrivilegeLevel& goal = known_level(*platform_, to);
  const auto up = chain_to_root(*platform_, start);
  const auto down = chain_to_root(*platform_, goal);

  // The nearest level both chains pass through: climb to it, then descend to the goal.
  for (std::size_t climb = 0; climb < up.size(); ++climb) {
    auto meet = std::find(down.begin(), down.end(), up[climb]);
    if (meet == down.end()) continue;
    std::vector<Step> steps;
    for (std::size_t i = 0; i < climb; ++i) {
      steps.push_back({up[i], up[i + 1], up[i]->deescalate, false});
    }
    for (auto it = meet; it != down.begin(); --it) {
      const PrivilegeLevel* next = *(it - 1);
      steps.push_back({*it, next, next->escalate, true});
    }
    return steps;
  }
  throw PrivilegeError("platform " + platform_->name + " has no way from \"" + start.name +
                       "\" to \"" + goal.name + "\": they descend from different root levels");
}

}  // namespace vty
