/// @file
/// The blocking driver: the same verbs as AsyncDriver for code with no event loop. Each
/// call runs its own small event loop until the verb is done. Not thread-safe: use one
/// Driver per thread, or guard it.
#pragma once

#include "vty/detail/asio.hpp"

#include "vty/async_driver.hpp"

namespace vty {

class Driver {
 public:
  explicit Driver(Options options);
  ~Driver();  ///< aborts a session that was not closed; never throws
  Driver(const Driver&) = delete;
  Driver& operator=(const Driver&) = delete;

  void open();
  void close();
  bool is_open() const noexcept { return driver_.is_open(); }
  std::string get_prompt();
  void acquire_priv(std::string level);
  const std::string& current_privilege() const noexcept { return driver_.current_privilege(); }
  /// False after a verb ended without the device's prompt (an OperationTimeout, an
  /// UnknownPrompt): the next verb first discards the late answer. As AsyncDriver::in_sync();
  /// see docs/timeouts.md.
  bool in_sync() const noexcept { return driver_.in_sync(); }

  Response send_command(std::string command, CommandOptions options = {});
  MultiResponse send_commands(std::vector<std::string> commands, CommandOptions options = {});
  MultiResponse send_commands_from_file(std::filesystem::path file, CommandOptions options = {});
  MultiResponse send_configs(std::vector<std::string> configs, CommandOptions options = {});
  Response send_config(std::string config, CommandOptions options = {});
  MultiResponse send_configs_from_file(std::filesystem::path file, CommandOptions options = {});
  Response send_interactive(std::vector<InteractiveEvent> events, CommandOptions options = {});
  Response send_interactive_from_file(std::filesystem::path file, CommandOptions options = {});
  Response send_and_read(std::string input, ReadOptions options = {});
  Response send_and_read_from_file(std::filesystem::path file, ReadOptions options = {});

  const PlatformDefinition& platform() const noexcept { return driver_.platform(); }
  /// With platform "auto", after open(): the platform found and why; otherwise empty.
  const std::optional<PlatformGuess>& detection() const noexcept { return driver_.detection(); }

 private:
  friend class BlockingConfigSession;  // runs a ConfigSession on this driver's loop
  template <typename T>
  T run(asio::awaitable<T> verb);
  asio::io_context io_;
  AsyncDriver driver_;
};

}  // namespace vty
