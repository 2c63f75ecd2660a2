// Template text -> Program, with python3-textfsm 1.1.0's checks in its order (parser.py:
// _ParseFSMVariables, _ParseFSMState, TextFSMRule, _ValidateFSM), each refused with its line.
#include <algorithm>
#include <array>
#include <map>

#include "textfsm/program.hpp"
#include "vty/textfsm.hpp"

namespace vty::textfsm::detail {
namespace {

constexpr std::size_t max_name_length = 48;
constexpr std::array<std::string_view, 3> line_ops{"Continue", "Next", "Error"};
constexpr std::array<std::string_view, 4> record_ops{"Clear", "Clearall", "Record", "NoRecord"};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
         (c >= '\x1c' && c <= '\x1f');
}

std::string_view rstrip(std::string_view s) {
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view strip(std::string_view s) {
  s = rstrip(s);
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  return s;
}

bool is_comment(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && is_space(line[i])) ++i;
  return i < line.size() && line[i] == '#';
}

bool is_word_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || std::isalnum(u) || c == '_';
}

bool is_word(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_word_char);
}

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& names) {
  return std::find(names.begin(), names.end(), s) != names.end();
}

// The template's lines as Python's text-mode file iteration gives them (\n, \r\n, \r).
std::vector<std::string_view> split_template(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back(text.substr(begin, i - begin));
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    begin = i + 1;
  }
  if (begin < text.size()) lines.push_back(text.substr(begin));
  return lines;
}

class Compiler {
 public:
  Compiler(std::string_view text, std::string source) : lines_(split_template(text)) {
    program_.source = std::move(source);
  }

  Program run() {
    read_values();
    while (read_state()) {
    }
    validate();
    return std::move(program_);
  }

 private:
  [[noreturn]] void fail(std::size_t line, const std::string& reason) const {
    throw TextFsmTemplateError(program_.source, line, reason);
  }

  // The next line, right-stripped, or nullopt at the end; counts lines as Python does.
  std::optional<std::string_view> next_line() {
    if (next_ >= lines_.size()) return std::nullopt;
    ++line_num_;
    return rstrip(lines_[next_++]);
  }

  void read_values() {
    while (auto line = next_line()) {
      if (line->empty()) return;
      if (is_comment(*line)) continue;
      if (line->starts_with("Value ")) {
        add_value(*line);
      } else if (program_.values.empty()) {
        fail(line_num_, "No Value definitions found.");
      } else {
        fail(line_num_, "Expected blank line after last Value entry.");
      }
    }
  }

  void add_option(ValueDef& value, std::string_view name) {
    static const std::map<std::string_view, Option> known{{"Filldown", Option::filldown},
                                                          {"Key", Option::key},
                                                          {"Required", Option::required},
                                                          {"List", Option::list},
                                                          {"Fillup", Option::fillup}};
    auto found = known.find(name);
    if (found != known.end() && value.has(found->second))
      fail(line_num_, "Duplicate option \"" + std::string(name) + "\"");
    if (found == known.end()) fail(line_num_, "Unknown option \"" + std::string(name) + "\"");
    value.options.push_back(found->second);
  }

  // "Value [Option,...] name (regex)", split on single spaces as python3-textfsm does.
  void add_value(std::string_view line) {
    std::vector<std::string_view> tokens;
    for (std::size_t begin = 0;;) {
      std::size_t space = line.find(' ', begin);
      tokens.push_back(line.substr(begin, space - begin));
      if (space == std::string_view::npos) break;
      begin = space + 1;
    }
    if (tokens.size() < 3) fail(line_num_, "Expect at least 3 tokens on line.");
    ValueDef value;
    std::size_t name_at = 1;
    if (!tokens[2].starts_with('(')) {
      std::string_view options = tokens[1];
      for (std::size_t begin = 0;;) {
        std::size_t comma = options.find(',', begin);
        add_option(value, options.substr(begin, comma - begin));
        if (comma == std::string_view::npos) break;
        begin = comma + 1;
      }
      name_at = 2;
    }
    value.name = tokens[name_at];
    std::size_t regex_at = tokens[name_at].data() + tokens[name_at].size() - line.data() + 1;
    value.regex = regex_at <= line.size() ? std::string(line.substr(regex_at)) : std::string();
    if (value.name.size() > max_name_length)
      fail(line_num_, "Invalid Value name '" + value.name + "' or name too long.");
    const auto& re = value.regex;
    bool wrapped = re.size() >= 2 && re.front() == '(' && re.back() == ')' &&
                   re.find('\n') == std::string::npos;
    if (!wrapped || std::count(re.begin(), re.end(), '(') != std::count(re.begin(), re.end(), ')'))
      fail(line_num_, "Value '" + re + "' must be contained within a '()' pair.");
    if (value.has(Option::list)) compile_list_regex(value);
    for (const auto& other : program_.values)
      if (other.name == value.name)
        fail(line_num_, "Duplicate declarations for Value '" + value.name + "'.");
    program_.values.push_back(std::move(value));
  }

