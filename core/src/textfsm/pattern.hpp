// PCRE2 for TextFSM: Python `re` patterns translated, compiled anchored (re.match), and
// matched with per-parse match data so that one compiled template serves many threads.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vty::textfsm::detail {

/// A pattern Python's re refuses (or vty does not support): the reason, as a sentence.
struct RegexError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

/// A Python `re` pattern rewritten for PCRE2, with its named groups by number.
struct TranslatedRegex {
  std::string pcre2;
  std::vector<std::pair<std::string, int>> names;  // in the order they open
  int groups = 0;                                  // capture groups
};

/// Rewrites Python syntax PCRE2 reads differently ((?P=name), \Z, \uXXXX, {,n}, '[' in a
/// class) and refuses what Python refuses. Throws RegexError.
TranslatedRegex translate_python_regex(std::string_view pattern);

class MatchData;

/// A compiled, anchored pattern (UTF-8, Unicode properties, JIT). Immutable once built.
class Pattern {
 public:
  /// `python_pattern` in Python re syntax. Throws RegexError.
  explicit Pattern(std::string_view python_pattern);
  ~Pattern();
  Pattern(Pattern&&) noexcept;
  Pattern& operator=(Pattern&&) noexcept;

  const TranslatedRegex& syntax() const noexcept { return syntax_; }
  /// True when `subject` matches from its start; spans then come from `data`.
  bool match(std::string_view subject, MatchData& data) const;

 private:
  friend class MatchData;
  TranslatedRegex syntax_;
  struct Code;
  std::unique_ptr<Code> code_;
};

/// Match results for one thread: sized for the largest pattern it will be used with.
class MatchData {
 public:
  explicit MatchData(int max_groups);
  ~MatchData();
  MatchData(const MatchData&) = delete;
  MatchData& operator=(const MatchData&) = delete;

  /// Group `n` of the last match of `subject`; nullopt when it did not take part.
  std::optional<std::string_view> group(std::string_view subject, int n) const;

 private:
  friend class Pattern;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vty::textfsm::detail
