/// @file
/// The asynchronous driver: one session with one device, every verb an asio awaitable.
/// A driver belongs to one executor: call its verbs from coroutines on that executor.
/// Concurrent verbs on one driver queue up; they never interleave on the wire.
#pragma once

#include "vty/detail/asio.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vty/options.hpp"
#include "vty/output_sink.hpp"
#include "vty/platform.hpp"
#include "vty/platform_detect.hpp"
#include "vty/response.hpp"

namespace vty {

/// The per-call option types below hold views and plain values only, so that writing them
/// inline (`co_await conn->send_command("show run", {.timeout = 60s})`) is safe even with
/// GCC 12, which copies aggregate temporaries in co_await expressions bitwise. The viewed
/// strings must outlive the call.
struct CommandOptions {
  std::optional<std::chrono::milliseconds> timeout{};  ///< instead of Options::timeout_ops
  bool strip_prompt = true;     ///< false: the result ends with the prompt line
  bool stop_on_failed = false;  ///< send_commands/send_configs: stop at the first failure
  /// The level to send at ("": the platform's default level; for send_configs, its
  /// configuration level). Every verb moves there first; send_configs returns afterwards.
  std::string_view privilege{};
  /// send_configs: stage the lines only: no commit or abort, and stay at the configuration
  /// level, so that a ConfigSession (or the caller) decides what happens to them
  bool stage_only = false;
  /// send_command(s): the output goes here as it arrives, and Response::result stays empty
  /// (raw_result keeps only the last few KB); failed is still set. The sink must outlive
  /// the call.
  OutputSink* sink = nullptr;
};

/// One step of a dialogue: send `input`, then wait until the last line contains `expect`
/// (plain text; "" waits for the prompt). `hidden` input (a password) is neither awaited
/// as echo nor shown in errors.
struct InteractiveEvent {
  std::string_view input{};
  std::string_view expect{};
  bool hidden = false;
};

struct ReadOptions {
  std::string_view until{};  ///< PCRE2 pattern for the last line; "" reads until the prompt
  std::chrono::milliseconds duration{2'000};  ///< without `until`: read at most this long
  /// With `until`: instead of Options::timeout_ops.
  std::optional<std::chrono::milliseconds> timeout{};
  std::string_view privilege{};  ///< the level to send at ("": the platform's default)
};

class AsyncDriver {
 public:
  /// Loads the platform definition at once (throws PlatformError); connects only in open().
  AsyncDriver(asio::any_io_executor executor, Options options);
  ~AsyncDriver();  ///< aborts a session that was not closed; never throws
  AsyncDriver(const AsyncDriver&) = delete;
  AsyncDriver& operator=(const AsyncDriver&) = delete;

  /// Connects, logs in, finds the prompt, acquires the default privilege level and sends
  /// the platform's on_open commands.
  asio::awaitable<void> open();
  /// Sends the platform's on_close commands and closes the transport.
  asio::awaitable<void> close();
  /// Ends the session at once, without a word to the device. Never throws.
  void abort() noexcept;
  bool is_open() const noexcept;
  /// Open, and the transport has not seen the session end (the device hung up, the
  /// connection broke). Never blocks and reads nothing; see docs/ssh.md for keepalives
  /// (Options::keepalive_interval).
  bool is_alive() const noexcept;
  /// False after a verb ended without the device's prompt (an OperationTimeout, an
  /// OperationCancelled, an UnknownPrompt): the device may still be sending that answer.
  /// The next verb then first discards it, up to a fresh prompt, so that its Response holds
  /// only its own output; it raises SessionOutOfSync when no prompt comes within
  /// Options::timeout_ops. See docs/timeouts.md.
  bool in_sync() const noexcept;
  /// Ends the session abortively (if any) and opens a new one with the same options: the
  /// way back after is_alive() turned false or a ConnectionClosed.
  asio::awaitable<void> reopen();

  /// Sends a return and gives the prompt the device answers with.
  asio::awaitable<std::string> get_prompt();
  /// Moves to `level` (a privilege level name of the platform), escalating with the
  /// secondary password where the platform asks for one.
  asio::awaitable<void> acquire_priv(std::string level);
  const std::string& current_privilege() const noexcept;

  asio::awaitable<Response> send_command(std::string command, CommandOptions options = {});
  asio::awaitable<MultiResponse> send_commands(std::vector<std::string> commands,
                                               CommandOptions options = {});
  asio::awaitable<MultiResponse> send_commands_from_file(std::filesystem::path file,
                                                         CommandOptions options = {});
  /// Enters the configuration level, sends each line, commits where the platform has
  /// commits, and returns to the default level.
  asio::awaitable<MultiResponse> send_configs(std::vector<std::string> configs,
                                              CommandOptions options = {});
  /// The lines of `config` as one Response (results joined, failed if any line failed).
  asio::awaitable<Response> send_config(std::string config, CommandOptions options = {});
  asio::awaitable<MultiResponse> send_configs_from_file(std::filesystem::path file,
                                                        CommandOptions options = {});
  /// A dialogue such as `copy run start` -> "Destination filename" -> "" -> prompt.
  asio::awaitable<Response> send_interactive(std::vector<InteractiveEvent> events,
                                             CommandOptions options = {});
  asio::awaitable<Response> send_interactive_from_file(std::filesystem::path file,
                                                       CommandOptions options = {});
  /// Sends input and reads until `until` matches the last line, or, without `until`, until
  /// a prompt or `duration` passes (then the result is whatever arrived; no timeout error).
  asio::awaitable<Response> send_and_read(std::string input, ReadOptions options = {});
  asio::awaitable<Response> send_and_read_from_file(std::filesystem::path file,
                                                    ReadOptions options = {});

  const PlatformDefinition& platform() const noexcept;
  /// With platform "auto", after open(): the platform found and why; otherwise empty.
  const std::optional<PlatformGuess>& detection() const noexcept;
  const Options& options() const noexcept;
  asio::any_io_executor get_executor() const noexcept;

 private:
  asio::awaitable<void> open_session();  // open() without the platform plugin's hook
  struct State;
  std::shared_ptr<State> state_;  // shared with the keepalive while it talks to the device
};

/// The scoped guard `connect` returns: owns an open driver and aborts the session when it
/// leaves scope unless close() was awaited first. Use it like a pointer to the driver.
class Connection {
 public:
  explicit Connection(std::unique_ptr<AsyncDriver> driver) : driver_(std::move(driver)) {}
  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;
  ~Connection() = default;  ///< ~AsyncDriver aborts an open session; never throws

  AsyncDriver* operator->() const noexcept { return driver_.get(); }
  AsyncDriver& operator*() const noexcept { return *driver_; }

 private:
  std::unique_ptr<AsyncDriver> driver_;
};

namespace detail {
asio::awaitable<Connection> connect(asio::any_io_executor executor, Options options);
}

/// Creates a driver and opens it. Name the options in a statement of their own first:
/// `vty::Options device{...}; auto conn = co_await vty::connect(executor, device);`
/// A temporary, braced (`connect(executor, {...})`) or typed (`vty::Options{...}`), does
/// not compile: GCC 12 destroys such a temporary twice inside a co_await expression
/// (`free(): invalid pointer`); see docs/concurrency.md.
inline asio::awaitable<Connection> connect(asio::any_io_executor executor, const Options& options) {
  return detail::connect(std::move(executor), options);
}
asio::awaitable<Connection> connect(asio::any_io_executor executor, Options&& options) = delete;

}  // namespace vty
