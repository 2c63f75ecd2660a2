// The state machine: python3-textfsm's ParseText/ParseTextToDicts, value options run in
// their declared order exactly as its TextFSMOptions hooks do.
#include <array>
#include <optional>

#include "textfsm/program.hpp"
#include "vty/textfsm.hpp"

namespace vty::textfsm::detail {
namespace {

// The bytes that may start a line break, for a fast scan over the rest.
constexpr auto break_starts = [] {
  std::array<bool, 256> table{};
  for (unsigned char c : {'\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\xc2', '\xe2'})
    table[c] = true;
  return table;
}();

// The width of the line break at text[i] (0 when there is none).
std::size_t break_width(std::string_view text, std::size_t i) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  std::size_t n = text.size();
  switch (at(i)) {
    case '\r':
      return i + 1 < n && text[i + 1] == '\n' ? 2 : 1;
    case 0xc2:  // U+0085
      return i + 1 < n && at(i + 1) == 0x85 ? 2 : 0;
    case 0xe2:  // U+2028, U+2029
      return i + 2 < n && at(i + 1) == 0x80 && (at(i + 2) == 0xa8 || at(i + 2) == 0xa9) ? 3 : 0;
    default:
      return 1;
  }
}

// Python's str.splitlines(): \n, \r\n, \r, \v, \f, \x1c-\x1e, U+0085, U+2028, U+2029.
template <typename F>
void for_each_line(std::string_view text, F&& on_line) {
  std::size_t begin = 0, i = 0, n = text.size();
  while (i < n) {
    if (!break_starts[static_cast<unsigned char>(text[i])]) {
      ++i;
      continue;
    }
    std::size_t width = break_width(text, i);
    if (width == 0) {
      ++i;
      continue;
    }
    if (!on_line(text.substr(begin, i - begin))) return;
    i += width;
    begin = i;
  }
  if (begin < n) on_line(text.substr(begin));
}

// A Value while parsing: python3-textfsm's TextFSMValue.value (None, text or, once saved, a
// List) and its options' memories.
struct Slot {
  std::optional<std::string> value;
  bool saved_list = false;  // value.value is the List (after OnSaveRecord), not text
  std::optional<std::string> filldown;
  std::vector<std::string> items;
  std::vector<Dict> dict_items;

  bool truthy() const {
    if (saved_list) return !items.empty() || !dict_items.empty();
    return value && !value->empty();
  }
};

bool truthy(const Field& f) {
  if (auto* s = std::get_if<std::string>(&f)) return !s->empty();
  if (auto* l = std::get_if<std::vector<std::string>>(&f)) return !l->empty();
  return !std::get<std::vector<Dict>>(f).empty();
}

struct SkipRecord {};

class Run {
 public:
  explicit Run(const Program& p)
      : p_(p), slots_(p.values.size()), data_(p.max_groups), list_data_(p.max_groups) {
    clear_all();
  }

  std::vector<Row> parse(std::string_view text) {
    const State* state = &p_.states[p_.start];
    bool stopped = false, at_end = false;
    for_each_line(text, [&](std::string_view line) {
      for (const Rule& rule : state->rules) {
        if (!rule.regex.match(line, data_)) continue;
        for (auto [group, value] : rule.assigns) assign(value, data_.group(line, group));
        if (!operate(rule, line)) continue;
        if (rule.stops) {
          stopped = true;
          at_end = rule.new_state == "End";
        } else if (rule.target >= 0) {
          state = &p_.states[rule.target];
        }
        break;
      }
      return !stopped;
    });
    if (!at_end && !p_.has_eof_state) append_record();
    return std::move(rows_);
  }

 private:
  void assign(int v, std::optional<std::string_view> text) {
    Slot& s = slots_[v];
    const ValueDef& def = p_.values[v];
    s.saved_list = false;
    s.value = text ? std::optional<std::string>(*text) : std::nullopt;
    for (Option o : def.options) {
      if (o == Option::filldown) s.filldown = s.value;
      if (o == Option::fillup && s.truthy()) fill_up(v, *s.value);
      if (o == Option::list) append_item(def, s);
    }
  }

