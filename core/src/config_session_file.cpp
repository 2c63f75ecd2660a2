// ConfigSession on OSes that stage a change in a file on the device (IOS-XE: written from
// tclsh, diffed with `show archive config differences`, applied with `configure replace`)
// and that number rollbacks by named checkpoints (IOS-XE archive, NX-OS, EOS).
#include "config_checkpoints.hpp"
#include "config_text.hpp"
#include "vty/config_session.hpp"

namespace vty {
using detail::lines_of;
using detail::with;

std::string ConfigSession::file_command(const std::string& command) const {
  return with(command, "{file}", commands_.stage_file);
}

// Writes everything staged so far to the file: Tcl takes the lines between the braces as
// they are, so a line with an unbalanced brace would end them early and is refused.
asio::awaitable<void> ConfigSession::load_file(std::string text, LoadMode mode) {
  std::vector<std::string> added = lines_of(text);
  int depth = 0;
  for (const auto& line : added) {
    for (char c : line) depth += c == '{' ? 1 : c == '}' ? -1 : 0;
    if (depth < 0) break;
  }
  if (depth != 0) {
    throw UsageError("braces do not pair up in the configuration: " + commands_.stage_file +
                         " is written from Tcl, which cannot take them",
                     {.host = driver_.options().host, .operation = "load_config"});
  }
  if (staged_ && !in_file_) co_await abort();  // NX-OS: a merge waiting in the session
  if (mode == LoadMode::kReplace || !staged_) held_.clear();
  if (!staged_ || mode == LoadMode::kReplace) merge_file_ = mode == LoadMode::kMerge;
  held_ += text;
  if (!held_.empty() && held_.back() != '\n') held_ += '\n';
  std::vector<std::string> sent = lines_of(held_);
  sent.insert(sent.begin(), file_command(commands_.stage_begin));
  sent.push_back(commands_.stage_end);
  auto responses = co_await driver_.send_configs(
      std::move(sent),
      {.stop_on_failed = true, .privilege = commands_.stage_privilege, .stage_only = true});
  co_await leave();
  staged_ = true;
  in_file_ = true;
  if (responses.failed()) {
    const Response& refused = responses.back();
    co_await delete_file();
    throw CommandFailed("writing " + commands_.stage_file + " failed: " + refused.result,
                        {.host = driver_.options().host,
                         .operation = "load_config",
                         .command = refused.command,
                         .tail = refused.result});
  }
}

asio::awaitable<std::string> ConfigSession::diff_file() {
  if (!staged_) co_return std::string();
  const std::string& command = merge_file_ && !commands_.diff_merge.empty() ? commands_.diff_merge
                               : !commands_.diff_file.empty()               ? commands_.diff_file
                                                              : need(commands_.diff, "diff");
  auto response = co_await driver_.send_command(file_command(command));
  co_return tidy(response.result);
}

asio::awaitable<void> ConfigSession::commit_file(CommitOptions options) {
  std::string command = commit_command(options);  // merge: the confirmed level's entry, or ""
  const bool confirmed = options.confirm_minutes > 0;
  if (!staged_) co_return;
  if (!confirmed || !commands_.device_checkpoints_confirmed) co_await save_checkpoint();
  if (merge_file_) {
    co_await merge_lines(std::move(command));
    co_return;
  }
  auto response = co_await driver_.send_command(command);
  co_await delete_file();
  if (response.failed) {
    throw CommitFailed("the device refused the replace: " + response.result,
                       {.host = driver_.options().host,
                        .operation = "commit",
                        .command = command,
                        .tail = response.result});
  }
}

// A merge is the lines typed at the configuration level (with a revert timer when
// confirmed): the device has no transaction, so the lines before a refused one stay.
asio::awaitable<void> ConfigSession::merge_lines(std::string enter) {
  std::vector<std::string> lines = lines_of(held_);
  co_await delete_file();
  if (!enter.empty()) co_await driver_.send_command(enter);
  auto responses = co_await driver_.send_configs(
      std::move(lines), {.stop_on_failed = true, .privilege = driver_.platform().config_privilege});
  if (responses.failed()) {
    const Response& refused = responses.back();
    throw CommitFailed("the device refused \"" + refused.command +
                           "\" (the lines before it stay applied): " + refused.result,
                       {.host = driver_.options().host,
                        .operation = "commit",
                        .command = refused.command,
                        .tail = refused.result});
  }
}

asio::awaitable<void> ConfigSession::delete_file() {
  co_await driver_.send_command(file_command(need(commands_.stage_delete, "abort")));
  staged_ = false;
  merge_file_ = false;
  in_file_ = false;
  held_.clear();
}

asio::awaitable<void> ConfigSession::save_checkpoint() {
  if (commands_.checkpoint.empty()) co_return;
  auto response = co_await driver_.send_command(commands_.checkpoint);
  if (response.failed) {
    throw CommandFailed("the device saved no checkpoint to roll back to: " + response.result,
                        {.host = driver_.options().host,
                         .operation = "checkpoint",
                         .command = commands_.checkpoint,
                         .tail = response.result});
  }
}

asio::awaitable<void> ConfigSession::rollback_to_checkpoint(int n) {
  auto listing = co_await driver_.send_command(commands_.checkpoints);
  auto name = detail::nth_checkpoint(listing.result, commands_.checkpoint_pattern,
                                     commands_.checkpoint_latest, n);
  if (!name) {
    throw CommandFailed("the device has no checkpoint " + std::to_string(n) + " (\"" +
                            commands_.checkpoints + "\" lists fewer)",
                        {.host = driver_.options().host,
                         .operation = "rollback",
                         .command = commands_.checkpoints,
                         .tail = listing.result});
  }
  co_await save_checkpoint();  // the rollback can itself be rolled back
  std::string command = with(need(commands_.rollback, "rollback"), "{checkpoint}", *name);
  auto response = co_await driver_.send_command(command);
  if (response.failed) {
    throw CommandFailed("the device refused \"" + command + "\": " + response.result,
                        {.host = driver_.options().host,
                         .operation = "rollback",
                         .command = command,
                         .tail = response.result});
  }
}

}  // namespace vty
