/// @file
/// A compiled PCRE2 pattern (JIT where available) that keeps PCRE2's types out of sight.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace vty {

class Regex {
 public:
  struct Match {
    std::size_t begin;
    std::size_t end;
  };

  /// Compiles with PCRE2_MULTILINE (^ and $ at line ends). Throws PlatformDefinitionError
  /// with the pattern, the offset and PCRE2's reason when the pattern does not compile.
  explicit Regex(std::string_view pattern, bool caseless = false);
  ~Regex();
  Regex(Regex&&) noexcept;
  Regex& operator=(Regex&&) noexcept;

  /// The first match in `subject` at or after `start`. Thread-safe: the compiled pattern is
  /// immutable and the match state is the calling thread's, so one Regex (a plugin's static
  /// pattern) may be matched from many threads at once.
  std::optional<Match> find(std::string_view subject, std::size_t start = 0) const;
  bool search(std::string_view subject) const { return find(subject).has_value(); }

  /// What find_partial() saw: a match, a match cut short by the end of the subject (more
  /// text could still complete it; `span.begin` is where it starts), or neither.
  enum class Found { nothing, partial, match };
  struct Search {
    Found found;
    Match span;
  };
  /// Like find(), but also reports partial matches, so that a caller fed text piecemeal can
  /// resume from `span.begin` instead of rescanning (PCRE2_PARTIAL_SOFT).
  Search find_partial(std::string_view subject, std::size_t start = 0) const;

  const std::string& pattern() const noexcept { return pattern_; }

 private:
  struct Impl;
  std::string pattern_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vty
