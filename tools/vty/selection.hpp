// Which hosts a run takes: `--limit EXPR` and `--shard K/N`.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace vty::cli {

// What --limit matches against.
struct HostLabels {
  std::string_view name;
  const std::vector<std::string>* groups = nullptr;
  const std::vector<std::string>* tags = nullptr;
};

// `--limit EXPR`: comma-separated terms. A term is a glob (fnmatch: *, ?, [..]) matched
// against the host name, its groups and its tags; `host:`, `group:` or `tag:` before it
// matches only that. `!term` excludes, `&term` requires. A host is selected when it matches
// some plain term (or there is none), every `&` term and no `!` term. `@FILE` is a term
// that matches the host names FILE lists exactly, one a line (what --failed-hosts writes);
// `read_file` gives a file's text.
class LimitExpression {
 public:
  using FileReader = std::function<std::string(const std::string& file)>;
  // Throws std::invalid_argument for an empty term or an unknown prefix, or an @FILE
  // without a reader.
  explicit LimitExpression(std::string_view expression, const FileReader& read_file = {});
  bool matches(const HostLabels& host) const;
  // The plain and `&` terms (as written) that match none of `hosts`.
  std::vector<std::string> unmatched_terms(const std::vector<HostLabels>& hosts) const;
  // The group: terms without a wildcard: the groups the expression names exactly.
  std::vector<std::string> named_groups() const;
  // True when every plain term is an @FILE and those files list no host at all.
  bool only_empty_files() const;

 private:
  struct Term {
    enum class Kind { any, host, group, tag, names } kind = Kind::any;
    std::string glob;  // the term as written, for names
    std::set<std::string, std::less<>> names{};
  };
  static bool term_matches(const Term& term, const HostLabels& host);
  std::vector<Term> any_of_, all_of_, none_of_;
};

// The names of a host list (one a line; blank lines and # comments skipped).
std::vector<std::string> names_of(std::string_view text);

struct Shard {
  int index = 1;  // 1..count
  int count = 1;
};

// "K/N" with 1 <= K <= N; throws std::invalid_argument otherwise.
Shard parse_shard(std::string_view text);
// A Kubernetes Indexed Job's JOB_COMPLETION_INDEX (0-based) as shard index+1 of `count`.
Shard shard_from_index(std::string_view job_completion_index, int count);
// The shard (1..count) a host belongs to: a stable hash (FNV-1a, 64 bits) of its name, so
// every machine computes the same split.
int shard_of(std::string_view host_name, int count);

}  // namespace vty::cli
