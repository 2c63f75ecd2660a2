// The file and archive commands of a Device (IOS-XE, NX-OS, EOS): a file written from tclsh,
// configure replace of a file or an archived copy (confirmed with a timer), configure
// confirm, the revert timer of configure terminal, the archive and the diffs of files.
#include <algorithm>
#include <charconv>

#include "vty-sim/device.hpp"

namespace vty::sim {
namespace {

std::string with(std::string text, std::string_view key, std::string_view value) {
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
    text.replace(at, key.size(), value);
  return text;
}

// The number after the word `word` ("time 2"), or -1.
int number_after(const std::vector<Token>& tokens, std::string_view word) {
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].text != word) continue;
    int value = -1;
    const std::string& text = tokens[i + 1].text;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size()) return value;
  }
  return -1;
}

// puts [open "flash:name" w+] {  ->  flash:name ("" when the line is not that)
std::string file_opened(const std::vector<Token>& tokens) {
  if (tokens.size() != 5 || tokens[1].text != "[open" || tokens[4].text != "{") return {};
  if (!tokens[3].text.starts_with('w') || !tokens[3].text.ends_with(']')) return {};
  std::string name = tokens[2].text;
  if (name.size() > 2 && name.front() == '"' && name.back() == '"')
    name = name.substr(1, name.size() - 2);
  return name;
}

}  // namespace

void Device::continue_file(const std::string& line) {
  if (line.find_first_not_of(" \t") != std::string::npos &&
      line.substr(line.find_first_not_of(" \t")) == "}") {
    options_.store->write_file(writing_file_, std::move(file_lines_));
    writing_file_.clear();
    file_lines_.clear();
  } else if (line.find_first_not_of(" \t") != std::string::npos) {
    file_lines_.push_back(line);
  }
  emit_prompt();
}

std::string Device::archive() {
  const ModelConfig& config = cli_.model().config;
  return options_.store->archive(config.archive_name,
                                 static_cast<std::size_t>(config.archive_maximum));
}

// The file named in the command (the first word naming one) becomes the running
// configuration, unless a line of it is refused; "time N" makes it a confirmed change.
void Device::replace_from_file(const ModelCommand& command, const std::vector<Token>& tokens) {
  const ModelConfig& config = cli_.model().config;
  std::optional<std::vector<std::string>> lines;
  for (std::size_t i = 1; i < tokens.size() && !lines; ++i)
    lines = options_.store->file(tokens[i].text);
  if (!lines) {
    emit_text(with(config.file_missing, "{file}", tokens.size() > 2 ? tokens[2].text : ""));
    emit_prompt();
    return;
  }
  for (const auto& line : *lines) {
    std::string text = line.substr(std::min(line.size(), line.find_first_not_of(' ')));
    if (!cli_.refused(text)) continue;
    emit_text(with(config.replace_refused, "{line}", line));
    emit_prompt();
    return;
  }
  // IOS-XE: "time N" minutes, archiving the running configuration first; NX-OS:
  // "commit-timeout N" seconds.
  int minutes = number_after(tokens, "time");
  int seconds = minutes > 0 ? minutes * 60 : std::max(0, number_after(tokens, "commit-timeout"));
  if (minutes > 0) emit_lines(with(config.archive_backup, "{name}", archive()));
  options_.store->commit(std::move(*lines), seconds);
  emit_lines(command.output);
  emit_prompt();
}

void Device::show_archive(const ModelCommand& command) {
  const ModelConfig& config = cli_.model().config;
  std::size_t newest = 0;
  auto slots = options_.store->archive_slots(newest);
  std::size_t saved = 0;
  std::vector<std::string> lines;
  for (std::size_t slot = 0; slot < static_cast<std::size_t>(config.archive_maximum); ++slot) {
    std::string name = slot < slots.size() ? slots[slot] : std::string();
    const std::string& form = name.empty() ? config.archive_empty : config.archive_entry;
    if (form.empty()) continue;
    saved += name.empty() ? 0 : 1;
    std::string line = with(with(form, "{slot}", std::to_string(slot + 1)), "{name}", name);
    if (!name.empty() && slot == newest) line += config.archive_newest;
    for (std::size_t begin = 0, end = 0; begin <= line.size(); begin = end + 1) {
      end = std::min(line.find('\n', begin), line.size());  // an entry of several lines
      lines.push_back(line.substr(begin, end - begin));
    }
  }
  std::string header = with(command.header, "{maximum}", std::to_string(config.archive_maximum));
  header = with(std::move(header), "{count}", std::to_string(saved));
  TextOutput text{header, "", 1, std::move(lines), command.footer};
  start_output(make_text_source(std::move(text), options_.hostname), false);
}

// Runs the file and archive actions; false for any other action.
bool Device::run_file_action(const ModelCommand& command, const std::vector<Token>& tokens) {
  const ModelConfig& config = cli_.model().config;
  ConfigStore& store = *options_.store;
  // A file named "system:running-config" or "running-config" is the running configuration.
  auto named = [&](const std::string& name) -> std::optional<std::vector<std::string>> {
    if (name.ends_with("running-config")) return store.running();
    if (name.ends_with("startup-config")) return store.startup();
    return store.file(name);
  };
  switch (command.action) {
    case CommandAction::kWriteFile:
      writing_file_ = file_opened(tokenize(last_line_));
      if (writing_file_.empty()) emit_text(with(config.file_missing, "{file}", last_line_));
      emit_prompt();
      return true;
    case CommandAction::kDeleteFile:
      if (!store.delete_file(tokens.back().text))
        emit_text(with(config.file_missing, "{file}", tokens.back().text));
      break;
    case CommandAction::kReplace:
      replace_from_file(command, tokens);
      return true;
    case CommandAction::kConfirm:
      if (!store.confirm()) emit_text(config.confirm_none);
      break;
    case CommandAction::kRevertTimer: {
      int minutes = number_after(tokens, "timer");
      int level = cli_.find("configuration");
      if (minutes < 1 || level < 0) return false;
      emit_lines(with(config.archive_backup, "{name}", archive()));
      store.arm_revert(minutes * 60);
      enter_level(static_cast<std::size_t>(level), true);
      return true;
    }
    case CommandAction::kArchive:
      emit_lines(with(command.output, "{name}", archive()));
      emit_prompt();
      return true;
    case CommandAction::kShowArchive:
      show_archive(command);
      return true;
    case CommandAction::kFileDiff:
    case CommandAction::kIncrementalDiff: {
      bool incremental = command.action == CommandAction::kIncrementalDiff;
      std::vector<std::string> names;  // NX-OS writes "file NAME", "checkpoint NAME"
      for (const auto& token : tokens)
        if (token.text != "file" && token.text != "checkpoint") names.push_back(token.text);
      auto before = incremental ? std::optional(store.running()) : named(names[names.size() - 2]);
      auto after = named(names.back());
      if (!before || !after) {
        emit_text(with(config.file_missing, "{file}", tokens.back().text));
        break;
      }
      if (incremental) {
        std::vector<std::string> lines;
        for (const auto& line : *after)
          if (std::find(before->begin(), before->end(), line) == before->end())
            lines.push_back(line);
        TextOutput text{command.header, "", 1, std::move(lines), command.footer};
        start_output(make_text_source(std::move(text), options_.hostname), false);
        return true;
      }
      emit_lines(command.header);
      print_difference(*before, *after);
      break;
    }
    default:
      return false;
  }
  emit_lines(command.output);
  emit_prompt();
  return true;
}

}  // namespace vty::sim
