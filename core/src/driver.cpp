#include "vty/driver.hpp"

#include <asio/co_spawn.hpp>
#include <asio/use_future.hpp>

#include "vty/errors.hpp"

namespace vty {

Driver::Driver(Options options) : io_(1), driver_(io_.get_executor(), std::move(options)) {}

Driver::~Driver() {
  driver_.abort();
}

template <typename T>
T Driver::run(asio::awaitable<T> verb) {
  auto done = asio::co_spawn(io_, std::move(verb), asio::use_future);
  io_.restart();
  // Until the verb is done, not until the loop is idle: a jump host's pump or a keepalive
  // timer keeps work on the loop for as long as the session is open.
  while (done.wait_for(std::chrono::seconds(0)) != std::future_status::ready && io_.run_one()) {
  }
  return done.get();
}

void Driver::open() {
  if (driver_.options().keepalive_interval.count() > 0) {
    throw UsageError(
        "Options::keepalive_interval needs an event loop running between calls: use "
        "vty::AsyncDriver, or call get_prompt() now and then (docs/ssh.md)",
        {.host = driver_.options().host, .operation = "open"});
  }
  run(driver_.open());
}
void Driver::close() {
  run(driver_.close());
}
std::string Driver::get_prompt() {
  return run(driver_.get_prompt());
}
void Driver::acquire_priv(std::string level) {
  run(driver_.acquire_priv(std::move(level)));
}

Response Driver::send_command(std::string command, CommandOptions options) {
  return run(driver_.send_command(std::move(command), std::move(options)));
}
MultiResponse Driver::send_commands(std::vector<std::string> commands, CommandOptions options) {
  return run(driver_.send_commands(std::move(commands), std::move(options)));
}
MultiResponse Driver::send_commands_from_file(std::filesystem::path file, CommandOptions options) {
  return run(driver_.send_commands_from_file(std::move(file), std::move(options)));
}
MultiResponse Driver::send_configs(std::vector<std::string> configs, CommandOptions options) {
  return run(driver_.send_configs(std::move(configs), std::move(options)));
}
Response Driver::send_config(std::string config, CommandOptions options) {
  return run(driver_.send_config(std::move(config), std::move(options)));
}
MultiResponse Driver::send_configs_from_file(std::filesystem::path file, CommandOptions options) {
  return run(driver_.send_configs_from_file(std::move(file), std::move(options)));
}
Response Driver::send_interactive(std::vector<InteractiveEvent> events, CommandOptions options) {
  return run(driver_.send_interactive(std::move(events), std::move(options)));
}
Response Driver::send_interactive_from_file(std::filesystem::path file, CommandOptions options) {
  return run(driver_.send_interactive_from_file(std::move(file), std::move(options)));
}
Response Driver::send_and_read(std::string input, ReadOptions options) {
  return run(driver_.send_and_read(std::move(input), std::move(options)));
}
Response Driver::send_and_read_from_file(std::filesystem::path file, ReadOptions options) {
  return run(driver_.send_and_read_from_file(std::move(file), std::move(options)));
}

}  // namespace vty
