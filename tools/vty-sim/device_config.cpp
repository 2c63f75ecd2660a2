// The configuration-management commands of a Device (compare, commit confirmed, rollback,
// replace, save, show running/startup) on the device's shared ConfigStore.
#include <algorithm>
#include <cctype>
#include <charconv>

#include "vty-sim/device.hpp"

namespace vty::sim {
namespace {

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// "N" minutes, or "hh:mm:ss" (EOS `commit timer`): the seconds; -1 when neither.
int confirm_seconds(const std::string& text) {
  int total = 0;
  int parts = 0;
  std::size_t begin = 0;
  while (begin <= text.size() && parts < 3) {
    std::size_t end = std::min(text.find(':', begin), text.size());
    int value = 0;
    auto [stop, error] = std::from_chars(text.data() + begin, text.data() + end, value);
    if (error != std::errc() || stop != text.data() + end || value < 0) return -1;
    total = total * 60 + value;
    ++parts;
    begin = end + 1;
  }
  if (begin <= text.size()) return -1;  // more than three parts
  return parts == 1 ? total * 60 : parts == 3 ? total : -1;
}

bool contains(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

}  // namespace

std::vector<std::string> Device::proposed() {
  // Setting a line the configuration already has changes nothing (Junos `set`, XR).
  std::vector<std::string> lines;
  if (!replace_) lines = options_.store->running();
  for (const auto& line : candidate_)
    if (!contains(lines, line)) lines.push_back(line);
  return lines;
}

void Device::print_compare() {
  print_difference(options_.store->running(), proposed());
}

void Device::print_difference(const std::vector<std::string>& running,
                              const std::vector<std::string>& next) {
  const ModelConfig& config = cli_.model().config;
  std::vector<std::string> lines;
  for (const auto& line : running) {
    if (contains(next, line)) continue;
    std::string text = config.diff_removed;
    replace_all(text, "{line}", line);
    lines.push_back(text);
  }
  for (const auto& line : next) {
    if (contains(running, line)) continue;
    std::string text = config.diff_added;
    replace_all(text, "{line}", line);
    lines.push_back(text);
  }
  if (!lines.empty() && !config.diff_header.empty())
    lines.insert(lines.begin(), config.diff_header);
  for (const auto& line : lines) emit_lines(line);
}

// Runs the configuration-management actions; false for any other action.
bool Device::run_config_action(const ModelCommand& command, const std::vector<Token>& tokens) {
  // The number argument: the last word, or for commit_confirmed the first number (a
  // comment may follow it).
  std::size_t at = tokens.size() - 1;
  if (command.action == CommandAction::kCommitConfirmed) {
    for (std::size_t i = 1; i < tokens.size(); ++i) {
      if (!tokens[i].text.empty() && std::isdigit(static_cast<unsigned char>(tokens[i].text[0]))) {
        at = i;
        break;
      }
    }
  }
  auto number = [&](int& value) {
    const std::string& text = tokens[at].text;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && value >= 0;
  };
  std::string output = command.output;
  switch (command.action) {
    case CommandAction::kCommitConfirmed: {
      int seconds = confirm_seconds(tokens[at].text);
      if (seconds < 1) {
        int ignored = 0;
        set_number(tokens, -1, ignored);  // prints the model's error for the bad number
        return true;
      }
      if (timestamps_) emit_lines(cli_.model().timestamp);
      if (!commit(seconds)) {
        emit_prompt();
        return true;
      }
      replace_all(output, "{n}", tokens[at].text);
      break;
    }
    case CommandAction::kCommitReplace:
      if (timestamps_) emit_lines(cli_.model().timestamp);
      replace_ = true;
      if (!commit()) {
        emit_prompt();
        return true;
      }
      break;
    case CommandAction::kCompare:
      print_compare();
      break;
    case CommandAction::kRollback: {
      int n = 0;
      std::optional<std::vector<std::string>> lines;
      if (number(n)) lines = options_.store->rollback(static_cast<std::size_t>(n));
      if (!lines) {
        std::string text = cli_.model().config.rollback_missing;
        replace_all(text, "{n}", tokens.back().text);
        emit_text(text);
        emit_prompt();
        return true;
      }
      candidate_ = std::move(*lines);
      replace_ = true;
      break;
    }
    case CommandAction::kClearCandidate:
      candidate_.clear();
      replace_ = true;
      break;
    case CommandAction::kShowRunning:
    case CommandAction::kShowStartup:
    case CommandAction::kShowCandidate: {
      auto lines = command.action == CommandAction::kShowRunning   ? options_.store->running()
                   : command.action == CommandAction::kShowStartup ? options_.store->startup()
                                                                   : proposed();
      TextOutput text{command.header, command.output, 1, std::move(lines), command.footer};
      start_output(make_text_source(std::move(text), options_.hostname), false);
      return true;
    }
    case CommandAction::kShowSession: {  // NX-OS: "config session NAME", then the lines
      std::vector<std::string> lines;
      for (const auto& line : candidate_) {
        std::string number = std::to_string(lines.size() + 1);
        lines.push_back(std::string(4 - std::min<std::size_t>(4, number.size()), '0') + number +
                        " " + line);
      }
      std::string header = command.header;
      replace_all(header, "{name}", tokens.back().text);
      TextOutput text{header, "", 1, std::move(lines), command.footer};
      start_output(make_text_source(std::move(text), options_.hostname), false);
      return true;
    }
    case CommandAction::kSave:
      options_.store->save();
      break;
    default:
      return run_file_action(command, tokens);
  }
  emit_lines(output);
  if (command.leave && cli_.levels()[level_].parent >= 0) {  // EOS: commit timer ends the session
    enter_level(static_cast<std::size_t>(cli_.levels()[level_].parent), false);
  } else {
    emit_prompt();
  }
  return true;
}

}  // namespace vty::sim
