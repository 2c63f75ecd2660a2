// A compiled TextFSM template: Values, states and rules, ready for the engine.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "textfsm/pattern.hpp"

namespace vty::textfsm::detail {

enum class Option { filldown, key, required, list, fillup };

struct ValueDef {
  std::string name;
  std::vector<Option> options;  // in declaration order: python3-textfsm runs them in order
  std::string regex;            // as written, "(...)"
  // List values whose regex has more than one group are matched again on their own text;
  // with named groups each item is then a dict (python3-textfsm's behaviour).
  std::optional<Pattern> list_regex;
  bool dict_items = false;

  bool has(Option o) const {
    for (Option mine : options)
      if (mine == o) return true;
    return false;
  }
};

enum class LineOp { next, cont, error };
enum class RecordOp { none, record, clear, clearall };

struct Rule {
  Pattern regex;
  std::vector<std::pair<int, int>> assigns;  // (group number, value index), in group order
  LineOp line_op = LineOp::next;
  RecordOp record_op = RecordOp::none;
  std::string new_state;  // as written; for Error, the message (with its quotes)
  int target = -1;        // index of new_state in Program::states; -1: stay, or End/EOF
  bool stops = false;     // new_state is End or EOF: stop reading input
  std::size_t line = 0;
};

struct State {
  std::string name;
  std::vector<Rule> rules;
};

struct Program {
  std::string source;
  std::vector<ValueDef> values;
  std::vector<State> states;  // without End; Start is states[start]
  int start = 0;
  bool has_eof_state = false;  // an explicit (empty) EOF state suppresses the implicit record
  int max_groups = 0;
};

/// Compiles template text. Throws vty::TextFsmTemplateError.
Program compile_template(std::string_view text, std::string source);

}  // namespace vty::textfsm::detail
