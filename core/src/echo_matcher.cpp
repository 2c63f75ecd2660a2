#include "echo_matcher.hpp"

#include "plain_run.hpp"

namespace vty::detail {
namespace {

// What a device inserts into an echo that wraps: line ends, padding, IOS's "$" scroll marker.
bool inserted_by_wrapping(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '$';
}

}  // namespace

void EchoMatcher::start(std::string_view sent) {
  sent_.assign(sent);
  positions_.assign(1, 0);
  redraw_ = false;
  active_ = true;
  whole_tried_ = false;
}

std::size_t EchoMatcher::take_whole(std::string_view bytes) {
  // The exact alignment is the furthest one: it reaches the input's end.
  const std::string_view rest = std::string_view(sent_).substr(positions_.back());
  if (!active_ || whole_tried_ || bytes.size() < rest.size() + 2) return 0;
  whole_tried_ = true;
  const auto* text = reinterpret_cast<const unsigned char*>(rest.data());
  // A byte put() treats specially (backspace, escape) would not be taken as itself.
  if (!bytes.starts_with(rest) || bytes.substr(rest.size(), 2) != "\r\n" ||
      skip_plain(text, text + rest.size()) != text + rest.size())
    return 0;
  active_ = false;
  return rest.size() + 2;
}

void EchoMatcher::visit(std::size_t position, char c) {
  if (inserted_by_wrapping(c) && (next_.empty() || next_.back() != position)) {
    next_.push_back(position);
  }
  if (position < sent_.size() && sent_[position] == c) next_.push_back(position + 1);
}

EchoMatcher::Verdict EchoMatcher::take(char c) {
  if (!active_) return Verdict::echoed;
  if (c == '\n' && positions_.back() == sent_.size()) {
    active_ = false;
    return Verdict::echoed;
  }
  next_.clear();
  if (redraw_) {
    for (std::size_t p = 0, last = positions_.back(); p <= last; ++p) visit(p, c);
  } else {
    for (std::size_t p : positions_) visit(p, c);
  }
  positions_.swap(next_);
  // "$" starts IOS's redraw of a scrolled line: what follows may repeat earlier input.
  redraw_ = c == '$' || (redraw_ && inserted_by_wrapping(c));
  if (positions_.empty()) {
    active_ = false;
    return Verdict::not_echoed;
  }
  return Verdict::pending;
}

}  // namespace vty::detail
