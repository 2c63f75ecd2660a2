#include "vty/config_session.hpp"

#include "config_reload.hpp"
#include "config_text.hpp"
#include "vty/config_diff.hpp"
#include "vty/regex.hpp"

namespace vty {
using detail::lines_of;
using detail::with;
using detail::with_minutes;

// Without the context lines and blank lines the device printed above its prompt.
std::string ConfigSession::tidy(std::string text) const {
  while (!text.empty()) {
    std::size_t start = text.rfind('\n');
    std::string_view last = start == std::string::npos ? std::string_view(text)
                                                       : std::string_view(text).substr(start + 1);
    bool context = last.find_first_not_of(" \t\r") == std::string_view::npos;
    for (const auto& pattern : *context_lines_) context = context || pattern.search(last);
    if (!context) break;
    text.resize(start == std::string::npos ? 0 : start);
  }
  return text;
}

ConfigSession::ConfigSession(AsyncDriver& driver)
    : driver_(driver), commands_(driver.platform().config_session) {
  const PlatformDefinition& platform = driver.platform();
  if (!commands_.supported) {
    throw UnsupportedOperation(
        "platform " + platform.name + " has no configuration management ([config_session])",
        {.host = driver.options().host, .operation = "ConfigSession"});
  }
  level_ = commands_.privilege.empty() ? platform.config_privilege : commands_.privilege;
  auto context_lines = std::make_shared<std::vector<Regex>>();
  for (const auto& pattern : commands_.context_lines) context_lines->emplace_back(pattern);
  context_lines_ = std::move(context_lines);
}

const std::string& ConfigSession::need(const std::string& command,
                                       std::string_view operation) const {
  if (command.empty()) {
    throw UnsupportedOperation(
        "platform " + driver_.platform().name + " has no " + std::string(operation),
        {.host = driver_.options().host, .operation = std::string(operation)});
  }
  return command;
}

// Output naming a lock means another user holds the configuration.
static bool is_locked(const ConfigSessionCommands& commands, const std::string& text) {
  for (const auto& marker : commands.locked_when_contains)
    if (text.find(marker) != std::string::npos) return true;
  return false;
}

[[noreturn]] static void throw_locked(const std::string& host, std::string_view operation,
                                      const std::string& command, const std::string& seen) {
  throw ConfigLocked(
      "the configuration is locked: " + seen,
      {.host = host, .operation = std::string(operation), .command = command, .tail = seen});
}

// Sends lines at the configuration level and stays there. Output naming a lock is
// ConfigLocked, whether it comes from entering the level or from a line.
asio::awaitable<MultiResponse> ConfigSession::send_at_config(std::vector<std::string> lines,
                                                             std::string_view operation,
                                                             bool stop_on_failed) {
  std::string seen;
  std::string first = lines.empty() ? std::string() : lines.front();
  try {
    if (!commands_.enter.empty() && driver_.current_privilege() != level_) {
      auto entered = co_await driver_.send_command(commands_.enter);
      if (entered.failed || driver_.current_privilege() != level_) {
        throw CommandFailed(
            "\"" + commands_.enter + "\" did not reach " + level_ + ": " + entered.result,
            {.host = driver_.options().host,
             .operation = std::string(operation),
             .command = commands_.enter,
             .tail = entered.result});
      }
    }
    auto responses = co_await driver_.send_configs(
        std::move(lines),
        {.stop_on_failed = stop_on_failed, .privilege = level_, .stage_only = true});
    for (const auto& response : responses)
      if (is_locked(commands_, response.raw_result)) seen = response.result;
    if (seen.empty()) co_return responses;
  } catch (const PrivilegeError& error) {
    if (!is_locked(commands_, error.tail())) throw;
    seen = error.tail();
  }
  throw_locked(driver_.options().host, operation, first, seen);
}

asio::awaitable<Response> ConfigSession::at_config(std::string command,
                                                   std::string_view operation) {
  std::vector<std::string> lines(1, std::move(command));  // GCC 12: no init lists in co_await
  auto responses = co_await send_at_config(std::move(lines), operation, false);
  co_return responses.back();
}

asio::awaitable<void> ConfigSession::leave() {
  co_await driver_.acquire_priv(driver_.platform().default_privilege);
}

asio::awaitable<std::string> ConfigSession::get_config(ConfigSource source) {
  if (source == ConfigSource::kCandidate) {
    auto response =
        co_await at_config(need(commands_.candidate, "get_config(candidate)"), "get_config");
    co_return tidy(response.result);
  }
  const std::string& command = source == ConfigSource::kRunning
                                   ? need(commands_.running, "get_config(running)")
                                   : need(commands_.startup, "get_config(startup)");
  if (staged_ && !commands_.exec_prefix.empty()) {  // leaving would drop what is staged
    auto response = co_await at_config(commands_.exec_prefix + command, "get_config");
    co_return tidy(response.result);
  }
  auto response = co_await driver_.send_command(command);
  co_return tidy(response.result);
}

asio::awaitable<void> ConfigSession::load_config(std::string text, LoadMode mode) {
  if (commands_.replace_by_difference) {  // nothing is staged on the device
    if (mode != LoadMode::kReplace) need(std::string(), "load_config(merge)");
    held_ = std::move(text);
    staged_ = true;
    co_return;
  }
  if (in_file_ || file_only() || (!commands_.stage_file.empty() && mode == LoadMode::kReplace)) {
    co_await load_file(std::move(text), mode);
    co_return;
  }
  std::vector<std::string> lines = lines_of(text);
  if (mode == LoadMode::kReplace && commands_.replace.empty() &&
      !commands_.commit_replace.empty()) {
    replace_at_commit_ = true;  // the lines are staged as they are; the commit replaces
  } else if (mode == LoadMode::kReplace) {
    need(commands_.replace, "load_config(replace)");
    co_await send_at_config(std::vector<std::string>(), "load_config", false);  // a lock shows
    if (commands_.replace_question.empty()) {
      co_await at_config(commands_.replace, "load_config");
    } else {
      std::vector<InteractiveEvent> events(2);
      events[0].input = commands_.replace;
      events[0].expect = commands_.replace_question;
      events[1].input = "yes";
      co_await driver_.send_interactive(std::move(events), {.privilege = level_});
    }
    staged_ = true;
  }
  auto responses = co_await send_at_config(std::move(lines), "load_config", true);
  if (!responses.empty()) staged_ = true;
  if (responses.failed()) {
    const Response& refused = responses.back();
    co_await abort();
    throw ConfigLineRefused(refused.command, refused.result,
                            {.host = driver_.options().host,
                             .operation = "load_config",
                             .command = refused.command,
                             .tail = refused.result});
  }
}

asio::awaitable<std::string> ConfigSession::diff() {
  if (commands_.replace_by_difference) {
    std::string running = co_await get_config(ConfigSource::kRunning);
    if (!staged_) co_return std::string();
    co_return unified_diff(detail::configuration_lines(running),
                           detail::configuration_lines(held_));
  }
  if (in_file_ || file_only()) co_return co_await diff_file();
  if (commands_.diff.empty() && !commands_.candidate.empty()) {  // the OS has no diff
    std::string running = co_await get_config(ConfigSource::kRunning);
    std::string candidate = co_await get_config(ConfigSource::kCandidate);
    co_return unified_diff(running, candidate);
  }
  auto response = co_await at_config(need(commands_.diff, "diff"), "diff");
  co_return tidy(response.result);
}

// The command commit(options) sends for what is staged ("" where it sends no one command:
// FRR's computed commands, a staged merge typed line by line); UnsupportedOperation where
// the platform has no such commit.
std::string ConfigSession::commit_command(CommitOptions options) const {
  const bool confirmed = options.confirm_minutes > 0;
  const bool commented = !options.comment.empty();
  if (commands_.replace_by_difference || replace_at_commit_) {
    if (confirmed || commented)
      need(std::string(), "commit(confirm_minutes, comment) of a replace");
    return replace_at_commit_ ? commands_.commit_replace : std::string();
  }
  if (in_file_ || file_only()) {
    if (commented) need(std::string(), "commit(comment)");
    if (merge_file_) {
      return confirmed ? with_minutes(need(commands_.merge_confirmed_enter,
                                           "commit(confirm_minutes) of a merge"),
                                      options.confirm_minutes)
                       : std::string();
    }
    return file_command(confirmed ? with_minutes(need(commands_.commit_replace_confirmed,
                                                      "commit(confirm_minutes)"),
                                                 options.confirm_minutes)
                                  : need(commands_.commit_replace, "commit"));
  }
  if (confirmed && commented) {
    return with(
        with_minutes(need(commands_.commit_confirmed_comment, "commit(confirm_minutes, comment)"),
                     options.confirm_minutes),
        "{comment}", options.comment);
  }
  if (confirmed) {
    return with_minutes(need(commands_.commit_confirmed, "commit(confirm_minutes)"),
                        options.confirm_minutes);
  }
  if (commented)
    return with(need(commands_.commit_comment, "commit(comment)"), "{comment}", options.comment);
  return need(commands_.commit, "commit");
}

void ConfigSession::check_commit(CommitOptions options) const {
  commit_command(options);
}

asio::awaitable<void> ConfigSession::commit_difference(CommitOptions options) {
  commit_command(options);
  std::string running = co_await get_config(ConfigSource::kRunning);
  std::vector<std::string> commands = detail::reload_commands(running, held_);
  held_.clear();
  staged_ = false;
  if (commands.empty()) co_return;
  auto responses = co_await driver_.send_configs(std::move(commands),
                                                 {.stop_on_failed = true, .privilege = level_});
  if (responses.failed()) {
    const Response& refused = responses.back();
    throw CommitFailed("the device refused \"" + refused.command +
                           "\" (the commands before it "
                           "stay applied): " +
                           refused.result,
                       {.host = driver_.options().host,
                        .operation = "commit",
                        .command = refused.command,
                        .tail = refused.result});
  }
}

asio::awaitable<void> ConfigSession::commit(CommitOptions options) {
  if (commands_.replace_by_difference) {
    co_await commit_difference(options);
    co_return;
  }
  if (in_file_ || file_only()) {
    co_await commit_file(options);
    co_return;
  }
  std::string command = commit_command(options);
  if (!commands_.checkpoint.empty() &&
      (options.confirm_minutes == 0 || !commands_.device_checkpoints_confirmed)) {
    co_await leave();  // the session waits (EOS, NX-OS) while the checkpoint is saved
    co_await save_checkpoint();
  }
  auto response = co_await at_config(command, "commit");
  if (response.failed) {
    co_await abort();
    throw CommitFailed("the device refused the commit: " + response.result,
                       {.host = driver_.options().host,
                        .operation = "commit",
                        .command = command,
                        .tail = response.result});
  }
  staged_ = false;
  replace_at_commit_ = false;
  co_await leave();
}

asio::awaitable<void> ConfigSession::confirm() {
  // With a staged file (IOS-XE, NX-OS) the confirm is an exec command. Two statements: GCC 12
  // miscompiles co_await in both arms of a conditional.
  Response response;
  if (commands_.stage_file.empty())
    response = co_await at_config(need(commands_.confirm, "confirm"), "confirm");
  else
    response = co_await driver_.send_command(need(commands_.confirm, "confirm"));
  if (response.failed) {
    throw CommitFailed("the device refused to confirm: " + response.result,
                       {.host = driver_.options().host,
                        .operation = "confirm",
                        .command = response.command,
                        .tail = response.result});
  }
  co_await leave();
}

asio::awaitable<void> ConfigSession::abort() {
  if (commands_.replace_by_difference) {
    held_.clear();
    staged_ = false;
    co_return;
  }
  if (in_file_ || file_only()) {
    if (staged_) co_await delete_file();
    co_return;
  }
  co_await at_config(need(commands_.abort, "abort"), "abort");
  staged_ = false;
  replace_at_commit_ = false;
  co_await leave();
}

asio::awaitable<void> ConfigSession::rollback(int n) {
  if (n < 0) {
    throw UsageError("rollback needs n >= 0",
                     {.host = driver_.options().host, .operation = "rollback"});
  }
  if (!commands_.checkpoints.empty()) {
    co_await rollback_to_checkpoint(n);
    co_return;
  }
  std::string command = with(need(commands_.rollback, "rollback"), "{n}", std::to_string(n));
  auto response = co_await at_config(command, "rollback");
  if (response.failed) {
    co_await abort();
    throw CommandFailed("the device refused \"" + command + "\": " + response.result,
                        {.host = driver_.options().host,
                         .operation = "rollback",
                         .command = command,
                         .tail = response.result});
  }
  if (commands_.rollback_needs_commit) {
    staged_ = true;
    co_await commit();
  } else {
    co_await leave();
  }
}

asio::awaitable<void> ConfigSession::save() {
  auto response = co_await driver_.send_command(need(commands_.save, "save"));
  if (response.failed) {
    throw CommandFailed("the device refused to save: " + response.result,
                        {.host = driver_.options().host,
                         .operation = "save",
                         .command = response.command,
                         .tail = response.result});
  }
}

}  // namespace vty
