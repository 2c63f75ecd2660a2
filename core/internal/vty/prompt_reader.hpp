/// @file
/// Sans-io reading of a device's answer: fed bytes as they arrive, it strips ANSI escapes
/// and carriage returns, skips the echo of what was sent, and says when the text ends in a
/// prompt (or a pager prompt, or another awaited pattern). No sockets, no timing.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "vty/regex.hpp"

namespace vty {

struct PromptReaderSettings {
  std::string pager_pattern{};          ///< "" when the platform has no pager
  std::size_t max_prompt_length = 512;  ///< a longer last line is never a prompt
};

class PromptReader {
 public:
  using Settings = PromptReaderSettings;

  explicit PromptReader(std::string_view prompt_pattern, Settings settings = {});
  ~PromptReader();
  PromptReader(PromptReader&&) noexcept;
  PromptReader& operator=(PromptReader&&) noexcept;

  /// Starts a new answer: forgets what was fed, awaits the prompt pattern again.
  void reset();
  /// Starts a new answer that ends at `terminator` (matched against the last line, like a
  /// prompt) instead of the prompt. The reader keeps a reference: keep it alive.
  void reset(const Regex& terminator);
  /// The device will echo `sent` first: skip it (and the line end after it). Tolerates
  /// echoes wrapped over several lines and devices that do not echo at all.
  void expect_echo(std::string_view sent);

  /// Feeds the next bytes, split anywhere (inside escapes, CRLF pairs, the echo, the prompt).
  void feed(std::string_view bytes);

  /// The cleaned text ends in the awaited prompt (or terminator).
  bool done() const;
  /// The cleaned text ends in a pager prompt: send the pager response, then call
  /// continue_after_pager(), which removes the pager prompt (and the device's erasure of it).
  bool at_pager() const;
  void continue_after_pager();

  /// After done(): the output between the echo and the prompt, without the line end
  /// before the prompt.
  std::string_view output() const;
  /// Moves the output that can no longer change (complete lines, except the line end
  /// before the last line) to the end of `into`; output() then holds only what follows.
  /// Together with forget_raw(), a caller streams a huge answer in bounded memory.
  void take_settled_output(std::string& into);
  /// Drops the raw bytes kept for raw(), except the last `keep` (for tail()).
  void forget_raw(std::size_t keep = 4096);
  /// After done(): the prompt (or terminator) line that ended the answer.
  std::string_view prompt() const;
  /// The text after the last line end (empty while the echo is still awaited).
  std::string_view last_line() const;
  /// Everything fed since reset(), byte for byte.
  std::string_view raw() const;
  /// Everything fed since reset(), cleaned (escapes stripped, "\r\n" -> "\n"): a copy, the
  /// echo joined to the text after it (the reader keeps the two apart).
  std::string cleaned() const;
  /// After done(), as the last look at this answer: output() and raw() as strings. A buffer
  /// too big to be kept for the next answer is moved out rather than copied; the reader
  /// must be reset() before it is fed again.
  std::string take_output();
  std::string take_raw();
  /// The last `n` bytes received, for error messages.
  std::string tail(std::size_t n = 256) const;
  /// How many bytes the reader has looked at since construction: stays linear in the
  /// bytes fed, whatever the chunking (tests assert it).
  std::size_t bytes_examined() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace vty