  void append_item(const ValueDef& def, Slot& s) {
    if (!def.dict_items) {
      s.items.push_back(s.value.value_or(""));
      return;
    }
    // Matched again on its own: each nested named group becomes a key (unset groups: "").
    std::string_view text = s.value ? std::string_view(*s.value) : std::string_view();
    bool matched = s.value && def.list_regex->match(text, list_data_);
    Dict item;
    for (const auto& [name, group] : def.list_regex->syntax().names)
      item.emplace_back(name,
                        matched ? std::string(list_data_.group(text, group).value_or("")) : "");
    s.dict_items.push_back(std::move(item));
  }

  void fill_up(int v, const std::string& text) {
    for (auto row = rows_.rbegin(); row != rows_.rend(); ++row) {
      Field& cell = row->fields[v].second;
      if (truthy(cell)) break;
      cell = text;
    }
  }

  // Record operators, then the line operator; false for Continue.
  bool operate(const Rule& rule, std::string_view line) {
    if (rule.record_op == RecordOp::record) append_record();
    if (rule.record_op == RecordOp::clear) clear();
    if (rule.record_op == RecordOp::clearall) clear_all();
    if (rule.line_op == LineOp::error) {
      std::string where =
          "Rule Line: " + std::to_string(rule.line) + ". Input Line: " + std::string(line);
      if (!rule.new_state.empty())
        throw TextFsmStateError("Error: " + rule.new_state + ". " + where + ".");
      throw TextFsmStateError("State Error raised. " + where);
    }
    return rule.line_op != LineOp::cont;
  }

  void clear() {
    for (std::size_t v = 0; v < slots_.size(); ++v) {
      Slot& s = slots_[v];
      s.value.reset();
      s.saved_list = false;
      for (Option o : p_.values[v].options) {
        if (o == Option::filldown) s.value = s.filldown;
        if (o == Option::list && !p_.values[v].has(Option::filldown)) {
          s.items.clear();
          s.dict_items.clear();
        }
      }
    }
  }

  void clear_all() {
    for (Slot& s : slots_) s = Slot{};
  }

  Field field(std::size_t v) const {
    const Slot& s = slots_[v];
    if (s.saved_list && p_.values[v].dict_items) return s.dict_items;
    if (s.saved_list) return s.items;
    return s.value.value_or("");
  }

  void save(std::size_t v) {
    Slot& s = slots_[v];
    for (Option o : p_.values[v].options) {
      if (o == Option::required && !s.truthy()) throw SkipRecord{};
      if (o == Option::list) s.saved_list = true;
    }
  }

  void append_record() {
    if (p_.values.empty()) return;
    Row record;
    record.fields.reserve(slots_.size());
    bool all_empty = true;
    for (std::size_t v = 0; v < slots_.size(); ++v) {
      try {
        save(v);
      } catch (const SkipRecord&) {
        clear();
        return;
      }
      const Slot& s = slots_[v];
      if (s.saved_list ? s.truthy() : s.value.has_value()) all_empty = false;
      record.fields.emplace_back(p_.values[v].name, field(v));
    }
    if (all_empty) return;
    rows_.push_back(std::move(record));
    clear();
  }

  const Program& p_;
  std::vector<Slot> slots_;
  std::vector<Row> rows_;
  MatchData data_;
  MatchData list_data_;  // a List value's own match, while data_ still holds the rule's
};

}  // namespace

std::vector<Row> run_program(const Program& program, std::string_view text) {
  try {
    return Run(program).parse(text);
  } catch (const RegexError& e) {
    // Only PCRE2's resource limits get here: a pattern that backtracks without end.
    throw TextFsmError(program.source + ": " + e.what());
  }
}

}  // namespace vty::textfsm::detail
