// Recognises how a device erases its pager prompt once answered (IOS: backspaces, spaces,
// backspaces), so that the erasure does not end up in the output.
#pragma once

#include <cstddef>

namespace vty::detail {

// Everything from the pager prompt up to the first character that is neither a space nor an
// erasing character ("\b", "\r") is erasure, except spaces that no erasing character
// follows: those are the indentation of the next line.
class PagerErasure {
 public:
  enum class Verdict {
    swallow,     // part of the erasure
    pass,        // output: the erasure is over
    pass_spaces  // output, after held_spaces() spaces that turned out to be output too
  };

  // The pager prompt was just removed. `owned_line` when it stood alone on its line: then a
  // line end straight after it belongs to the pager prompt too.
  void arm(bool owned_line) {
    armed_ = true;
    owned_line_ = owned_line;
    spaces_ = 0;
  }
  void disarm() { armed_ = false; }
  bool armed() const { return armed_; }
  std::size_t held_spaces() const { return spaces_; }

  Verdict take(char c) {
    if (!armed_) return Verdict::pass;
    if (c == '\b' || c == '\r') {
      spaces_ = 0;
      return Verdict::swallow;
    }
    if (c == ' ') {
      ++spaces_;
      return Verdict::swallow;
    }
    armed_ = false;
    if (c == '\n' && owned_line_) return Verdict::swallow;
    return spaces_ ? Verdict::pass_spaces : Verdict::pass;
  }

 private:
  bool armed_ = false;
  bool owned_line_ = false;
  std::size_t spaces_ = 0;
};

}  // namespace vty::detail
