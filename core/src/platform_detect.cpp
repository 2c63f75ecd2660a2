// Sans-io autodetection: narrow the candidate platforms by prompt, then by the output of
// the [detect] commands, saying why at each step.
#include "vty/platform_detect.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "suggestions.hpp"
#include "vty/errors.hpp"
#include "vty/privilege_graph.hpp"
#include "vty/regex.hpp"

namespace vty {

struct PlatformDetector::State {
  std::vector<PlatformDefinition> all;
  std::vector<std::size_t> alive;  // indexes into `all`
  std::set<std::string> tried;     // commands already sent
  std::string reason;
  bool seen_prompt = false;

  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (auto i : alive) out.push_back(all[i].name);
    return out;
  }
};

PlatformDetector::PlatformDetector(std::vector<PlatformDefinition> candidates)
    : state_(std::make_unique<State>()) {
  state_->all = std::move(candidates);
  for (std::size_t i = 0; i < state_->all.size(); ++i) state_->alive.push_back(i);
}

PlatformDetector::~PlatformDetector() = default;
PlatformDetector::PlatformDetector(PlatformDetector&&) noexcept = default;
PlatformDetector& PlatformDetector::operator=(PlatformDetector&&) noexcept = default;

std::string PlatformDetector::prompt_pattern() const {
  std::string pattern;
  for (const auto& platform : state_->all) {
    pattern += (pattern.empty() ? "" : "|") + platform.prompt_pattern();
  }
  return pattern;
}

std::string PlatformDetector::pager_pattern() const {
  std::set<std::string> seen;
  std::string pattern;
  for (const auto& platform : state_->all) {
    if (platform.pager_pattern.empty() || !seen.insert(platform.pager_pattern).second) continue;
    pattern += (pattern.empty() ? "(?:" : "|(?:") + platform.pager_pattern + ")";
  }
  return pattern;
}

void PlatformDetector::see_prompt(std::string_view prompt) {
  auto& s = *state_;
  std::vector<std::size_t> kept;
  for (auto i : s.alive) {
    if (PrivilegeGraph{s.all[i]}.level_of(prompt)) kept.push_back(i);
  }
  s.alive = std::move(kept);
  s.seen_prompt = true;
  s.reason = "the prompt \"" + std::string{prompt} + "\" fits " +
             (s.alive.empty() ? std::string{"no platform"} : detail::join(s.names()));
}

std::string PlatformDetector::next_command() const {
  const auto& s = *state_;
  if (decided()) return {};
  // The command most of the remaining candidates name first: one `show version` sorts out
  // most of them.
  std::map<std::string, int> votes;
  for (auto i : s.alive) {
    const auto& command = s.all[i].detect_command;
    if (!command.empty() && !s.tried.count(command)) ++votes[command];
  }
  auto best = std::max_element(votes.begin(), votes.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  return best == votes.end() ? std::string{} : best->first;
}

void PlatformDetector::see_output(std::string_view command, std::string_view output) {
  auto& s = *state_;
  s.tried.insert(std::string{command});
  std::vector<std::size_t> matched, others;
  for (auto i : s.alive) {
    const auto& platform = s.all[i];
    if (platform.detect_command != command) {
      others.push_back(i);
    } else if (Regex{platform.detect_pattern}.search(output)) {
      matched.push_back(i);
    }
  }
  if (!matched.empty()) {
    s.alive = matched;
    s.reason += "; the output of `" + std::string{command} + "` fits " + detail::join(s.names());
    return;
  }
  s.alive = std::move(others);
  s.reason += "; the output of `" + std::string{command} + "` fits none of those asking it";
}

bool PlatformDetector::decided() const {
  return state_->seen_prompt && state_->alive.size() <= 1;
}

std::vector<std::string> PlatformDetector::candidates() const {
  return state_->names();
}

PlatformGuess PlatformDetector::result() const {
  const auto& s = *state_;
  if (s.alive.empty()) throw UnknownPlatform("no platform fits this device: " + s.reason);
  PlatformGuess guess{s.all[s.alive.front()].name, s.reason};
  if (s.alive.size() > 1) {
    guess.reason += "; nothing tells them apart, so the first, " + guess.platform + ", is taken";
  }
  return guess;
}

}  // namespace vty
