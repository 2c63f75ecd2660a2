#include "vty/async_driver.hpp"

#include <algorithm>

#include "driver_state.hpp"
#include "session_events.hpp"
#include "vty/platform_detect.hpp"
#include "vty/platform_plugin.hpp"
#include "vty/transport.hpp"

namespace vty {

AsyncDriver::AsyncDriver(asio::any_io_executor executor, Options options)
    : state_(std::make_shared<State>(std::move(executor), std::move(options))) {}

AsyncDriver::~AsyncDriver() {
  abort();
}

const PlatformDefinition& AsyncDriver::platform() const noexcept {
  return state_->platform;
}
const std::optional<PlatformGuess>& AsyncDriver::detection() const noexcept {
  return state_->detection;
}
const Options& AsyncDriver::options() const noexcept {
  return state_->options;
}
asio::any_io_executor AsyncDriver::get_executor() const noexcept {
  return state_->executor;
}
bool AsyncDriver::is_open() const noexcept {
  return state_->open;
}

bool AsyncDriver::is_alive() const noexcept {
  return state_->open && state_->channel && state_->channel->transport().is_alive();
}

bool AsyncDriver::in_sync() const noexcept {
  return !state_->channel || state_->channel->in_sync();
}

asio::awaitable<void> AsyncDriver::reopen() {
  abort();
  // A keepalive (or another verb) may still be on the channel: the abort makes it fail,
  // and it lets go of the channel before the channel goes.
  if (state_->channel) co_await state_->channel->lock();
  state_->channel.reset();
  state_->level = nullptr;
  co_await open();
}

const std::string& AsyncDriver::current_privilege() const noexcept {
  static const std::string none;
  return state_->level ? state_->level->name : none;
}

asio::awaitable<void> AsyncDriver::open() {
  auto& s = *state_;
  if (s.open || s.channel) throw UsageError("open() was already called", s.context("open"));
  const bool detecting = s.platform.name == "auto";  // open_session() finds the platform
  const PlatformPlugin* plugin = detecting ? nullptr : platform_plugin_for(s.platform);
  if (plugin && plugin->prepare) plugin->prepare(s.options);
  co_await open_session();
  if (detecting) plugin = platform_plugin_for(s.platform);
  if (detecting && plugin && plugin->prepare) {
    // The platform's login needs options set before connecting: a session of its own.
    abort();
    s.channel.reset();
    plugin->prepare(s.options);
    co_await open_session();
  }
  if (plugin && plugin->on_open) {
    try {
      co_await plugin->on_open(*this);
    } catch (...) {
      abort();
      throw;
    }
  }
  s.start_keepalive(state_);
}

asio::awaitable<void> AsyncDriver::open_session() {
  auto& s = *state_;
  using Kind = SessionEvent::Kind;
  auto transport = s.options.transport.make(s.executor, s.options);
  s.events = std::make_unique<detail::SessionEvents>(s.options, s.platform.name, transport->name(),
                                                     transport->authenticates_in_band());
  auto& events = *s.events;
  events.note(Kind::operation_started, "open");
  bool ready = false;
  struct Finish {  // the open's last events, however it ends
    detail::SessionEvents& events;
    const bool& ready;
    ~Finish() {
      events.note(Kind::operation_finished, "open", {}, !ready);
      if (!ready) events.note(Kind::ended, "abort");
    }
  } finish{events, ready};
  events.opening();  // before connecting: an observer that refuses (a recording) fails the open
  co_await transport->open();
  events.note(Kind::opened);
  std::optional<detail::Detection> detection;
  if (s.platform.name == "auto") detection.emplace(s.options);
  s.channel = std::make_unique<Channel>(s.executor, std::move(transport),
                                        detection ? detection->probe : s.platform, s.host);
  s.channel->observe(s.events.get());
  s.channel->fail_on_unknown_prompt(s.options.timeout_unknown_prompt);
  auto lock = co_await s.channel->lock();
  try {
    Channel::Reply reply;
    if (detection) {
      reply = co_await s.detect(*detection);
    } else {
      reply = co_await s.log_in();
    }
    s.update_level(reply.prompt, "open");
    co_await s.acquire(s.platform.default_privilege, "open");
    for (const auto& command : s.platform.on_open) {
      auto answer = co_await s.exchange(
          {.operation = "open", .input = command, .timeout = s.options.timeout_ops});
      s.update_level(answer.prompt, "open");
    }
    ready = true;
  } catch (...) {
    s.channel->transport().abort();
    throw;
  }
  s.open = ready;
}

asio::awaitable<void> AsyncDriver::close() {
  auto& s = *state_;
  if (!s.open) co_return;
  const PlatformPlugin* plugin = platform_plugin_for(s.platform);
  if (plugin && plugin->on_close) {
    try {
      co_await plugin->on_close(*this);
    } catch (const DriverException&) {
      // The session ends either way.
    }
  }
  if (!s.open) co_return;
  auto lock = co_await s.channel->lock();
  if (!s.open) co_return;
  s.open = false;
  s.stop_keepalive();
  try {
    for (const auto& command : s.platform.on_close)
      co_await s.channel->write(command + s.platform.return_char);
    co_await s.channel->transport().close();
  } catch (const DriverException&) {
    // The device may hang up on "exit" before we do: the session is over either way.
    s.channel->transport().abort();
  }
  if (s.events) s.events->note(SessionEvent::Kind::ended, "close");
}

void AsyncDriver::abort() noexcept {
  auto& s = *state_;
  const bool was_open = s.open;
  s.open = false;
  s.stop_keepalive();
  if (s.channel) s.channel->abort();
  if (was_open && s.events) s.events->note(SessionEvent::Kind::ended, "abort");
}

asio::awaitable<std::string> AsyncDriver::get_prompt() {
  auto& s = *state_;
  auto lock = co_await s.begin("get_prompt", false);
  auto reply = co_await s.exchange({.operation = "get_prompt", .timeout = s.options.timeout_ops});
  s.update_level(reply.prompt, "get_prompt");
  co_return reply.prompt;
}

asio::awaitable<void> AsyncDriver::acquire_priv(std::string level) {
  auto& s = *state_;
  auto lock = co_await s.begin("acquire_priv", false, {}, level);
  co_await s.acquire(level, "acquire_priv");
}

asio::awaitable<Response> AsyncDriver::send_command(std::string command, CommandOptions options) {
  auto& s = *state_;
  // The usual command costs this one coroutine frame: no frame for begin() when it need not
  // wait, and command()'s steps run here.
  auto lock = s.try_begin("send_command", true, options.privilege, command);
  if (!lock) lock.emplace(co_await s.begin("send_command", true, options.privilege, command));
  State::CommandRun run(s, std::move(command), options, "send_command");
  auto reply = co_await s.exchange(run.exchange());
  co_return run.finish(std::move(reply));
}

asio::awaitable<MultiResponse> AsyncDriver::send_commands(std::vector<std::string> commands,
                                                          CommandOptions options) {
  auto& s = *state_;
  auto lock = co_await s.begin("send_commands", true, options.privilege);
  MultiResponse responses;
  try {
    for (const auto& command : commands) {
      responses.push_back(co_await s.command(command, options, "send_commands"));
      if (options.stop_on_failed && responses.back().failed) break;
    }
  } catch (DriverException& error) {
    error.set_partial(std::move(responses));  // a drop at command 10 keeps the first 9
    throw;
  }
  co_return responses;
}

asio::awaitable<MultiResponse> AsyncDriver::send_configs(std::vector<std::string> configs,
                                                         CommandOptions options) {
  auto& s = *state_;
  auto lock = co_await s.begin("send_configs", false);
  std::string_view level = s.platform.config_privilege;
  if (!options.privilege.empty()) level = options.privilege;
  co_await s.acquire(level, "send_configs");
  MultiResponse responses;
  try {
    for (const auto& line : configs) {
      responses.push_back(co_await s.command(line, options, "send_configs"));
      if (options.stop_on_failed && responses.back().failed) break;
    }
    if (options.stage_only) co_return responses;
    // Platforms with configuration sessions keep nothing until a commit; some have a level
    // beside them (EOS `configure terminal`) that applies each line as it is typed.
    const auto& immediate = s.platform.config_no_commit_at;
    const bool in_session = std::find(immediate.begin(), immediate.end(), level) == immediate.end();
    std::string finish = !in_session ? std::string()
                         : responses.failed() && !s.platform.config_abort.empty()
                             ? s.platform.config_abort
                             : s.platform.config_commit;
    if (!finish.empty()) responses.push_back(co_await s.command(finish, options, "send_configs"));
    // A refused commit leaves the changes pending, and leaving configuration with pending
    // changes asks a question (IOS-XR, Junos, VRP8) or is refused (VyOS): drop them first.
    if (!finish.empty() && finish == s.platform.config_commit && responses.back().failed &&
        !s.platform.config_abort.empty())
      responses.push_back(co_await s.command(s.platform.config_abort, options, "send_configs"));
    co_await s.acquire(s.platform.default_privilege, "send_configs");
  } catch (DriverException& error) {
    error.set_partial(std::move(responses));
    throw;
  }
  co_return responses;
}

asio::awaitable<Response> AsyncDriver::send_config(std::string config, CommandOptions options) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin <= config.size()) {
    std::size_t end = config.find('\n', begin);
    if (end == std::string::npos) end = config.size();
    std::string line = config.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) lines.push_back(std::move(line));
    begin = end + 1;
  }
  MultiResponse responses = co_await send_configs(std::move(lines), options);
  Response joined;
  joined.host = state_->host;
  joined.command = std::move(config);
  joined.start_time = responses.empty() ? Response::Clock::now() : responses.front().start_time;
  joined.finish_time = responses.empty() ? joined.start_time : responses.back().finish_time;
  joined.result = responses.result();
  for (const auto& r : responses) {
    joined.raw_result += r.raw_result;
    if (r.failed && !joined.failed) {
      joined.failed = true;
      joined.failed_when_contains = r.failed_when_contains;
    }
  }
  co_return joined;
}

asio::awaitable<Connection> detail::connect(asio::any_io_executor executor, Options options) {
  auto driver = std::make_unique<AsyncDriver>(std::move(executor), std::move(options));
  co_await driver->open();
  co_return Connection(std::move(driver));
}

}  // namespace vty
