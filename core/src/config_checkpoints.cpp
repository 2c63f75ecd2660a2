#include "config_checkpoints.hpp"

#include <vector>

#include "vty/regex.hpp"

namespace vty::detail {

std::optional<std::string> nth_checkpoint(std::string_view listing, std::string_view pattern,
                                          std::string_view latest, int n) {
  Regex name(pattern);
  std::vector<std::string> names;
  std::size_t newest = 0;
  bool marked = false;
  std::size_t begin = 0;
  while (begin < listing.size()) {
    std::size_t end = listing.find('\n', begin);
    if (end == std::string_view::npos) end = listing.size();
    std::string_view line = listing.substr(begin, end - begin);
    if (auto found = name.find(line)) {
      names.emplace_back(line.substr(found->begin, found->end - found->begin));
      if (!latest.empty() && line.find(latest) != std::string_view::npos) {
        newest = names.size() - 1;
        marked = true;
      }
    }
    begin = end + 1;
  }
  if (!marked && !names.empty()) newest = names.size() - 1;
  if (n < 1 || static_cast<std::size_t>(n) > names.size()) return std::nullopt;
  std::size_t at = (newest + names.size() - (static_cast<std::size_t>(n) - 1)) % names.size();
  return names[at];
}

}  // namespace vty::detail
