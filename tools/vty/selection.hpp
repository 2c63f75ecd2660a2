// Which hosts a run takes: `--limit EXPR` and `--shard K/N`.
#pragma once

#include <cstdint>
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
// some plain term (or there is none), every `&` term and no `!` term.
class LimitExpression {
 public:
  // Throws std::invalid_argument for an empty term or an unknown prefix.
  explicit LimitExpression(std::string_view expression);
  bool matches(const HostLabels& host) const;

 private:
  struct Term {
    enum class Kind { any, host, group, tag } kind = Kind::any;
    std::string glob;
  };
  static bool term_matches(const Term& term, const HostLabels& host);
  std::vector<Term> any_of_, all_of_, none_of_;
};

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