  void compile_list_regex(ValueDef& value) {
    try {
      Pattern pattern(value.regex);
      if (pattern.syntax().groups > 1) {
        value.dict_items = !pattern.syntax().names.empty();
        program_.max_groups = std::max(program_.max_groups, pattern.syntax().groups);
        value.list_regex = std::move(pattern);
      }
    } catch (const RegexError& e) {
      fail(line_num_, e.what());
    }
  }

  bool read_state() {
    std::string name;
    while (auto line = next_line()) {
      if (line->empty() || is_comment(*line)) continue;
      if (!is_word(*line) || line->size() > max_name_length || one_of(*line, line_ops) ||
          one_of(*line, record_ops))
        fail(line_num_, "Invalid state name: '" + std::string(*line) + "'.");
      name = *line;
      for (const auto& state : program_.states)
        if (state.name == name) fail(line_num_, "Duplicate state name: '" + name + "'.");
      break;
    }
    if (name.empty()) return false;
    State state{name, {}};
    while (auto line = next_line()) {
      if (line->empty()) break;
      if (is_comment(*line)) continue;
      if (!line->starts_with(" ^") && !line->starts_with("  ^") && !line->starts_with("\t^"))
        fail(line_num_, "Missing white space or carat ('^') before rule.");
      state.rules.push_back(compile_rule(strip(*line)));
    }
    program_.states.push_back(std::move(state));
    return true;
  }

  Rule compile_rule(std::string_view line);
  std::string substitute(std::string_view match) const;
  void parse_action(Rule& rule, std::string_view action, std::string_view line) const;
  void validate();

  std::vector<std::string_view> lines_;
  std::size_t next_ = 0;
  std::size_t line_num_ = 0;
  Program program_;
};

// string.Template.substitute with the Values' "(?P<name>...)" patterns: $$, $name, ${name}.
std::string Compiler::substitute(std::string_view match) const {
  if (program_.values.empty()) return std::string(match);  // python3-textfsm skips it then
  auto invalid = [&] {
    fail(line_num_, "Duplicate or invalid variable substitution: '" + std::string(match) + "'.");
  };
  auto id_char = [](char c, bool first) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (!first && c >= '0' && c <= '9');
  };
  std::string out;
  for (std::size_t i = 0; i < match.size(); ++i) {
    if (match[i] != '$') {
      out += match[i];
      continue;
    }
    std::size_t j = i + 1;
    if (j < match.size() && match[j] == '$') {
      out += '$';
      i = j;
      continue;
    }
    bool braced = j < match.size() && match[j] == '{';
    std::size_t k = braced ? j + 1 : j;
    std::size_t id_begin = k;
    if (k < match.size() && id_char(match[k], true))
      while (k < match.size() && id_char(match[k], k == id_begin)) ++k;
    if (k == id_begin || (braced && (k >= match.size() || match[k] != '}'))) invalid();
    std::string_view id = match.substr(id_begin, k - id_begin);
    auto value = std::find_if(program_.values.begin(), program_.values.end(),
                              [&](const ValueDef& v) { return v.name == id; });
    if (value == program_.values.end()) invalid();
    out += "(?P<" + value->name + ">" + value->regex.substr(1);
    i = braced ? k : k - 1;
  }
  return out;
}

