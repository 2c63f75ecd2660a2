#include "vty-sim/fault.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <stdexcept>
#include <utility>

namespace vty::sim {
namespace {

struct FaultInfo {
  FaultKind kind;
  std::string_view name;
  long default_arg;
  std::string_view help;
};

// clang-format off
constexpr std::array kFaults{
    FaultInfo{FaultKind::drop, "drop", 200, "hang up after ARG bytes of output (200)"},
    FaultInfo{FaultKind::stall, "stall", 200, "print ARG bytes of output (200), then nothing, ever"},
    FaultInfo{FaultKind::no_prompt, "no-prompt", 0, "complete lines only: the prompt never comes"},
    FaultInfo{FaultKind::garbage, "garbage", 4096, "answer with ARG random bytes (4096), no prompt"},
    FaultInfo{FaultKind::ansi_storm, "ansi-storm", 0, "wrap lines and prompts in ANSI/VT100 escapes"},
    FaultInfo{FaultKind::long_line, "long-line", 10, "the answer is one line of ARG MB (10), no newline"},
    FaultInfo{FaultKind::slow, "slow", 50, "a slow link: ARG ms per byte of output (50)"},
    FaultInfo{FaultKind::pager_ignores_length, "pager-ignores-length", 0,
              "terminal length 0 is accepted, pages stay 24 lines"},
    FaultInfo{FaultKind::echo_rewrite, "echo-rewrite", 0, "the echo differs from what was typed (upper case)"},
    FaultInfo{FaultKind::wrong_password_loop, "wrong-password-loop", 0,
              "every password is refused, for ever"},
    FaultInfo{FaultKind::slow_banner, "slow-banner", 3000, "a login banner that takes ARG ms (3000)"},
    FaultInfo{FaultKind::close_in_auth, "close-in-auth", 0, "the connection closes during login"},
    FaultInfo{FaultKind::silent, "silent", 0, "TCP is accepted, then nothing is ever said"},
    FaultInfo{FaultKind::new_host_key, "new-host-key", 0, "each connection shows a new host key"},
    FaultInfo{FaultKind::deaf, "deaf", 60000,
              "after the answer, read no input for ARG ms (60000), then hang up"},
};
// clang-format on

const FaultInfo& info(FaultKind kind) {
  for (const auto& fault : kFaults) {
    if (fault.kind == kind) return fault;
  }
  static const FaultInfo none{FaultKind::none, "none", 0, ""};
  return none;
}

// Noise a terminal shows nothing for: colours, cursor visibility, titles, charset, erase to
// the end of an empty line.
constexpr std::array<std::string_view, 8> kEscapes{
    "\x1b[1;32m",         "\x1b[0m", "\x1b[?25l", "\x1b[?25h",
    "\x1b]0;vty-sim\x07", "\x1b(B",  "\x1b[K",    "\x1b[38;5;208m"};

constexpr std::string_view kBannerLine =
    "*** Authorised access only. Activity on this device is monitored and recorded. ***\r\n";

}  // namespace

bool FaultSpec::login_fault() const {
  switch (kind) {
    case FaultKind::wrong_password_loop:
    case FaultKind::close_in_auth:
    case FaultKind::silent:
    case FaultKind::new_host_key:
      return true;
    default:
      return false;
  }
}

FaultSpec parse_fault(std::string_view spec) {
  auto colon = spec.find(':');
  auto name = spec.substr(0, colon);
  FaultSpec fault;
  for (const auto& known : kFaults) {
    if (known.name == name) fault.kind = known.kind;
  }
  if (fault.kind == FaultKind::none) {
    std::string names;
    for (const auto& known : kFaults)
      names += (names.empty() ? "" : ", ") + std::string(known.name);
    throw std::invalid_argument("unknown fault \"" + std::string(name) + "\"; faults: " + names);
  }
  fault.arg = info(fault.kind).default_arg;
  if (colon != std::string_view::npos) {
    auto text = spec.substr(colon + 1);
    long value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 0) {
      throw std::invalid_argument("fault " + std::string(name) +
                                  ": ARG must be a whole number, not \"" + std::string(text) +
                                  "\"");
    }
    fault.arg = value;
  }
  return fault;
}

std::string fault_help() {
  std::string text;
  for (const auto& fault : kFaults) {
    std::string name(fault.name);
    if (fault.default_arg) name += "[:ARG]";
    name.resize(std::max<std::size_t>(name.size() + 1, 26), ' ');
    text += "    " + name + std::string(fault.help) + "\n";
  }
  return text;
}

std::string_view fault_name(FaultKind kind) {
  return info(kind).name;
}

FaultInjector::FaultInjector(FaultSpec spec, std::uint64_t seed)
    : spec_(std::move(spec)), random_(seed | 1) {
  triggered_ = spec_.on.empty() && spec_.kind != FaultKind::none && !spec_.login_fault();
  remaining_ = static_cast<std::size_t>(spec_.arg);
}

std::string_view FaultInjector::typed(std::string_view bytes) {
  for (char c : bytes) {
    if (c != '\r' && c != '\n') {
      line_typed_ += c;
      continue;
    }
    if (line_typed_.empty()) continue;
    bool matches = !spec_.on.empty() && line_typed_.find(spec_.on) != std::string::npos;
    if (!triggered_ && matches && spec_.kind != FaultKind::none && !spec_.login_fault()) {
      triggered_ = true;
      remaining_ = static_cast<std::size_t>(spec_.arg);
    }
    if (triggered_) last_line_ = line_typed_;
    line_typed_.clear();
  }
  return bytes;
}

