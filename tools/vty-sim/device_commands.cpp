// What a Device does with a complete line: find the command for the current mode, run it,
// or print the model's error for it.
#include <algorithm>
#include <cctype>
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

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

void Device::execute(const std::string& line) {
  last_line_ = line;
  if (!writing_file_.empty()) {
    continue_file(line);
    return;
  }
  auto tokens = tokenize(line);
  if (tokens.empty()) {
    emit_prompt();
    return;
  }
  if (cli_.levels()[level_].config()) {
    execute_config(line, tokens);
    return;
  }
  auto match = match_command(cli_.commands(level_), tokens);
  if (match.kind == MatchResult::Kind::kMatched) {
    // IOS XR: the timestamp comes before what a command prints, not before a parse error.
    if (timestamps_) emit_lines(cli_.model().timestamp);
    run(match, tokens);
  } else {
    report(match);
  }
}

void Device::execute_config(const std::string& line, const std::vector<Token>& tokens) {
  auto match = match_command(cli_.commands(level_), tokens);
  bool matched = match.kind == MatchResult::Kind::kMatched;
  if (matched) {
    // Sub-mode lines are configuration too: they show in the running config.
    if (match.spec->action == Action::kSubmode) add_config_line(line.substr(tokens.front().column));
    run(match, tokens);
    return;
  }
  // Other lines are configuration: refused when the model says the device refuses them,
  // else accepted without a word.
  std::string text = line.substr(tokens.front().column);
  if (cli_.refused(text)) {
    print_error(cli_.model().config.refused, tokens.front().column, tokens.front().text, line);
    emit_prompt();
    return;
  }
  add_config_line(submode_.empty() ? text : " " + text);
  emit_prompt();
}

// A configuration line waits in the candidate, or (a mode without one) applies at once.
void Device::add_config_line(std::string line) {
  bool candidate = cli_.levels()[level_].mode->candidate;
  auto& lines = candidate ? candidate_ : config_lines_;
  if (lines.size() >= kMaxConfigLines) return;
  lines.push_back(line);
  if (!candidate) options_.store->apply(std::move(line));
}

void Device::print_error(std::string text, std::size_t column, std::string_view word,
                         std::string_view line) {
  std::string shown = prompt();
  auto last_line = shown.rfind('\n');
  std::size_t width = last_line == std::string::npos ? shown.size() : shown.size() - last_line - 1;
  replace_all(text, "{caret}", std::string(width + column, ' ') + "^");
  replace_all(text, "{word}", word);
  auto tokens = tokenize(line);
  replace_all(text, "{first}", tokens.empty() ? std::string() : tokens.front().text);
  replace_all(text, "{line}", line);
  emit_text(text);
}

void Device::report(const MatchResult& match) {
  const ModelErrors& errors = cli_.model().errors;
  auto tokens = tokenize(last_line_);
  std::string word;
  for (const auto& token : tokens)
    if (token.column <= match.bad_column) word = token.text;
  switch (match.kind) {
    case MatchResult::Kind::kInvalid:
      print_error(errors.unknown, match.bad_column, word, last_line_);
      break;
    case MatchResult::Kind::kIncomplete:
      print_error(errors.incomplete, last_line_.size(), word, last_line_);
      break;
    case MatchResult::Kind::kAmbiguous:
      print_error(errors.ambiguous, match.bad_column, match.ambiguous_word, last_line_);
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
    case Action::kModel:
      run_model(cli_.model().commands[std::stoul(spec.target)], tokens);
      break;
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
    case Action::kEscalate: {
      auto target = static_cast<std::size_t>(cli_.find(spec.target));
      const ModelMode& mode = *cli_.levels()[target].mode;
      if (mode.password) {
        pending_level_ = target;
        failures_ = 0;
        mode_ = Mode::kEnablePassword;
        emit(mode.password_prompt);
      } else if (mode.exclusive && !options_.store->lock(this)) {
        emit_text(mode.locked);
        emit_prompt();
      } else {
        holds_lock_ = holds_lock_ || mode.exclusive;
        enter_level(target, true);
      }
      break;
    }
    case Action::kDeescalate:
      leave_to(static_cast<std::size_t>(cli_.find(spec.target)), false);
      break;
    case Action::kLogout:
      mode_ = Mode::kClosed;
      break;
    case Action::kEnd:
      leave_to(static_cast<std::size_t>(cli_.find(spec.target)), false);
      break;
    case Action::kExitMode:
      if (!submode_.empty()) {
        submode_.clear();
        emit_prompt();
      } else {
        leave_to(static_cast<std::size_t>(cli_.find(spec.target)), false);
      }
      break;
    case Action::kSubmode:
      submode_ = spec.target;
      emit_prompt();
      break;
  }
}

