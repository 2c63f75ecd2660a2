// What a Device does with a complete line: find the command for the current level, run it,
// or print IOS's error for it.
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "vty-sim/device.hpp"

namespace vty::sim {
namespace {

constexpr std::size_t kMaxConfigLines = 100'000;
constexpr double kMaxBigMegabytes = 100'000;

bool parse_megabytes(const std::string& text, double& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  value = std::strtod(text.c_str(), &end);
  return errno == 0 && end == text.c_str() + text.size() && std::isfinite(value) && value >= 0 &&
         value <= kMaxBigMegabytes;
}

}  // namespace

void Device::execute(const std::string& line) {
  auto tokens = tokenize(line);
  if (tokens.empty()) {
    emit_prompt();
    return;
  }
  if (cli_.levels()[level_].config) {
    execute_config(line, tokens);
    return;
  }
  auto match = match_command(cli_.commands(level_), tokens);
  if (match.kind == MatchResult::Kind::kMatched) {
    run(match, tokens);
  } else {
    report(match);
  }
}

void Device::execute_config(const std::string& line, const std::vector<Token>& tokens) {
  auto match = match_command(cli_.commands(level_), tokens);
  bool matched = match.kind == MatchResult::Kind::kMatched;
  // Other lines are configuration, accepted without a word (nothing checks them); they and
  // the sub-mode lines show in the running config.
  if ((!matched || match.spec->action == Action::kSubmode) &&
      config_lines_.size() < kMaxConfigLines) {
    std::string text = line.substr(tokens.front().column);
    config_lines_.push_back(submode_.empty() || matched ? text : " " + text);
  }
  if (matched) {
    run(match, tokens);
  } else {
    emit_prompt();
  }
}

void Device::report(const MatchResult& match) {
  const std::string& unknown = cli_.scenario().unknown_command;
  if (!unknown.empty() && match.kind != MatchResult::Kind::kEmpty) {
    emit_lines(unknown);
    emit_prompt();
    return;
  }
  switch (match.kind) {
    case MatchResult::Kind::kInvalid:
      emit(std::string(prompt().size() + match.bad_column, ' '));
      emit("^\r\n% Invalid input detected at '^' marker.\r\n\r\n");
      break;
    case MatchResult::Kind::kIncomplete:
      emit("% Incomplete command.\r\n\r\n");
      break;
    case MatchResult::Kind::kAmbiguous:
      emit("% Ambiguous command:  \"" + match.ambiguous_word + "\"\r\n");
      break;
    default:
      break;
  }
  emit_prompt();
}

bool Device::set_number(const std::vector<Token>& tokens, int max, int& value) {
  const std::string& text = tokens.back().text;
  int parsed = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (error != std::errc() || end != text.data() + text.size() || parsed < 0 || parsed > max) {
    MatchResult bad;
    bad.kind = MatchResult::Kind::kInvalid;
    bad.bad_column = tokens.back().column;
    report(bad);
    return false;
  }
  value = parsed;
  return true;
}

void Device::run(const MatchResult& match, const std::vector<Token>& tokens) {
  const CommandSpec& spec = *match.spec;
  switch (spec.action) {
    case Action::kScenario: {
      const auto& command = cli_.scenario().commands[std::stoul(spec.target)];
      TextOutput text{command.header, command.output, command.repeat, {}, command.footer};
      if (command.show_config) text.inserted = config_lines_;
      start_output(make_text_source(std::move(text), options_.hostname), command.hang);
      break;
    }
    case Action::kShowBig: {
      double megabytes = 0;
      if (!parse_megabytes(match.arguments.front(), megabytes)) {
        MatchResult bad;
        bad.kind = MatchResult::Kind::kInvalid;
        bad.bad_column = tokens.back().column;
        report(bad);
        break;
      }
      start_output(make_big_source(megabytes), false);
      break;
    }
    case Action::kTerminalLength: {
      // A broken device may accept the command and keep paging anyway.
      int ignored = 0;
      bool keep = options_.fault.kind == FaultKind::pager_ignores_length;
      if (set_number(tokens, 512, keep ? ignored : page_length_)) emit_prompt();
      break;
    }
    case Action::kPagingOff:
      page_length_ = 0;
      emit_prompt();
      break;
    case Action::kTerminalWidth: {
      int width = 0;
      if (set_number(tokens, 32767, width)) emit_prompt();
      break;
    }
    case Action::kEscalate: {
      auto target = static_cast<std::size_t>(cli_.find(spec.target));
      if (cli_.levels()[target].escalate_auth) {
        pending_level_ = target;
        failures_ = 0;
        mode_ = Mode::kEnablePassword;
        emit("Password: ");
      } else {
        enter_level(target, true);
      }
      break;
    }
    case Action::kDeescalate:
      enter_level(static_cast<std::size_t>(cli_.find(spec.target)), false);
      break;
    case Action::kLogout:
      mode_ = Mode::kClosed;
      break;
    case Action::kEnd:
      enter_level(static_cast<std::size_t>(std::max(cli_.levels()[level_].parent, 0)), false);
      break;
    case Action::kExitMode:
      if (!submode_.empty()) {
        submode_.clear();
        emit_prompt();
      } else {
        enter_level(static_cast<std::size_t>(std::max(cli_.levels()[level_].parent, 0)), false);
      }
      break;
    case Action::kSubmode:
      submode_ = spec.target;
      emit_prompt();
      break;
    case Action::kDo:
      run_do(tokens);
      break;
  }
}

// "do <command>" in config mode: the command as the level config mode was entered from
// would run it. Only commands that print something make sense there.
void Device::run_do(const std::vector<Token>& tokens) {
  std::vector<Token> rest(tokens.begin() + 1, tokens.end());
  int parent = cli_.levels()[level_].parent;
  auto match = match_command(cli_.commands(static_cast<std::size_t>(std::max(parent, 0))), rest);
  if (match.kind != MatchResult::Kind::kMatched) {
    report(match);
    return;
  }
  switch (match.spec->action) {
    case Action::kScenario:
    case Action::kShowBig:
    case Action::kPagingOff:
    case Action::kTerminalLength:
    case Action::kTerminalWidth:
      run(match, rest);
      break;
    default:
      emit_prompt();
  }
}

void Device::enter_level(std::size_t level, bool announce) {
  level_ = level;
  submode_.clear();
  if (announce && cli_.levels()[level].config) emit_lines(cli_.scenario().config_banner);
  emit_prompt();
}

}  // namespace vty::sim
