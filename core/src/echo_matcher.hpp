// Recognises a device's echo of the input it was sent, character by character, even when the
// device wraps the echoed line or redraws it from an earlier column.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vty::detail {

class EchoMatcher {
 public:
  enum class Verdict { pending, echoed, not_echoed };

  void start(std::string_view sent);
  void stop() { active_ = false; }
  bool active() const { return active_; }

  // The next cleaned character. `echoed` once the whole input and the line end after it were
  // seen; `not_echoed` as soon as the text cannot be an echo of the input.
  Verdict take(char c);
  // The cursor went back (backspace, lone carriage return): the device may redraw the input
  // from any column it had already reached.
  void cursor_moved_back() { redraw_ = true; }
  // Most devices echo the input exactly as it was sent, then "\r\n". When `bytes` start so
  // (from the furthest point the echo reached), the echo is over, as take() of each byte
  // would end it: the count of those bytes. Else 0, and take() goes on byte by byte. Looked
  // at once per echo (a short read may be tried again), so that an echo that differs costs
  // no search per byte.
  std::size_t take_whole(std::string_view bytes);

 private:
  void visit(std::size_t position, char c);

  std::string sent_;
  // Every offset into sent_ the echo could have reached so far, ascending. More than one when
  // inserted spaces or a redraw make the alignment ambiguous.
  std::vector<std::size_t> positions_;
  std::vector<std::size_t> next_;
  bool redraw_ = false;
  bool active_ = false;
  bool whole_tried_ = false;
};

}  // namespace vty::detail
