// Python `re` syntax -> PCRE2 syntax. Both are Perl dialects; this handles where they part:
// named groups (renumbered, so PCRE2's 32-character name limit never applies), escapes
// Python lacks or spells differently, global flags, and '[' inside a class.
#include <cctype>
#include <string>

#include "textfsm/pattern.hpp"

namespace vty::textfsm::detail {
namespace {

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

// Python's str.isidentifier(), with any non-ASCII byte taken as a letter.
bool is_identifier(std::string_view name) {
  if (name.empty() || is_digit(name[0])) return false;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !is_ascii_alpha(c) && !is_digit(c) && c != '_') return false;
  }
  return true;
}

class Translator {
 public:
  explicit Translator(std::string_view in) : in_(in) {}

  TranslatedRegex run() {
    while (i_ < in_.size()) {
      char c = in_[i_];
      if (c == '\\') {
        escape(false);
      } else if (c == '[') {
        char_class();
      } else if (c == '(') {
        group();
      } else if (c == '{') {
        brace();
      } else {
        out_.pcre2 += c;
        ++i_;
      }
      if (c != '(' || !at_flags_) flags_allowed_ = false;
      at_flags_ = false;
    }
    return std::move(out_);
  }

 private:
  [[noreturn]] void fail(const std::string& reason) const {
    throw RegexError(reason + " at position " + std::to_string(i_));
  }

  bool starts(std::string_view s) const { return in_.substr(i_, s.size()) == s; }

  // A backslash sequence at i_; `in_class` for the escapes valid between brackets.
  void escape(bool in_class) {
    if (i_ + 1 >= in_.size()) fail("bad escape (end of pattern)");
    char c = in_[i_ + 1];
    auto& out = out_.pcre2;
    if (c == 'u' || c == 'U') {
      std::size_t n = c == 'u' ? 4 : 8;
      std::string_view hex = in_.substr(i_ + 2, n);
      for (char h : hex)
        if (!is_hex(h)) fail(std::string("incomplete escape \\") + c);
      if (hex.size() != n) fail(std::string("incomplete escape \\") + c);
      out += "\\x{" + std::string(hex) + "}";
      i_ += 2 + n;
      return;
    }
    if (c == 'x') {
      if (i_ + 3 >= in_.size() || !is_hex(in_[i_ + 2]) || !is_hex(in_[i_ + 3]))
        fail("incomplete escape \\x");
      out += in_.substr(i_, 4);
      i_ += 4;
      return;
    }
    if (c == 'N') fail("\\N{...} named characters are not supported by vty");
    if (c == 'Z' && !in_class) {
      out += "\\z";  // Python's \Z is end of string only: PCRE2's \z
      i_ += 2;
      return;
    }
    std::string_view known = in_class ? "abfnrtvdDsSwW" : "AbBdDsSwWafnrtv";
    if (is_ascii_alpha(c) && known.find(c) == std::string_view::npos)
      fail(std::string("bad escape \\") + c);
    out += '\\';
    out += c;
    i_ += 2;
  }

  void char_class() {
    auto& out = out_.pcre2;
    out += '[';
    ++i_;
    if (i_ < in_.size() && in_[i_] == '^') {
      out += '^';
      ++i_;
    }
    if (i_ < in_.size() && in_[i_] == ']') {  // a leading ']' is literal in both
      out += "\\]";
      ++i_;
    }
    while (i_ < in_.size() && in_[i_] != ']') {
      if (in_[i_] == '\\') {
        escape(true);
      } else if (in_[i_] == '[') {
        out += "\\[";  // Python has no [:alpha:] classes: a '[' is just a '['
        ++i_;
      } else {
        out += in_[i_++];
      }
    }
    if (i_ >= in_.size()) fail("unterminated character set");
    out += ']';
    ++i_;
  }

  int group_number(std::string_view name) const {
    for (const auto& [n, number] : out_.names)
      if (n == name) return number;
    return -1;
  }

  std::string_view read_until(char end, const char* what) {
    std::size_t stop = in_.find(end, i_);
    if (stop == std::string_view::npos)
      fail(std::string("missing ") + end + ", unterminated " + what);
    std::string_view text = in_.substr(i_, stop - i_);
    i_ = stop + 1;
    return text;
  }

  void group() {
    auto& out = out_.pcre2;
    if (!starts("(?")) {
      ++out_.groups;
      out += '(';
      ++i_;
      return;
    }
    if (starts("(?P<")) {
      i_ += 4;
      std::string name(read_until('>', "group name"));
      if (!is_identifier(name)) fail("bad character in group name '" + name + "'");
      if (group_number(name) >= 0) fail("redefinition of group name '" + name + "'");
      ++out_.groups;
      out_.names.emplace_back(name, out_.groups);
      out += '(';
      return;
    }
    if (starts("(?P=")) {
      i_ += 4;
      std::string name(read_until(')', "group reference"));
      int number = group_number(name);
      if (number < 0) fail("unknown group name '" + name + "'");
      out += "(?:\\g{" + std::to_string(number) + "})";
      return;
    }
    if (starts("(?#")) {
      read_until(')', "comment");
      return;
    }
    if (starts("(?(")) {
      i_ += 3;
      std::string name(read_until(')', "condition"));
      bool numeric = !name.empty() && name.find_first_not_of("0123456789") == std::string::npos;
      int number = numeric ? std::stoi(name) : group_number(name);
      if (number < 0) fail("unknown group name '" + name + "'");
      out += "(?(" + std::to_string(number) + ")";
      return;
    }
    for (std::string_view plain : {"(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>"}) {
      if (starts(plain)) {
        out += plain;
        i_ += plain.size();
        return;
      }
    }
    flags();
  }

  // (?imsx) at the start, or (?imsx-imsx:...) anywhere.
  void flags() {
    std::size_t start = i_;
    i_ += 2;
    std::string kept;
    while (i_ < in_.size() &&
           std::string_view("aiLmsux-").find(in_[i_]) != std::string_view::npos) {
      char f = in_[i_++];
      if (f == 'L') fail("bad inline flag: cannot use 'L' flag with a str pattern");
      if (f == 'a') fail("the ASCII flag (?a) is not supported by vty");
      if (f != 'u') kept += f;
    }
    if (i_ >= in_.size() || (in_[i_] != ')' && in_[i_] != ':') || i_ == start + 2)
      fail("unknown extension " + std::string(in_.substr(start, i_ - start + 1)));
    bool global = in_[i_] == ')';
    if (global && (!flags_allowed_ || kept.find('-') != std::string::npos))
      fail("global flags not at the start of the expression");
    if (global) at_flags_ = true;
    out_.pcre2 += "(?" + kept + in_[i_];
    ++i_;
  }

  // Python reads "{,n}" as "{0,n}"; PCRE2 10.42 as literal text.
  void brace() {
    std::size_t j = i_ + 1;
    if (j < in_.size() && in_[j] == ',') {
      std::size_t k = j + 1;
      while (k < in_.size() && is_digit(in_[k])) ++k;
      if (k > j + 1 && k < in_.size() && in_[k] == '}') {
        out_.pcre2 += "{0";
        i_ = j;
        return;
      }
    }
    out_.pcre2 += '{';
    ++i_;
  }

  std::string_view in_;
  std::size_t i_ = 0;
  TranslatedRegex out_;
  bool flags_allowed_ = true;  // still at the start: only global flag groups seen so far
  bool at_flags_ = false;      // the group just read was a global flag group
};

}  // namespace

TranslatedRegex translate_python_regex(std::string_view pattern) {
  return Translator(pattern).run();
}

}  // namespace vty::textfsm::detail
