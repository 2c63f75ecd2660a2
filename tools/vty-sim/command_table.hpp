// IOS-style command matching for vty-sim: every word may be abbreviated to a unique prefix,
// and a failed match says which word was wrong (for the caret line) or that words are missing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vty::sim {

// A word of the line as typed, with its column in the line (for the '^' marker).
struct Token {
  std::string text;
  std::size_t column = 0;
};

std::vector<Token> tokenize(std::string_view line);

// What a matched command does. `target` names a mode, sub-mode or model command.
enum class Action {
  kModel,       // a device model command (target = its index as text)
  kShowBig,     // print N megabytes of numbered lines
  kEscalate,    // enter mode `target`
  kDeescalate,  // return to mode `target`
  kLogout,      // end the session
  kEnd,         // config: back to mode `target` from any sub-mode
  kExitMode,    // config: leave the sub-mode, or the config mode for `target`
  kSubmode,     // config: enter sub-mode `target` (its prompt tag, e.g. "config-if")
};

// A command's words: literals ("show"), one-word arguments ("<n>"), or a final argument that
// takes the rest of the line ("<name...>").
struct CommandSpec {
  std::vector<std::string> words;
  Action action = Action::kModel;
  std::string target;
};

CommandSpec make_spec(std::string_view pattern, Action action, std::string target = {});

struct MatchResult {
  enum class Kind { kMatched, kInvalid, kIncomplete, kAmbiguous, kEmpty };
  Kind kind = Kind::kEmpty;
  const CommandSpec* spec = nullptr;
  std::vector<std::string> arguments;  // the words typed for the spec's arguments
  std::size_t bad_column = 0;          // kInvalid: column of the first word that fits nothing
  std::string ambiguous_word;          // kAmbiguous: the word that fits several keywords
};

// Matches typed words against `specs`; an exact keyword beats a prefix, a keyword beats an
// argument, and the first spec wins when several match completely.
MatchResult match_command(const std::vector<CommandSpec>& specs, const std::vector<Token>& tokens);

}  // namespace vty::sim
