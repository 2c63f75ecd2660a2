#include "vty-sim/command_table.hpp"

#include <optional>
#include <set>

namespace vty::sim {
namespace {

bool is_argument(const std::string& word) {
  return word.size() >= 2 && word.front() == '<' && word.back() == '>';
}

bool is_rest_argument(const std::string& word) {
  return is_argument(word) && word.size() > 5 && word.ends_with("...>");
}

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// A candidate spec still in the running, with the arguments collected so far.
struct Candidate {
  const CommandSpec* spec;
  std::vector<std::string> arguments;
  bool absorbed_rest = false;
};

}  // namespace

std::vector<Token> tokenize(std::string_view line) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank(line[i])) ++i;
    std::size_t start = i;
    while (i < line.size() && !is_blank(line[i])) ++i;
    if (i > start) tokens.push_back({std::string(line.substr(start, i - start)), start});
  }
  return tokens;
}

CommandSpec make_spec(std::string_view pattern, Action action, std::string target) {
  CommandSpec spec;
  for (auto& token : tokenize(pattern)) spec.words.push_back(std::move(token.text));
  spec.action = action;
  spec.target = std::move(target);
  return spec;
}

namespace {

// Keeps the candidates whose word at `position` accepts `word`. Returns false (and fills the
// result) when the word is ambiguous.
bool narrow(std::vector<Candidate>& candidates, std::size_t position, const Token& token,
            const std::vector<Token>& tokens, MatchResult& result) {
  std::vector<Candidate> exact, prefixed, arguments;
  std::set<std::string> prefixed_words;
  for (auto& candidate : candidates) {
    if (candidate.absorbed_rest) continue;
    const auto& words = candidate.spec->words;
    if (position >= words.size()) continue;
    const std::string& word = words[position];
    if (is_argument(word)) {
      Candidate next = candidate;
      if (is_rest_argument(word)) {
        std::string rest;
        for (std::size_t i = position; i < tokens.size(); ++i) {
          rest += (rest.empty() ? "" : " ") + tokens[i].text;
        }
        next.arguments.push_back(rest);
        next.absorbed_rest = true;
      } else {
        next.arguments.push_back(token.text);
      }
      arguments.push_back(std::move(next));
    } else if (word == token.text) {
      exact.push_back(candidate);
    } else if (word.starts_with(token.text)) {
      prefixed.push_back(candidate);
      prefixed_words.insert(word);
    }
  }
  if (!exact.empty()) {
    // An exact keyword settles any ambiguity, but longer keywords stay possible ("sh" as an
    // alias of "show version" must not hide "show ip ...").
    exact.insert(exact.end(), prefixed.begin(), prefixed.end());
    candidates = std::move(exact);
  } else if (prefixed_words.size() > 1) {
    result.kind = MatchResult::Kind::kAmbiguous;
    result.ambiguous_word = token.text;
    return false;
  } else if (!prefixed.empty()) {
    candidates = std::move(prefixed);
  } else {
    candidates = std::move(arguments);
  }
  return true;
}

}  // namespace

MatchResult match_command(const std::vector<CommandSpec>& specs, const std::vector<Token>& tokens) {
  MatchResult result;
  if (tokens.empty()) return result;
  std::vector<Candidate> candidates;
  for (const auto& spec : specs) candidates.push_back({&spec, {}, false});
  // A spec whose last argument took the rest of the line: complete, unless a longer spec
  // matches the whole line.
  std::optional<Candidate> absorbed;

  for (std::size_t position = 0; position < tokens.size(); ++position) {
    for (auto& candidate : candidates) {
      if (candidate.absorbed_rest && !absorbed) absorbed = candidate;
    }
    std::erase_if(candidates, [](const Candidate& c) { return c.absorbed_rest; });
    if (candidates.empty()) break;
    if (!narrow(candidates, position, tokens[position], tokens, result)) return result;
    if (candidates.empty() && !absorbed) {
      result.kind = MatchResult::Kind::kInvalid;
      result.bad_column = tokens[position].column;
      return result;
    }
  }
  for (auto& candidate : candidates) {
    if (candidate.absorbed_rest || candidate.spec->words.size() == tokens.size()) {
      absorbed = std::move(candidate);
      break;
    }
  }
  if (!absorbed) {
    result.kind = MatchResult::Kind::kIncomplete;
    return result;
  }
  result.kind = MatchResult::Kind::kMatched;
  result.spec = absorbed->spec;
  result.arguments = std::move(absorbed->arguments);
  return result;
}

}  // namespace vty::sim