Rule Compiler::compile_rule(std::string_view line) {
  // MATCH_ACTION "(?P<match>.*)(\s->(?P<action>.*))": the last "->" after a space.
  std::string_view match = line;
  std::optional<std::string_view> action;
  for (std::size_t k = line.size(); k-- > 1;) {
    if (line.compare(k, 2, "->") == 0 && is_space(line[k - 1])) {
      match = line.substr(0, k - 1);
      action = line.substr(k + 2);
      break;
    }
  }
  std::string regex = substitute(match);
  std::optional<Pattern> pattern;
  try {
    pattern.emplace(regex);
  } catch (const RegexError& e) {
    fail(line_num_, "Invalid regular expression: '" + regex + "'. " + e.what());
  }
  Rule rule{std::move(*pattern), {}, LineOp::next, RecordOp::none, {}, -1, false, line_num_};
  for (const auto& [name, group] : rule.regex.syntax().names) {
    for (std::size_t v = 0; v < program_.values.size(); ++v)
      if (program_.values[v].name == name) rule.assigns.emplace_back(group, static_cast<int>(v));
  }
  program_.max_groups = std::max(program_.max_groups, rule.regex.syntax().groups);
  if (action) parse_action(rule, *action, line);
  return rule;
}

void Compiler::parse_action(Rule& rule, std::string_view action, std::string_view line) const {
  static const std::string ops = "(?P<ln_op>Continue|Next|Error)";
  static const std::string recs = "(?P<rec_op>Clear|Clearall|Record|NoRecord)";
  static const std::string state = R"((?P<new_state>\w+|\".*\"))";
  static const std::array<Pattern, 3> forms{
      Pattern(R"(\s+)" + ops + R"((\.)" + recs + R"()?(\s+)" + state + ")?$"),
      Pattern(R"(\s+)" + recs + R"((\s+)" + state + ")?$"), Pattern(R"((\s+)" + state + ")?$")};
  MatchData data(8);
  const Pattern* form = nullptr;
  for (const auto& f : forms) {
    if (f.match(action, data)) {
      form = &f;
      break;
    }
  }
  if (!form) fail(line_num_, "Badly formatted rule '" + std::string(line) + "'.");
  auto group = [&](std::string_view name) -> std::string_view {
    for (const auto& [n, number] : form->syntax().names)
      if (n == name) return data.group(action, number).value_or("");
    return {};
  };
  std::string_view ln = group("ln_op"), rec = group("rec_op");
  rule.line_op = ln == "Continue" ? LineOp::cont : ln == "Error" ? LineOp::error : LineOp::next;
  rule.record_op = rec == "Record"     ? RecordOp::record
                   : rec == "Clear"    ? RecordOp::clear
                   : rec == "Clearall" ? RecordOp::clearall
                                       : RecordOp::none;
  rule.new_state = group("new_state");
  if (rule.line_op == LineOp::cont && !rule.new_state.empty())
    fail(line_num_,
         "Action '" + std::string(ln) + "' with new state " + rule.new_state + " specified.");
  if (rule.line_op != LineOp::error && !rule.new_state.empty() && !is_word_char(rule.new_state[0]))
    fail(line_num_, "Alphanumeric characters only in state names.");
}

void Compiler::validate() {
  auto& states = program_.states;
  auto find = [&](std::string_view name) -> int {
    for (std::size_t i = 0; i < states.size(); ++i)
      if (states[i].name == name) return static_cast<int>(i);
    return -1;
  };
  program_.start = find("Start");
  if (program_.start < 0) fail(0, "Missing state 'Start'.");
  int end = find("End"), eof = find("EOF");
  if (end >= 0 && !states[end].rules.empty()) fail(0, "Non-Empty 'End' state.");
  if (eof >= 0 && !states[eof].rules.empty()) fail(0, "Non-Empty 'EOF' state.");
  program_.has_eof_state = eof >= 0;
  if (end >= 0) states.erase(states.begin() + end);
  program_.start = find("Start");
  for (auto& state : states) {
    for (auto& rule : state.rules) {
      if (rule.line_op == LineOp::error || rule.new_state.empty()) continue;
      if (rule.new_state == "End" || rule.new_state == "EOF") {
        rule.stops = true;
        continue;
      }
      rule.target = find(rule.new_state);
      if (rule.target < 0)
        fail(rule.line,
             "State '" + rule.new_state + "' not found, referenced in state '" + state.name + "'");
    }
  }
}

}  // namespace

Program compile_template(std::string_view text, std::string source) {
  return Compiler(text, std::move(source)).run();
}

}  // namespace vty::textfsm::detail
