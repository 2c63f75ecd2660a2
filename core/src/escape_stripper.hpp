// A streaming ANSI/VT100 escape-sequence stripper: fed one byte at a time, in chunks split
// anywhere, it says which bytes are text.
#pragma once

#include <utility>

namespace vty::detail {

class EscapeStripper {
 public:
  // True when `c` is text (or a control character for the caller to interpret); false when
  // it belongs to an escape sequence or is dropped (NUL, BEL).
  bool take(unsigned char c) {
    switch (state_) {
      case State::text:
        if (c == kEsc) {
          state_ = State::escape;
          return false;
        }
        return c != 0 && c != kBel;
      case State::escape:
        if (c == '[') {
          state_ = State::csi;
        } else if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
          state_ = State::string;  // OSC, DCS, SOS, PM, APC: run to BEL or ESC backslash
        } else if (c >= 0x20 && c <= 0x2f) {
          state_ = State::intermediate;  // ESC ( B and friends: one more byte ends it
        } else if (c == kEsc) {
          // a new sequence restarts
        } else if (c < 0x20) {
          return abort(c);
        } else {
          state_ = State::text;  // two-byte ESC x
        }
        return false;
      case State::intermediate:
        if (c >= 0x20 && c <= 0x2f) return false;
        if (c < 0x20 || c > 0x7e) return abort(c);
        state_ = State::text;
        return false;
      case State::csi:
        if (c >= 0x20 && c <= 0x3f) return false;  // parameters and intermediates
        if (c >= 0x40 && c <= 0x7e) {
          state_ = State::text;
          erased_line_ = c == 'K';
          return false;
        }
        return abort(c);
      case State::string:
        if (c == kBel) {
          state_ = State::text;
        } else if (c == kEsc) {
          state_ = State::string_escape;
        } else if (c == '\n') {
          return abort(c);  // an unterminated title must not swallow the output after it
        }
        return false;
      case State::string_escape:
        if (c == '\\') {
          state_ = State::text;
          return false;
        }
        state_ = State::escape;
        return take(c);
    }
    return true;
  }

  // True once after a CSI K (erase in line) ended: the caller knows where the cursor is.
  bool take_erase_in_line() { return std::exchange(erased_line_, false); }

  // Between sequences: every byte but ESC, NUL and BEL is text.
  bool idle() const { return state_ == State::text; }
  void reset() {
    state_ = State::text;
    erased_line_ = false;
  }

 private:
  static constexpr unsigned char kEsc = 0x1b;
  static constexpr unsigned char kBel = 0x07;
  static constexpr unsigned char kCan = 0x18;
  static constexpr unsigned char kSub = 0x1a;
  enum class State { text, escape, intermediate, csi, string, string_escape };

  // A control character or stray byte interrupts a sequence: a terminal would act on it, so
  // hand it on rather than lose a line end.
  bool abort(unsigned char c) {
    state_ = State::text;
    if (c == kCan || c == kSub) return false;  // these cancel the sequence and print nothing
    return take(c);
  }

  State state_ = State::text;
  bool erased_line_ = false;
};

}  // namespace vty::detail
