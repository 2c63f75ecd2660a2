#include "driver_state.hpp"

#include <algorithm>
#include <optional>

#include "in_band_login.hpp"

namespace vty {
namespace {

// After a timed-out answer, how long the device must stay quiet at a prompt for the late
// output to count as over.
constexpr std::chrono::milliseconds kResyncSettle{250};

void append_or_take(std::string& to, std::string&& more) {
  if (to.empty()) {
    to = std::move(more);
  } else {
    to += more;
  }
}

}  // namespace

AsyncDriver::State::State(asio::any_io_executor ex, Options opts)
    : executor(std::move(ex)),
      options(std::move(opts)),
      host(options.label.empty() ? options.host : options.label),
      // "auto": a placeholder without levels until open() has detected the platform.
      platform(options.platform == "auto"
                   ? PlatformDefinition{.name = "auto"}
                   : load_platform(options.platform, options.platform_paths)),
      graph(platform) {
  use_platform(std::move(platform));
}

void AsyncDriver::State::use_platform(PlatformDefinition chosen) {
  platform = std::move(chosen);
  graph = PrivilegeGraph{platform};
  level_prompt.clear();
  auth_or_prompt.clear();
  for (const auto& level : platform.privileges) {
    if (level.escalate_auth) {
      auth_or_prompt.emplace(
          level.name, Regex("(?:" + level.escalate_prompt + ")|" + platform.prompt_pattern()));
    }
  }
}

ErrorContext AsyncDriver::State::context(std::string_view operation,
                                         std::string_view command) const {
  return {.host = host, .operation = std::string(operation), .command = std::string(command)};
}

void AsyncDriver::State::require_open(std::string_view operation) const {
  if (!open) throw UsageError("the session is not open", context(operation));
}

AsyncDriver::State::Turn::Turn(Channel::Lock lock, detail::SessionEvents* events,
                               std::string_view operation)
    : lock_(std::move(lock)),
      events_(events),
      operation_(operation),
      exceptions_(std::uncaught_exceptions()) {}

AsyncDriver::State::Turn::Turn(Turn&& other) noexcept
    : lock_(std::move(other.lock_)),
      events_(std::exchange(other.events_, nullptr)),
      operation_(other.operation_),
      exceptions_(other.exceptions_) {}

AsyncDriver::State::Turn::~Turn() {
  if (events_) {
    events_->note(SessionEvent::Kind::operation_finished, operation_, {},
                  std::uncaught_exceptions() > exceptions_);
  }
}

asio::awaitable<AsyncDriver::State::Turn> AsyncDriver::State::begin(std::string_view operation,
                                                                    bool default_level,
                                                                    std::string_view privilege,
                                                                    std::string_view command) {
  require_open(operation);
  // A free channel is taken without a coroutine of its own (a frame per verb).
  std::optional<Channel::Lock> taken = channel->try_lock();
  if (!taken) taken.emplace(co_await channel->lock());
  Turn lock(std::move(*taken), events.get(), operation);
  if (events) events->note(SessionEvent::Kind::operation_started, operation, command);
  require_open(operation);
  last_used = std::chrono::steady_clock::now();
  if (!channel->in_sync()) co_await resync(operation);
  if (default_level) {
    std::string_view target =
        privilege.empty() ? std::string_view(platform.default_privilege) : privilege;
    if (level->name != target) co_await acquire(target, operation);  // else no frame for it
  }
  co_return lock;
}

std::optional<AsyncDriver::State::Turn> AsyncDriver::State::try_begin(std::string_view operation,
                                                                      bool default_level,
                                                                      std::string_view privilege,
                                                                      std::string_view command) {
  require_open(operation);
  if (!channel->in_sync()) return std::nullopt;
  if (default_level) {
    std::string_view target =
        privilege.empty() ? std::string_view(platform.default_privilege) : privilege;
    if (level->name != target) return std::nullopt;
  }
  std::optional<Channel::Lock> taken = channel->try_lock();
  if (!taken) return std::nullopt;
  std::optional<Turn> turn(std::in_place, std::move(*taken), events.get(), operation);
  if (events) events->note(SessionEvent::Kind::operation_started, operation, command);
  last_used = std::chrono::steady_clock::now();
  return turn;
}

void AsyncDriver::State::update_level(std::string_view prompt, std::string_view operation,
                                      const PrivilegeLevel* expected) {
  // Most answers end at the prompt the last one did: no pattern needs to run for it.
  if (level && (!expected || expected == level) && prompt == level_prompt) return;
  const PrivilegeLevel* found = graph.level_of(prompt, {expected, level});
  if (!found) {
    throw PrivilegeError("the prompt \"" + std::string(prompt) +
                             "\" matches no privilege level of platform " + platform.name,
                         context(operation));
  }
  level = found;
  level_prompt.assign(prompt);
}

std::chrono::milliseconds AsyncDriver::State::timeout(const CommandOptions& o) const {
  return o.timeout.value_or(options.timeout_ops);
}

asio::awaitable<Channel::Reply> AsyncDriver::State::log_in() {
  if (channel->transport().authenticates_in_band() || options.login.wake_console) {
    detail::InBandLogin login(*channel, options, platform);
    co_return co_await login.run();
  }
  // The device shows its prompt after login unasked; a return now would echo a second one.
  auto ctx = context("open");
  co_return co_await channel->read_until_prompt(ctx, options.timeout_ops);
}

asio::awaitable<Channel::Reply> AsyncDriver::State::detect(detail::Detection& found) {
  auto detected = co_await detail::detect_over(*channel, options, found);
  use_platform(load_platform(detected.guess.platform, options.platform_paths));
  channel->use_platform(platform);
  detection = std::move(detected.guess);
  co_return std::move(detected.last);
}

asio::awaitable<void> AsyncDriver::State::acquire(std::string_view target,
                                                  std::string_view operation) {
  if (level->name == target) co_return;  // the usual case: no path to work out (allocations)
  for (const auto& step : graph.path(level->name, target)) {
    std::string seen;  // what the device said instead of moving (a lock, a refusal)
    if (step.escalation && step.to->escalate_auth) {
      co_await escalate_with_auth(step, operation);
    } else {
      auto reply = co_await exchange(
          {.operation = operation, .input = step.command, .timeout = options.timeout_ops});
      update_level(reply.prompt, operation, step.to);
      seen = reply.output;
    }
    if (level != step.to) {
      auto ctx = context(operation, step.command);
      ctx.tail = seen;
      throw PrivilegeError("sent \"" + step.command + "\" to reach " + step.to->name +
                               " but the device is at " + level->name,
                           ctx);
    }
  }
}

// `enable` and its kind: the device may ask for the secondary password first.
asio::awaitable<void> AsyncDriver::State::escalate_with_auth(const PrivilegeGraph::Step& step,
                                                             std::string_view operation) {
  const Regex& until = auth_or_prompt.at(step.to->name);
  auto ctx = context(operation, step.command);
  auto reply = co_await exchange({.operation = operation,
                                  .input = step.command,
                                  .timeout = options.timeout_ops,
                                  .until = &until});
  bool refused = false;
  for (int attempt = 0; !graph.level_of(reply.prompt); ++attempt) {
    // A password question. Answer with the secondary password once; if the device asks
    // again, answer empty lines until it gives up and shows a prompt (IOS: three tries).
    if (attempt >= 4) throw_escalation_refused(step, reply, ctx);
    bool first = attempt == 0 && !options.auth.secondary.empty();
    refused = refused || !first;
    // Named, not a conditional temporary: GCC 12 destroys such temporaries in a co_await
    // expression twice.
    std::string_view answer;
    if (first) answer = options.auth.secondary;
    try {
      auto next = co_await exchange({.operation = operation,
                                     .input = answer,
                                     .timeout = options.timeout_ops,
                                     .until = &until,
                                     .hidden = true,
                                     .shown = "<secondary password>"});
      reply = std::move(next);
    } catch (const ConnectionClosed& closed) {
      // FRR and others hang up after a number of refused tries ("% Bad enable passwords").
      // Before the device has refused anything, a hang-up is only a hang-up.
      if (!refused) throw;
      Channel::Reply last;
      last.output = closed.tail();
      throw_escalation_refused(step, last, std::move(ctx), " and the device closed the session");
    }
  }
  update_level(reply.prompt, operation, step.to);
  if (refused || level != step.to) throw_escalation_refused(step, reply, std::move(ctx));
}

void AsyncDriver::State::throw_escalation_refused(const PrivilegeGraph::Step& step,
                                                  const Channel::Reply& reply, ErrorContext ctx,
                                                  std::string_view aftermath) const {
  ctx.tail = reply.prompt.empty() ? reply.output : reply.output + "\n" + reply.prompt;
  if (options.auth.secondary.empty()) {
    throw PrivilegeAuthError("the device asks for a password to enter " + step.to->name +
                                 " and no secondary password was given" + std::string(aftermath),
                             std::move(ctx));
  }
  throw PrivilegeAuthError("the secondary (enable) password was refused entering " + step.to->name +
                               std::string(aftermath),
                           std::move(ctx));
}

asio::awaitable<void> AsyncDriver::State::resync(std::string_view operation) {
  auto reply = co_await channel->resync(context(operation), options.timeout_ops, kResyncSettle);
  update_level(reply.prompt, operation);
}

// Not a coroutine unless the output streams: the usual exchange costs no frame of its own.
asio::awaitable<Channel::Reply> AsyncDriver::State::exchange(const Exchange& step) {
  if (step.sink) return exchange_streaming(step);
  channel->stream_to(nullptr);
  return send_step(step);
}

asio::awaitable<Channel::Reply> AsyncDriver::State::exchange_streaming(Exchange step) {
  channel->stream_to(step.sink);
  struct StopStreaming {
    Channel* channel;
    ~StopStreaming() { channel->stream_to(nullptr); }
  } stop{channel.get()};
  co_return co_await send_step(step);
}

// The channel's awaitable for `step`: the input's bytes, `until` and the error context's
// operation and command stay the caller's (awaited at once). The context is built only if an
// error needs it: no copies of the host and the command per command.
asio::awaitable<Channel::Reply> AsyncDriver::State::send_step(const Exchange& step) {
  if (step.timed) return channel->send_and_read_for(step.input, step.timeout);
  const Channel::Site site{.operation = step.operation,
                           .command = step.hidden ? step.shown : step.input};
  if (step.until)
    return channel->send_input_until(step.input, *step.until, site, step.timeout, step.hidden);
  return channel->send_input(step.input, site, step.timeout, step.hidden);
}

Response AsyncDriver::State::begin_response(std::string command) const {
  Response response;
  response.host = host;
  response.command = std::move(command);
  response.start_time = Response::Clock::now();
  return response;
}

void AsyncDriver::State::add_step(Response& response, Channel::Reply reply) const {
  response.result.append(reply.output).append("\n").append(reply.prompt).append("\n");
  response.raw_result += reply.raw;
}

void AsyncDriver::State::finish_response(Response& response, Channel::Reply reply,
                                         bool keep_prompt) const {
  response.finish_time = Response::Clock::now();
  // A one-step answer (most are) moves in: a 100 MB output is not held twice at its peak.
  append_or_take(response.result, std::move(reply.output));
  if (keep_prompt) response.result.append("\n").append(reply.prompt);
  append_or_take(response.raw_result, std::move(reply.raw));
  if (!response.failed) check_failed(response);
}

asio::awaitable<Response> AsyncDriver::State::command(std::string_view input,
                                                      const CommandOptions& o,
                                                      std::string_view operation) {
  CommandRun run(*this, std::string(input), o, operation);
  auto reply = co_await exchange(run.exchange());
  co_return run.finish(std::move(reply));
}

AsyncDriver::State::CommandRun::CommandRun(State& state, std::string command,
                                           const CommandOptions& o, std::string_view operation)
    : state_(state),
      options_(o),
      response_(state.begin_response(std::move(command))),
      watch_(state.platform.failed_when_contains, o.sink),
      // The input is the Response's copy of the command: no second one.
      step_{.operation = operation,
            .input = response_.command,
            .timeout = state.timeout(o),
            .sink = o.sink ? &watch_ : nullptr} {}

Response AsyncDriver::State::CommandRun::finish(Channel::Reply reply) {
  if (options_.sink && !watch_.found().empty()) {
    response_.failed = true;
    response_.failed_when_contains = watch_.found();
  }
  state_.update_level(reply.prompt, step_.operation);
  state_.finish_response(response_, std::move(reply), !options_.strip_prompt);
  return std::move(response_);
}

void AsyncDriver::State::check_failed(Response& response) const {
  const auto& texts = platform.failed_when_contains;
  if (texts.empty()) return;
  // A platform's failure strings mostly share their first character (IOS's "%"): output
  // without it is looked through once, not once per string.
  const char first = texts.front().empty() ? '\0' : texts.front().front();
  const bool shared = std::all_of(texts.begin(), texts.end(), [first](const std::string& text) {
    return !text.empty() && text.front() == first;
  });
  if (shared && response.result.find(first) == std::string::npos) return;
  for (const auto& text : texts) {
    if (response.result.find(text) != std::string::npos) {
      response.failed = true;
      response.failed_when_contains = text;
      return;
    }
  }
}

}  // namespace vty