FaultStep FaultInjector::output(std::string_view bytes) {
  if (stalled_) return {};
  if (!triggered_) return {std::string(bytes)};
  return active_output(bytes);
}

FaultStep FaultInjector::active_output(std::string_view bytes) {
  switch (spec_.kind) {
    case FaultKind::drop:
      return countdown(bytes, true);
    case FaultKind::stall:
      return countdown(bytes, false);
    case FaultKind::no_prompt: {
      held_.append(bytes);
      auto end = held_.rfind('\n');
      if (end == std::string::npos) return {};
      FaultStep step{held_.substr(0, end + 1)};
      held_.erase(0, end + 1);
      return step;
    }
    case FaultKind::garbage:
      stalled_ = true;
      return {random_bytes(static_cast<std::size_t>(spec_.arg)), {}, false, true};
    case FaultKind::ansi_storm:
      return {storm(bytes)};
    case FaultKind::long_line: {
      if (started_) {
        // The device's own answer is replaced: keep only what may be the prompt.
        held_.append(bytes);
        auto end = held_.rfind('\n');
        if (end != std::string::npos) held_.erase(0, end + 1);
        return {};
      }
      started_ = true;
      std::string step;
      auto echo_end = last_line_.empty() ? std::string_view::npos : bytes.find('\n');
      if (echo_end != std::string_view::npos) {
        step.append(bytes.substr(0, echo_end + 1));
        bytes.remove_prefix(echo_end + 1);
      }
      const std::size_t size = static_cast<std::size_t>(spec_.arg) * 1'000'000;
      step.reserve(step.size() + size + 2);
      for (std::size_t i = 0; i < size; ++i) step.push_back(static_cast<char>('0' + i % 10));
      step.append("\r\n");
      auto end = bytes.rfind('\n');
      held_.assign(end == std::string_view::npos ? bytes : bytes.substr(end + 1));
      return {std::move(step)};
    }
    case FaultKind::slow:
      return {std::string(bytes), std::chrono::milliseconds(spec_.arg)};
    case FaultKind::echo_rewrite: {
      std::string text(bytes);
      if (!last_line_.empty()) {
        if (auto at = text.find(last_line_); at != std::string::npos) {
          std::transform(text.begin() + static_cast<long>(at),
                         text.begin() + static_cast<long>(at + last_line_.size()),
                         text.begin() + static_cast<long>(at),
                         [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
          last_line_.clear();
        }
      }
      return {std::move(text)};
    }
    case FaultKind::slow_banner: {
      if (started_) return {std::exchange(held_, {}) + std::string(bytes)};
      started_ = true;
      held_.assign(bytes);
      std::string banner;
      while (banner.size() < 400) banner.append(kBannerLine);
      auto per_byte = std::max<long>(1, spec_.arg / static_cast<long>(banner.size()));
      return {std::move(banner), std::chrono::milliseconds(per_byte)};
    }
    default:
      return {std::string(bytes)};
  }
}

FaultStep FaultInjector::idle() {
  if (stalled_ || !triggered_) return {};
  if (spec_.kind == FaultKind::deaf) {
    // The trigger's answer is out: from now on the device takes no input.
    stalled_ = true;
    return {.deaf = std::chrono::milliseconds(spec_.arg)};
  }
  if (spec_.kind == FaultKind::long_line && started_) {
    // The answer is over: the prompt goes out, and the next command is answered normally
    // (until the trigger is typed again).
    triggered_ = started_ = false;
    return {std::exchange(held_, {})};
  }
  if (spec_.kind == FaultKind::slow_banner) return {std::exchange(held_, {})};
  return {};
}

FaultStep FaultInjector::countdown(std::string_view bytes, bool hang_up) {
  std::size_t pass = std::min(remaining_, bytes.size());
  remaining_ -= pass;
  FaultStep step{std::string(bytes.substr(0, pass))};
  if (remaining_ == 0) {
    step.hang_up = hang_up;
    step.stall = !hang_up;
    stalled_ = true;
  }
  return step;
}

std::string FaultInjector::storm(std::string_view bytes) {
  auto next = [this] {
    random_ ^= random_ << 13;
    random_ ^= random_ >> 7;
    random_ ^= random_ << 17;
    return kEscapes[random_ % kEscapes.size()];
  };
  std::string out(next());
  for (char c : bytes) {
    out.push_back(c);
    if (c == '\n') out.append(next());
  }
  out.append(next());
  return out;
}

std::string FaultInjector::random_bytes(std::size_t count) {
  // Never a line end or a prompt character: the garbage is one endless unfinished line.
  std::string out;
  out.reserve(count);
  while (out.size() < count) {
    random_ ^= random_ << 13;
    random_ ^= random_ >> 7;
    random_ ^= random_ << 17;
    auto c = static_cast<unsigned char>(random_ >> 24);
    if (c == '\n' || c == '\r' || c == '#' || c == '>' || c == '$' || c == '%' || c == ']')
      continue;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

}  // namespace vty::sim