void Device::run_model(const ModelCommand& command, const std::vector<Token>& tokens) {
  bool unasked = !command.unless_word.empty() &&
                 std::any_of(tokens.begin(), tokens.end(),
                             [&](const Token& token) { return token.text == command.unless_word; });
  if (!command.question.empty() && asking_ != &command && !unasked) {
    asking_ = &command;
    asking_tokens_ = tokens;
    emit_text(command.question);
    mode_ = Mode::kQuestion;
    return;
  }
  asking_ = nullptr;
  if (run_config_action(command, tokens)) return;
  switch (command.action) {
    case CommandAction::kOutput: {
      TextOutput text{command.header, command.output, command.repeat, {}, command.footer};
      if (command.show_config) text.inserted = options_.store->running();
      start_output(make_text_source(std::move(text), options_.hostname), command.hang);
      return;
    }
    case CommandAction::kPageLength: {
      // A broken device may accept the command and keep paging anyway.
      int ignored = 0;
      bool keep = options_.fault.kind == FaultKind::pager_ignores_length;
      if (!set_number(tokens, 512, keep ? ignored : page_length_)) return;
      break;
    }
    case CommandAction::kPagingOff:
      page_length_ = 0;
      break;
    case CommandAction::kWidth: {
      int width = 0;
      if (!set_number(tokens, 32767, width)) return;
      break;
    }
    case CommandAction::kLogout:
      mode_ = Mode::kClosed;
      return;
    case CommandAction::kNoTimestamp:
      timestamps_ = false;
      break;
    case CommandAction::kCommit:
      if (timestamps_) emit_lines(cli_.model().timestamp);
      if (!commit()) {
        emit_prompt();
        return;
      }
      break;
    case CommandAction::kDiscard:
      discard();
      break;
    case CommandAction::kDo:
      run_do(tokens);
      return;
    default:  // run_config_action's
      break;
  }
  emit_lines(command.output);
  if (command.leave && cli_.levels()[level_].parent >= 0) {
    enter_level(static_cast<std::size_t>(cli_.levels()[level_].parent), false);
  } else {
    emit_prompt();
  }
}

bool Device::commit(int confirm_seconds) {
  const ModelConfig& config = cli_.model().config;
  for (const auto& line : candidate_) {
    if (cli_.fails_commit(line)) {
      emit_text(config.commit_failed);
      return false;
    }
  }
  if (!has_changes() && !options_.store->confirm_pending()) emit_text(config.commit_empty);
  config_lines_ = proposed();
  options_.store->commit(config_lines_, confirm_seconds);
  discard();
  return true;
}

// Leaving the current mode for `level` (its parent or further up): a candidate
// configuration with uncommitted changes may stop it.
void Device::leave_to(std::size_t level, bool announce) {
  const ModelMode& mode = *cli_.levels()[level_].mode;
  if (mode.candidate && has_changes()) {
    if (!mode.uncommitted_refusal.empty()) {
      emit_text(mode.uncommitted_refusal);
      emit_prompt();
      return;
    }
    if (!mode.uncommitted_question.empty()) {
      pending_level_ = level;
      emit_text(mode.uncommitted_question);
      mode_ = Mode::kQuestion;
      return;
    }
  }
  if (mode.candidate && !mode.keeps_changes) discard();
  enter_level(level, announce);
}

void Device::answer_question(const std::string& answer) {
  const ModelMode& mode = *cli_.levels()[level_].mode;
  auto tokens = tokenize(answer);
  std::string word = tokens.empty() ? std::string() : tokens.front().text;
  for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool yes = word == "yes" || word == "y";
  bool no = word == "no" || word == "n";
  if (asking_) {  // a command's own question: it runs on yes
    if (yes) {
      run_model(*asking_, asking_tokens_);
    } else {
      asking_ = nullptr;
      emit_prompt();
    }
    return;
  }
  if (yes && mode.uncommitted_yes == "commit") {
    if (!commit()) {
      emit_prompt();
      return;
    }
  } else if ((yes && mode.uncommitted_yes == "discard") ||
             (no && mode.uncommitted_no == "discard")) {
    discard();
  } else {
    emit_prompt();  // cancel (or stay): nothing happens
    return;
  }
  enter_level(pending_level_, false);
}

// "do <command>" in config mode: the command as the mode config mode was entered from
// would run it. Only commands that print something make sense there.
void Device::run_do(const std::vector<Token>& tokens) {
  std::vector<Token> rest(tokens.begin() + 1, tokens.end());
  auto match = match_command(cli_.commands(cli_.exec_level(level_)), rest);
  if (match.kind != MatchResult::Kind::kMatched) {
    report(match);
    return;
  }
  if (match.spec->action == Action::kShowBig) {
    run(match, rest);
    return;
  }
  if (match.spec->action == Action::kModel) {
    const auto& command = cli_.model().commands[std::stoul(match.spec->target)];
    switch (command.action) {
      case CommandAction::kOutput:
      case CommandAction::kPageLength:
      case CommandAction::kPagingOff:
      case CommandAction::kWidth:
      case CommandAction::kShowRunning:
      case CommandAction::kShowStartup:
        run_model(command, rest);
        return;
      default:
        break;
    }
  }
  emit_prompt();
}

void Device::enter_level(std::size_t level, bool announce) {
  if (holds_lock_ && !cli_.levels()[level].mode->exclusive) {
    options_.store->unlock(this);
    holds_lock_ = false;
  }
  level_ = level;
  submode_.clear();
  if (announce) emit_lines(cli_.levels()[level].mode->banner);
  emit_prompt();
}

}  // namespace vty::sim
