#include "vty/prompt_reader.hpp"

#include <algorithm>
#include <optional>

#include "echo_matcher.hpp"
#include "escape_stripper.hpp"
#include "pager_erasure.hpp"
#include "plain_run.hpp"
#include "reader_buffers.hpp"

namespace vty {
namespace {

using detail::clear_buffer;
using detail::grow_for;
using detail::kKeptCapacity;

// A search position past any line: nothing more to look for until the line changes.
constexpr std::size_t kDeadLine = static_cast<std::size_t>(-1);

}  // namespace

struct PromptReader::State {
  State(std::string_view prompt_pattern, Settings settings)
      : prompt(prompt_pattern), max_prompt_length(settings.max_prompt_length) {
    if (!settings.pager_pattern.empty()) pager.emplace(settings.pager_pattern);
  }

  void feed(std::string_view bytes);
  const unsigned char* copy_plain_text(const unsigned char* p, const unsigned char* end);
  const unsigned char* take_whole_echo(const unsigned char* p, const unsigned char* end);
  void end_echo();
  void put(char c);
  void emit(char c);
  void backspace();
  void erase_line();
  void check_last_line();
  std::optional<Regex::Match> scan(const Regex& regex, std::size_t& from, bool whole_line);
  void continue_after_pager();
  void reset(const Regex* awaited);

  Regex prompt;
  std::string matched_prompt;  // the last line `prompt` matched whole (most answers end so)
  std::optional<Regex> pager;
  std::size_t max_prompt_length;
  const Regex* terminator = nullptr;  // awaited instead of the prompt when set

  std::string raw;
  std::string before_output;  // the cleaned echo, set aside once it is over
  std::string cleaned;        // the cleaned text after before_output
  detail::EscapeStripper escapes;
  detail::EchoMatcher echo;
  detail::PagerErasure erasure;
  bool pending_cr = false;  // a "\r" whose meaning depends on the next byte

