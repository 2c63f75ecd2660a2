#include "replay_script.hpp"

#include <algorithm>

namespace vty::replay {
namespace {

using Kind = RecordedEvent::Kind;

std::string in_quotes(std::string_view bytes) {
  return "\"" + escape_recorded_bytes(bytes) + "\"";
}

}  // namespace

std::string normalise_whitespace(std::string_view input) {
  std::string text;
  bool space = false;
  for (std::size_t i = 0; i < input.size(); ++i) {
    char c = input[i];
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < input.size() && input[i + 1] == '\n') ++i;
      text += '\n';
      space = false;
      continue;
    }
    if (space && !text.empty() && text.back() != '\n') text += ' ';
    space = false;
    text += c;
  }
  return text;
}

ReplayScript::ReplayScript(Recording recording, Settings settings)
    : recording_(std::move(recording)), settings_(std::move(settings)) {
  skip_to_input();
  skip_to_output();
}

void ReplayScript::skip_to_input() {
  const auto& events = recording_.events;
  while (in_ < events.size() && events[in_].kind != Kind::sent) ++in_;
}

void ReplayScript::skip_to_output() {
  const auto& events = recording_.events;
  while (out_ < events.size() && events[out_].kind == Kind::sent) ++out_;
}

// Output waits for the input recorded before it: the device answered what it was sent.
ReplayScript::Next ReplayScript::next() const {
  if (out_ >= recording_.events.size()) return Next::end;
  if (in_ < out_) return Next::wait_input;
  return recording_.events[out_].kind == Kind::closed ? Next::closed : Next::output;
}

const RecordedEvent* ReplayScript::output_event() const {
  return out_ < recording_.events.size() ? &recording_.events[out_] : nullptr;
}

std::string ReplayScript::take_output(std::size_t max, bool merge) {
  std::string bytes;
  const auto& events = recording_.events;
  while (bytes.size() < max && next() == Next::output) {
    const auto& event = events[out_];
    std::size_t n = std::min(max - bytes.size(), event.bytes.size() - out_offset_);
    bytes.append(event.bytes, out_offset_, n);
    out_offset_ += n;
    if (out_offset_ < event.bytes.size()) break;
    out_offset_ = 0;
    ++out_;
    skip_to_output();
    if (!merge) break;
  }
  return bytes;
}

void ReplayScript::input(std::string_view bytes) {
  if (!settings_.normalise_whitespace) return input_exact(bytes);
  if (bytes.empty()) return;
  if (in_ >= recording_.events.size()) mismatch(bytes);
  const auto& event = recording_.events[in_];
  bool same = event.masked
                  ? normalise_whitespace(bytes).ends_with(normalise_whitespace(event.bytes))
                  : normalise_whitespace(bytes) == normalise_whitespace(event.bytes);
  if (!same) mismatch(bytes);
  last_input_at_ = event.at;
  ++in_;
  skip_to_input();
}

// Byte for byte, however the input is split; a masked input (a password) matches anything
// up to the line end recorded after it.
void ReplayScript::input_exact(std::string_view bytes) {
  const auto& events = recording_.events;
  std::string_view all = bytes;
  while (!bytes.empty()) {
    if (in_ >= events.size()) mismatch(all);
    const auto& event = events[in_];
    std::size_t used = 0;
    if (event.masked) {
      if (in_offset_ == 0) in_offset_ = 1;  // within the secret
      auto end = event.bytes.empty() ? bytes.size() : bytes.find(event.bytes);
      if (end == std::string_view::npos) return;  // more of the secret
      used = event.bytes.empty() ? end : end + event.bytes.size();
    } else {
      std::string_view expected = std::string_view(event.bytes).substr(in_offset_);
      used = std::min(expected.size(), bytes.size());
      if (bytes.substr(0, used) != expected.substr(0, used)) {
        mismatch(std::string(event.bytes.substr(0, in_offset_)).append(all));
      }
      in_offset_ += used;
      if (in_offset_ < event.bytes.size()) return;
    }
    bytes.remove_prefix(used);
    last_input_at_ = event.at;
    in_offset_ = 0;
    ++in_;
    skip_to_input();
  }
}

void ReplayScript::mismatch(std::string_view actual) const {
  const auto& events = recording_.events;
  std::string expected = "(the end of the recording)";
  std::string where;
  std::string recorded;
  if (in_ < events.size()) {
    recorded = events[in_].masked ? "<password>" + events[in_].bytes : events[in_].bytes;
    expected = in_quotes(recorded);
    where = " (line " + std::to_string(events[in_].line) + ")";
  }
  throw ReplayMismatch(
      "input differs from the recording " + settings_.source + " at event " + std::to_string(in_) +
          where + ": expected " + expected + ", sent " + in_quotes(actual),
      {.host = settings_.host, .operation = "replay"}, recorded, std::string(actual), in_);
}

}  // namespace vty::replay
