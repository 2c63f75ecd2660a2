#include "selection.hpp"

#include <fnmatch.h>

#include <charconv>
#include <stdexcept>

namespace vty::cli {
namespace {

bool glob_matches(const std::string& glob, std::string_view text) {
  return fnmatch(glob.c_str(), std::string(text).c_str(), 0) == 0;
}

bool any_matches(const std::string& glob, const std::vector<std::string>* items) {
  if (!items) return false;
  for (const auto& item : *items)
    if (glob_matches(glob, item)) return true;
  return false;
}

int number(std::string_view text, std::string_view what) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size())
    throw std::invalid_argument(std::string(what) + ": \"" + std::string(text) +
                                "\" is not a number");
  return value;
}

}  // namespace

std::vector<std::string> names_of(std::string_view text) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;
    auto last = line.find_last_not_of(" \t\r");
    names.emplace_back(line.substr(first, last - first + 1));
  }
  return names;
}

LimitExpression::LimitExpression(std::string_view expression, const FileReader& read_file) {
  std::size_t start = 0;
  while (start <= expression.size()) {
    std::size_t comma = expression.find(',', start);
    if (comma == std::string_view::npos) comma = expression.size();
    std::string_view text = expression.substr(start, comma - start);
    start = comma + 1;
    auto* list = &any_of_;
    if (!text.empty() && (text.front() == '!' || text.front() == '&')) {
      list = text.front() == '!' ? &none_of_ : &all_of_;
      text.remove_prefix(1);
    }
    Term term;
    if (!text.empty() && text.front() == '@') {
      if (!read_file) throw std::invalid_argument("--limit: @FILE is not available here");
      if (text.size() == 1) throw std::invalid_argument("--limit: @ needs a file name");
      term.kind = Term::Kind::names;
      term.glob = std::string(text);
      for (auto& name : names_of(read_file(std::string(text.substr(1)))))
        term.names.insert(std::move(name));
      list->push_back(std::move(term));
      continue;
    }
    if (auto colon = text.find(':'); colon != std::string_view::npos) {
      auto prefix = text.substr(0, colon);
      if (prefix == "host")
        term.kind = Term::Kind::host;
      else if (prefix == "group")
        term.kind = Term::Kind::group;
      else if (prefix == "tag")
        term.kind = Term::Kind::tag;
      else
        throw std::invalid_argument("--limit: unknown prefix \"" + std::string(prefix) +
                                    ":\" (host:, group: or tag:)");
      text.remove_prefix(colon + 1);
    }
    if (text.empty())
      throw std::invalid_argument("--limit: empty term in \"" + std::string(expression) + "\"");
    term.glob = std::string(text);
    list->push_back(std::move(term));
  }
}

bool LimitExpression::term_matches(const Term& term, const HostLabels& host) {
  using Kind = Term::Kind;
  if (term.kind == Kind::names) return term.names.count(host.name) > 0;
  if ((term.kind == Kind::any || term.kind == Kind::host) && glob_matches(term.glob, host.name))
    return true;
  if ((term.kind == Kind::any || term.kind == Kind::group) && any_matches(term.glob, host.groups))
    return true;
  return (term.kind == Kind::any || term.kind == Kind::tag) && any_matches(term.glob, host.tags);
}

bool LimitExpression::matches(const HostLabels& host) const {
  bool any = any_of_.empty();
  for (const auto& term : any_of_) any = any || term_matches(term, host);
  if (!any) return false;
  for (const auto& term : all_of_)
    if (!term_matches(term, host)) return false;
  for (const auto& term : none_of_)
    if (term_matches(term, host)) return false;
  return true;
}

std::vector<std::string> LimitExpression::unmatched_terms(
    const std::vector<HostLabels>& hosts) const {
  std::vector<std::string> unmatched;
  for (const auto* terms : {&any_of_, &all_of_}) {
    for (const auto& term : *terms) {
      bool matched = false;
      for (const auto& host : hosts) matched = matched || term_matches(term, host);
      if (matched || (term.kind == Term::Kind::names && term.names.empty())) continue;
      static constexpr const char* prefixes[] = {"", "host:", "group:", "tag:", ""};
      unmatched.push_back((terms == &all_of_ ? "&" : "") +
                          std::string(prefixes[static_cast<int>(term.kind)]) + term.glob);
    }
  }
  return unmatched;
}

std::vector<std::string> LimitExpression::named_groups() const {
  std::vector<std::string> groups;
  for (const auto* terms : {&any_of_, &all_of_, &none_of_})
    for (const auto& term : *terms)
      if (term.kind == Term::Kind::group && term.glob.find_first_of("*?[") == std::string::npos)
        groups.push_back(term.glob);
  return groups;
}

bool LimitExpression::only_empty_files() const {
  if (any_of_.empty()) return false;
  for (const auto& term : any_of_)
    if (term.kind != Term::Kind::names || !term.names.empty()) return false;
  return true;
}

Shard parse_shard(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos)
    throw std::invalid_argument("--shard takes K/N, not \"" + std::string(text) + "\"");
  Shard shard{number(text.substr(0, slash), "--shard"), number(text.substr(slash + 1), "--shard")};
  if (shard.count < 1 || shard.index < 1 || shard.index > shard.count)
    throw std::invalid_argument("--shard K/N needs 1 <= K <= N, not \"" + std::string(text) + "\"");
  return shard;
}

Shard shard_from_index(std::string_view job_completion_index, int count) {
  if (count < 1) throw std::invalid_argument("--shards takes a positive number");
  int index = number(job_completion_index, "JOB_COMPLETION_INDEX");
  if (index < 0 || index >= count)
    throw std::invalid_argument("JOB_COMPLETION_INDEX=" + std::string(job_completion_index) +
                                " is outside 0.." + std::to_string(count - 1) + " (--shards " +
                                std::to_string(count) + ")");
  return {index + 1, count};
}

int shard_of(std::string_view host_name, int count) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : host_name) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return static_cast<int>(hash % static_cast<std::uint64_t>(count)) + 1;
}

}  // namespace vty::cli