  std::size_t line_start = 0;    // where the last line of `cleaned` begins
  std::size_t echo_start = 0;    // where the echo (if any) begins; backspace stops here
  std::size_t output_begin = 0;  // where the output begins, once the echo is skipped
  // Within the last line, where the next search resumes: text before it can start no match.
  std::size_t awaited_from = 0;
  std::size_t pager_from = 0;
  Regex::Match pager_match{};  // within the last line
  bool line_changed = false;
  bool done = false;
  bool at_pager = false;
  std::size_t examined = 0;
};

void PromptReader::State::feed(std::string_view bytes) {
  grow_for(raw, bytes.size());
  grow_for(cleaned, bytes.size());
  raw.append(bytes);
  examined += bytes.size();
  auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  auto* end = p + bytes.size();
  while (p != end) {
    if (escapes.idle() && !erasure.armed() && !pending_cr) {
      p = echo.active() ? take_whole_echo(p, end) : copy_plain_text(p, end);
      if (p == end) break;
    }
    // One byte the way a terminal takes it (escape sequences, lone "\r", backspace, echo).
    unsigned char c = *p++;
    if (escapes.take(c)) {
      put(static_cast<char>(c));
    } else if (escapes.take_erase_in_line()) {
      erase_line();
    }
  }
  check_last_line();
}

// Plain text and "\r\n" line ends, the bulk of any answer, copied in one pass.
const unsigned char* PromptReader::State::copy_plain_text(const unsigned char* p,
                                                          const unsigned char* end) {
  const std::size_t before = cleaned.size();
  cleaned.resize(before + static_cast<std::size_t>(end - p));
  char* line_end = nullptr;
  const auto copied = detail::copy_plain(p, end, cleaned.data() + before, line_end);
  cleaned.resize(static_cast<std::size_t>(copied.out - cleaned.data()));
  if (copied.in != p) line_changed = true;
  if (line_end) {
    line_start = static_cast<std::size_t>(line_end - cleaned.data());
    awaited_from = pager_from = 0;
  }
  return copied.in;
}

// The echo ended in one step when the device echoed the input exactly (EchoMatcher::take_whole).
const unsigned char* PromptReader::State::take_whole_echo(const unsigned char* p,
                                                          const unsigned char* end) {
  const std::string_view bytes(reinterpret_cast<const char*>(p), static_cast<std::size_t>(end - p));
  const std::size_t taken = echo.take_whole(bytes);
  if (taken == 0) return p;
  cleaned.append(bytes.substr(0, taken - 2)).push_back('\n');
  end_echo();
  line_changed = true;
  awaited_from = pager_from = 0;
  return p + taken;
}

void PromptReader::State::put(char c) {
  if (erasure.armed()) {
    switch (erasure.take(c)) {
      case detail::PagerErasure::Verdict::swallow:
        return;
      case detail::PagerErasure::Verdict::pass_spaces:
        for (std::size_t i = erasure.held_spaces(); i > 0; --i) emit(' ');
        break;
      case detail::PagerErasure::Verdict::pass:
        break;
    }
  }
  if (pending_cr) {
    pending_cr = false;
    if (c == '\n') {
      emit('\n');
      return;
    }
    // A lone "\r" moves the cursor to the line start; the text after it is what counts.
    if (echo.active()) echo.cursor_moved_back();
  }
  if (c == '\r') {
    pending_cr = true;
  } else if (c == '\b') {
    backspace();
  } else {
    emit(c);
  }
}

void PromptReader::State::emit(char c) {
  cleaned.push_back(c);
  line_changed = true;
  if (c == '\n') {
    line_start = cleaned.size();
    awaited_from = pager_from = 0;
  }
  if (!echo.active()) return;
  switch (echo.take(c)) {
    case detail::EchoMatcher::Verdict::echoed:
      end_echo();
      break;
    case detail::EchoMatcher::Verdict::not_echoed:
      output_begin = echo_start;  // the device does not echo: all of it is output
      break;
    case detail::EchoMatcher::Verdict::pending:
      break;
  }
}

// The echo ended at a line end. What came before is set aside, so the output starts at
// cleaned[0] and take_output() hands a huge answer over without shifting it.
void PromptReader::State::end_echo() {
  before_output.append(cleaned);
  cleaned.clear();
  line_start = echo_start = output_begin = 0;
}

void PromptReader::State::backspace() {
  if (echo.active()) echo.cursor_moved_back();
  if (cleaned.size() <= std::max(line_start, echo_start)) return;
  cleaned.pop_back();
  line_changed = true;
  // A shorter line may match where the longer one could not: search it afresh.
  awaited_from = pager_from = 0;
}

// "\r" then ESC [ K: the line is wiped. birdc draws its prompt again while a command runs
// and wipes it so when the answer comes. Elsewhere (cursor at the line end, or inside the
// echo, which the echo matcher follows) it changes nothing.
void PromptReader::State::erase_line() {
  if (!pending_cr || echo.active()) return;
  pending_cr = false;
  const std::size_t keep = std::max(line_start, output_begin);
  if (cleaned.size() <= keep) return;
  cleaned.resize(keep);
  line_changed = true;
  awaited_from = pager_from = 0;
}

void PromptReader::State::check_last_line() {
  if (!line_changed) return;
  line_changed = false;
  done = at_pager = false;
  if (echo.active()) return;
  std::size_t length = cleaned.size() - line_start;
  if (length == 0) return;
  // A long last line is no prompt, but a pager prompt can end one: devices (FRR) page a
  // long line where the screen fills, in its middle.
  if (length <= max_prompt_length) {
    if (terminator) {
      done = scan(*terminator, awaited_from, false).has_value();
    } else if (std::string_view(cleaned).substr(line_start) == matched_prompt) {
      done = true;  // the line the prompt pattern matched last time: it matches again
    } else if (scan(prompt, awaited_from, true)) {
      done = true;
      matched_prompt.assign(cleaned, line_start);
    }
  }
  if (done || !pager) return;
  if (auto match = scan(*pager, pager_from, false)) {
    at_pager = true;
    pager_match = *match;
  }
}

// Searches the last line from `from`, and moves `from` past what can no longer start a match.
std::optional<Regex::Match> PromptReader::State::scan(const Regex& regex, std::size_t& from,
                                                      bool whole_line) {
  std::string_view line(cleaned);
  line.remove_prefix(line_start);
  if (from >= line.size()) return std::nullopt;
  examined += line.size() - from;
  auto search = regex.find_partial(line, from);
  switch (search.found) {
    case Regex::Found::nothing:
      // A whole-line match must start at the line start: none can, whatever follows.
      from = whole_line ? kDeadLine : line.size();
      return std::nullopt;
    case Regex::Found::partial:
      from = whole_line && search.span.begin > 0 ? kDeadLine : search.span.begin;
      return std::nullopt;
    case Regex::Found::match:
      if (whole_line && (search.span.begin != 0 || search.span.end != line.size())) {
        return std::nullopt;
      }
      return search.span;
  }
  return std::nullopt;
}

void PromptReader::State::continue_after_pager() {
  if (!at_pager) return;
  std::size_t begin = line_start + pager_match.begin;
  std::size_t end = line_start + pager_match.end;
  while (begin > line_start && (cleaned[begin - 1] == ' ' || cleaned[begin - 1] == '\t')) --begin;
  bool owned_line = begin == line_start && end == cleaned.size();
  cleaned.erase(begin, end - begin);
  awaited_from = pager_from = 0;
  at_pager = done = false;
  line_changed = true;
  erasure.arm(owned_line);
}

void PromptReader::State::reset(const Regex* awaited) {
  terminator = awaited;
  clear_buffer(raw);
  clear_buffer(before_output);
  clear_buffer(cleaned);
  escapes.reset();
  echo.stop();
  erasure.disarm();
  pending_cr = false;
  line_start = echo_start = output_begin = 0;
  awaited_from = pager_from = 0;
  line_changed = done = at_pager = false;
}

PromptReader::PromptReader(std::string_view prompt_pattern, Settings settings)
    : state_(std::make_unique<State>(prompt_pattern, std::move(settings))) {}

PromptReader::~PromptReader() = default;
PromptReader::PromptReader(PromptReader&&) noexcept = default;
PromptReader& PromptReader::operator=(PromptReader&&) noexcept = default;

void PromptReader::reset() {
  state_->reset(nullptr);
}
void PromptReader::reset(const Regex& terminator) {
  state_->reset(&terminator);
}

void PromptReader::expect_echo(std::string_view sent) {
  auto& s = *state_;
  s.echo_start = s.output_begin = s.cleaned.size();
  s.echo.start(sent);
  s.done = s.at_pager = false;
}

void PromptReader::feed(std::string_view bytes) {
  state_->feed(bytes);
}

bool PromptReader::done() const {
  return state_->done;
}
bool PromptReader::at_pager() const {
  return state_->at_pager;
}
void PromptReader::continue_after_pager() {
  state_->continue_after_pager();
}

std::string_view PromptReader::output() const {
  const auto& s = *state_;
  if (s.echo.active()) return {};
  std::size_t end = s.done ? s.line_start : s.cleaned.size();
  std::size_t begin = std::min(s.output_begin, end);
  std::string_view text(s.cleaned.data() + begin, end - begin);
  if (s.done && !text.empty() && text.back() == '\n') text.remove_suffix(1);
  return text;
}

void PromptReader::take_settled_output(std::string& into) {
  auto& s = *state_;
  if (s.echo.active() || s.line_start == 0) return;
  // Keep the line end before the last line: output() drops it when the prompt comes.
  const std::size_t end = s.line_start - 1;
  if (end <= s.output_begin) return;
  into.append(s.cleaned, s.output_begin, end - s.output_begin);
  s.cleaned.erase(s.output_begin, end - s.output_begin);
  s.line_start -= end - s.output_begin;  // positions within the last line are relative
}

void PromptReader::forget_raw(std::size_t keep) {
  auto& raw = state_->raw;
  if (raw.size() > 2 * keep) raw.erase(0, raw.size() - keep);
}

std::string_view PromptReader::prompt() const {
  const auto& s = *state_;
  if (!s.done) return {};
  std::string_view line(s.cleaned);
  line.remove_prefix(s.line_start);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line;
}

std::string_view PromptReader::last_line() const {
  const auto& s = *state_;
  if (s.echo.active()) return {};
  return std::string_view(s.cleaned).substr(s.line_start);
}

std::string_view PromptReader::raw() const {
  return state_->raw;
}
std::string PromptReader::cleaned() const {
  return state_->before_output + state_->cleaned;
}

std::string PromptReader::take_output() {
  auto& s = *state_;
  std::string_view text = output();
  if (s.cleaned.capacity() <= kKeptCapacity || text.empty()) return std::string(text);
  // Trims `cleaned` to the output in place instead of copying a huge answer (after an echo the
  // output starts at cleaned[0]; else the text before it is shifted out, one memmove).
  const std::size_t begin = static_cast<std::size_t>(text.data() - s.cleaned.data());
  s.cleaned.resize(begin + text.size());
  s.cleaned.erase(0, begin);
  std::string taken = std::move(s.cleaned);
  s.cleaned.clear();
  s.before_output.clear();
  s.line_start = s.echo_start = s.output_begin = 0;
  s.awaited_from = s.pager_from = 0;
  s.done = s.at_pager = false;
  return taken;
}

std::string PromptReader::take_raw() {
  auto& raw = state_->raw;
  if (raw.capacity() <= kKeptCapacity) return raw;
  std::string taken = std::move(raw);
  raw.clear();
  return taken;
}

std::string PromptReader::tail(std::size_t n) const {
  std::string_view raw = state_->raw;
  return std::string(raw.substr(raw.size() - std::min(n, raw.size())));
}

std::size_t PromptReader::bytes_examined() const {
  return state_->examined;
}

}  // namespace vty
