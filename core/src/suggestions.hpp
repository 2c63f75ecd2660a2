// Words for error messages: the closest known name to a misspelt one, and lists.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace vty::detail {

inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// "; did you mean `escalate`?" for a near miss (dashes for underscores count as none).
template <typename Names>
std::string did_you_mean(std::string_view word, const Names& names) {
  std::string normalised{word};
  std::replace(normalised.begin(), normalised.end(), '-', '_');
  std::string_view best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 4) + 1;
  for (std::string_view name : names) {
    std::size_t distance = edit_distance(normalised, name);
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  return best.empty() ? std::string{} : "; did you mean `" + std::string{best} + "`?";
}

template <typename Names>
std::string join(const Names& names, std::string_view separator = ", ") {
  std::string text;
  for (const auto& name : names) {
    if (!text.empty()) text += separator;
    text += name;
  }
  return text;
}

}  // namespace vty::detail
