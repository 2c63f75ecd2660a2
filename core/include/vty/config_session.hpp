/// @file
/// Configuration management on an open driver: read the running, startup or candidate
/// configuration, stage changes (merge or replace) without touching the running
/// configuration where the OS allows it, see the difference, commit (with a confirm timer
/// and a comment), confirm, abort, roll back and save. What each operation sends is the
/// platform definition's [config_session] table (docs/config.md).
#pragma once

#include "vty/detail/asio.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vty/async_driver.hpp"
#include "vty/errors.hpp"

namespace vty {

class Regex;  // internal: the session holds compiled patterns it never shows

/// The device refused a configuration line: line() is the line, device_message() what the
/// device printed for it. Nothing of the load stays staged.
class ConfigLineRefused : public CommandFailed {
 public:
  ConfigLineRefused(std::string line, std::string device_message, ErrorContext context)
      : CommandFailed("vty::ConfigLineRefused",
                      "the device refused \"" + line + "\": " + device_message, std::move(context)),
        line_(std::move(line)),
        device_message_(std::move(device_message)) {}
  const std::string& line() const noexcept { return line_; }
  const std::string& device_message() const noexcept { return device_message_; }

 private:
  std::string line_;
  std::string device_message_;
};

/// The device refused a commit (a check failed); the staged changes were dropped.
class CommitFailed : public CommandFailed {
 public:
  CommitFailed(const std::string& summary, ErrorContext context)
      : CommandFailed("vty::CommitFailed", summary, std::move(context)) {}
};

/// Someone else holds the configuration lock (or has uncommitted changes in a shared one).
class ConfigLocked : public CommandFailed {
 public:
  ConfigLocked(const std::string& summary, ErrorContext context)
      : CommandFailed("vty::ConfigLocked", summary, std::move(context)) {}
};

/// The platform has no such operation (or no [config_session] table at all).
class UnsupportedOperation : public UsageError {
 public:
  UnsupportedOperation(const std::string& summary, ErrorContext context)
      : UsageError("vty::UnsupportedOperation", summary, std::move(context)) {}
};

enum class ConfigSource { kRunning, kStartup, kCandidate };
enum class LoadMode {
  kMerge,    ///< the lines are added to the configuration
  kReplace,  ///< the lines become the whole configuration
};

struct CommitOptions {
  int confirm_minutes = 0;     ///< > 0: rolled back unless confirm() comes within this time
  std::string_view comment{};  ///< "" for none
};

/// One configuration session on an open AsyncDriver (which must outlive it). Staged changes
/// live in the device's candidate until commit() or abort(); a session destroyed with
/// changes staged leaves them to the device (Junos exclusive, EOS sessions: dropped when the
/// CLI session ends).
class ConfigSession {
 public:
  /// Throws UnsupportedOperation when the platform has no [config_session] table.
  explicit ConfigSession(AsyncDriver& driver);

  asio::awaitable<std::string> get_config(ConfigSource source = ConfigSource::kRunning);
  /// Stages `text` (one configuration line per line). A refused line throws
  /// ConfigLineRefused after dropping everything staged.
  asio::awaitable<void> load_config(std::string text, LoadMode mode = LoadMode::kMerge);
  /// The staged changes as the device shows them.
  asio::awaitable<std::string> diff();
  asio::awaitable<void> commit(CommitOptions options = {});
  /// Throws UnsupportedOperation when commit(options) would, for what is staged now, without
  /// sending anything: a fleet can refuse before any host commits.
  void check_commit(CommitOptions options = {}) const;
  /// Confirms a commit made with confirm_minutes (in this session or an earlier one).
  asio::awaitable<void> confirm();
  /// Drops the staged changes.
  asio::awaitable<void> abort();
  /// Makes rollback `n` (1: the configuration before the last commit) the running one.
  asio::awaitable<void> rollback(int n);
  /// Copies the running configuration to the startup configuration.
  asio::awaitable<void> save();

  bool staged() const noexcept { return staged_; }

 private:
  const std::string& need(const std::string& command, std::string_view operation) const;
  asio::awaitable<MultiResponse> send_at_config(std::vector<std::string> lines,
                                                std::string_view operation, bool stop_on_failed);
  asio::awaitable<Response> at_config(std::string command, std::string_view operation);
  asio::awaitable<void> leave();
  asio::awaitable<void> commit_difference(CommitOptions options);
  std::string tidy(std::string text) const;
  std::string commit_command(CommitOptions options) const;
  // A staged file (IOS-XE), in config_session_file.cpp
  std::string file_command(const std::string& command) const;
  asio::awaitable<void> load_file(std::string text, LoadMode mode);
  asio::awaitable<std::string> diff_file();
  asio::awaitable<void> commit_file(CommitOptions options);
  asio::awaitable<void> merge_lines(std::string enter);
  asio::awaitable<void> delete_file();
  // Named checkpoints, in config_session_file.cpp
  asio::awaitable<void> save_checkpoint();
  asio::awaitable<void> rollback_to_checkpoint(int n);

  AsyncDriver& driver_;
  const ConfigSessionCommands& commands_;
  std::string level_;
  std::shared_ptr<const std::vector<Regex>> context_lines_;
  bool staged_ = false;
  bool replace_at_commit_ = false;  // the commit is commit_replace
  std::string held_;  // replace_by_difference: the target configuration; stage_file: the lines
  bool merge_file_ = false;  // stage_file: the staged file is merged, not replaced
  bool in_file_ = false;     // what is staged is in stage_file
  bool file_only() const noexcept {
    return !commands_.stage_file.empty() && !commands_.stage_file_replace_only;
  }
};

class Driver;

/// ConfigSession for the blocking Driver: the same operations, each run to completion.
class BlockingConfigSession {
 public:
  explicit BlockingConfigSession(Driver& driver);  ///< throws as ConfigSession does

  std::string get_config(ConfigSource source = ConfigSource::kRunning);
  void load_config(std::string text, LoadMode mode = LoadMode::kMerge);
  std::string diff();
  void commit(CommitOptions options = {});
  void confirm();
  void abort();
  void rollback(int n);
  void save();
  bool staged() const noexcept { return session_.staged(); }

 private:
  template <typename T>
  T run(asio::awaitable<T> operation);
  Driver& driver_;
  ConfigSession session_;
};

}  // namespace vty
