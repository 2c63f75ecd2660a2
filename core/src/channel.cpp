#include "vty/channel.hpp"

#include <asio/error.hpp>
#include <asio/experimental/channel.hpp>
#include <asio/use_awaitable.hpp>

#include <array>
#include <cstdio>
#include <system_error>

#include "channel_state.hpp"
#include "deadline.hpp"
#include "session_events.hpp"
#include "vty/prompt_reader.hpp"

namespace vty {

using detail::prompt_shape;
using detail::seconds_text;

Channel::Channel(asio::any_io_executor executor, std::unique_ptr<Transport> transport,
                 const PlatformDefinition& platform, std::string host_label)
    : transport_(std::move(transport)),
      host_(std::move(host_label)),
      state_(std::make_unique<State>(std::move(executor), platform)) {}

Channel::~Channel() = default;

Channel::Lock::~Lock() {
  if (!channel_) return;
  // An idle session leaves no timer pending: io_context::run() returns once the work is done.
  channel_->state_->deadline.release();
  channel_->state_->turn.try_receive([](asio::error_code, bool) {});
}

asio::awaitable<Channel::Lock> Channel::lock() {
  // Free now: taken without a trip through the event loop (a waiter would hold the slot).
  if (state_->turn.try_send(asio::error_code{}, true)) {
    state_->deadline.hold();
    co_return Lock(this);
  }
  co_await state_->turn.async_send(asio::error_code{}, true, asio::use_awaitable);
  state_->deadline.hold();
  co_return Lock(this);
}

std::optional<Channel::Lock> Channel::try_lock() {
  if (!state_->turn.try_send(asio::error_code{}, true)) return std::nullopt;
  state_->deadline.hold();
  return std::optional<Lock>(std::in_place, this);
}

void Channel::use_platform(const PlatformDefinition& platform) {
  auto& s = *state_;
  s.prompt_pattern = platform.prompt_pattern();
  s.prompt = Regex(s.prompt_pattern);
  s.reader = PromptReader(s.prompt_pattern, {.pager_pattern = platform.pager_pattern});
  s.return_char = platform.return_char;
  s.pager_response = platform.pager_response;
  s.levels_tried = State::levels_of(platform);
}

void Channel::fail_on_unknown_prompt(std::chrono::milliseconds quiet) {
  state_->unknown_prompt_quiet = quiet;
}

bool Channel::at_unknown_prompt() const {
  const auto& s = *state_;
  if (s.unknown_prompt_quiet.count() <= 0 || s.reader.done() || s.reader.at_pager()) return false;
  const std::string_view line = s.reader.last_line();
  return !line.empty() && line.size() <= 64 && prompt_shape().search(line) &&
         !s.prompt.search(line);
}

const Regex& Channel::prompt_regex() const {
  return state_->prompt;
}

void Channel::stream_settled_output() {
  auto& s = *state_;
  s.settled.clear();
  s.reader.take_settled_output(s.settled);
  s.reader.forget_raw();
  if (!s.settled.empty()) sink_->write(s.settled);
}

void Channel::abort() noexcept {
  aborted_ = true;
  state_->deadline.disarm();
  transport_->abort();
}

asio::awaitable<void> Channel::send_bytes(std::string_view bytes, bool hidden,
                                          const ErrorContext* context) {
  // Told before it is sent: the device's answer can only come after.
  if (events_) events_->sent(bytes, hidden);
  try {
    co_await transport_->write(bytes);
  } catch (...) {
    throw_write_failure(context);
  }
}

void Channel::throw_write_failure(const ErrorContext* context) {
  // A device that stops reading blocks a write for as long as it likes: an abort or a
  // cancellation ends it, and the transport reports that in its own way (operation_aborted,
  // or a session closed under the write).
  try {
    throw;
  } catch (const std::system_error& error) {
    if (error.code() != asio::error::operation_aborted) throw;
  } catch (const ConnectionClosed&) {
    if (!aborted_) throw;
  }
  throw OperationCancelled("cancelled or aborted while sending",
                           context ? *context : ErrorContext{.host = host_, .operation = "write"});
}

asio::awaitable<std::size_t> Channel::receive() {
  auto& s = *state_;
  // Past the deadline between two reads: the read that would wait ends as cancel_read() ends it.
  if (s.deadline.expired()) throw std::system_error(asio::error::operation_aborted);
  try {
    detail::ReplyDeadline::Reading reading(s.deadline);
    co_return received(co_await transport_->read_some(s.buffer));
  } catch (const ConnectionClosed&) {
    if (events_) events_->note(SessionEvent::Kind::closed);
    throw;
  }
}

std::size_t Channel::receive_arrived() {
  auto& s = *state_;
  try {
    return received(transport_->read_available(s.buffer));
  } catch (const ConnectionClosed&) {
    if (events_) events_->note(SessionEvent::Kind::closed);
    throw;
  }
}

std::size_t Channel::received(std::size_t bytes) {
  if (events_ && bytes > 0) events_->received({state_->buffer.data(), bytes});
  return bytes;
}

asio::awaitable<void> Channel::write(std::string_view bytes) {
  co_await send_bytes(bytes);
}

// The reading verbs are not coroutines themselves: each is one answer() frame.
asio::awaitable<Channel::Reply> Channel::send_input(std::string_view input, ErrorContext context,
                                                    std::chrono::milliseconds timeout,
                                                    bool hidden) {
  return answer({.input = input, .hidden = hidden}, std::move(context), timeout);
}

asio::awaitable<Channel::Reply> Channel::send_input_until(std::string_view input,
                                                          const Regex& until, ErrorContext context,
                                                          std::chrono::milliseconds timeout,
                                                          bool hidden) {
  return answer({.until = &until, .input = input, .hidden = hidden}, std::move(context), timeout);
}

asio::awaitable<Channel::Reply> Channel::send_input(std::string_view input, Site site,
                                                    std::chrono::milliseconds timeout,
                                                    bool hidden) {
  return answer({.input = input, .hidden = hidden, .site = site}, {}, timeout);
}

asio::awaitable<Channel::Reply> Channel::send_input_until(std::string_view input,
                                                          const Regex& until, Site site,
                                                          std::chrono::milliseconds timeout,
                                                          bool hidden) {
  return answer({.until = &until, .input = input, .hidden = hidden, .site = site}, {}, timeout);
}

asio::awaitable<Channel::Reply> Channel::read_until_prompt(ErrorContext context,
                                                           std::chrono::milliseconds timeout) {
  return answer({}, std::move(context), timeout);
}

asio::awaitable<Channel::Reply> Channel::read_until(const Regex& pattern, ErrorContext context,
                                                    std::chrono::milliseconds timeout) {
  return answer({.until = &pattern}, std::move(context), timeout);
}

asio::awaitable<Channel::Reply> Channel::read_until_for(const Regex& pattern,
                                                        std::chrono::milliseconds duration,
                                                        bool resume) {
  return answer({.until = &pattern, .resume = resume, .timeout_is_error = false},
                {.host = host_, .operation = "read"}, duration);
}

asio::awaitable<Channel::Reply> Channel::send_and_read_for(std::string_view input,
                                                           std::chrono::milliseconds duration) {
  return answer({.input = input, .timeout_is_error = false},
                {.host = host_, .operation = "send_and_read", .command = std::string(input)},
                duration);
}

bool Channel::take_input(const Ask& ask) {
  auto& s = *state_;
  s.reader.expect_echo(ask.hidden ? std::string_view{} : *ask.input);
  s.pending_input.assign(*ask.input).append(s.return_char);
  // A short input fits in the socket and channel buffers and is never held up: its answer's
  // deadline bounds the wait. A long one waits until the device reads it, so a device that
  // stops reading would hold it for ever: it races the same deadline (one timer per long
  // write, none for the usual command).
  constexpr std::size_t kWriteAlwaysFits = 4096;
  return s.pending_input.size() <= kWriteAlwaysFits;
}

ErrorContext& Channel::context_for(ErrorContext& context, const Ask& ask) const {
  if (ask.site) {
    context.host = host_;
    context.operation = ask.site->operation;
    context.command = ask.site->command;
  }
  return context;
}

asio::awaitable<void> Channel::send_long_input(bool hidden, const ErrorContext& context,
                                               std::chrono::milliseconds timeout) {
  auto& s = *state_;
  if (!co_await detail::within(timeout, send_bytes(s.pending_input, hidden, &context))) {
    ErrorContext late = context;
    late.tail = s.reader.tail();
    throw OperationTimeout("the device took no more input for " + seconds_text(timeout) +
                               " (sending " + std::to_string(s.pending_input.size()) + " bytes)",
                           late);
  }
}

bool Channel::in_sync() const {
  return state_->in_sync;
}

// Feeds the reader what has arrived, without waiting: an answer already here costs no timer
// and no trip through the event loop. A few reads at most: a device sending faster than it
// is read still meets the deadline, and other sessions get their turn.
void Channel::read_arrived() {
  constexpr int kReadsWithoutWaiting = 4;
  auto& s = *state_;
  for (int i = 0; i < kReadsWithoutWaiting && !s.reader.done() && !s.reader.at_pager(); ++i) {
    const std::size_t bytes = receive_arrived();
    if (bytes == 0) return;
    s.reader.feed({s.buffer.data(), bytes});
    if (sink_) stream_settled_output();
  }
}

// Reads (answering pagers) until the reader is done; answer() bounds it with the deadline.
asio::awaitable<void> Channel::read_to_end() {
  auto& s = *state_;
  while (!s.reader.done()) {
    if (s.reader.at_pager()) {
      co_await send_bytes(s.pager_response);
      s.reader.continue_after_pager();
      continue;
    }
    std::size_t bytes = 0;
    if (at_unknown_prompt()) {
      bytes = co_await read_unless_quiet();
    } else {
      // receive()'s steps, in this frame: a coroutine frame fewer per read that waits.
      if (s.deadline.expired()) throw std::system_error(asio::error::operation_aborted);
      try {
        detail::ReplyDeadline::Reading reading(s.deadline);
        bytes = received(co_await transport_->read_some(s.buffer));
      } catch (const ConnectionClosed&) {
        if (events_) events_->note(SessionEvent::Kind::closed);
        throw;
      }
    }
    s.reader.feed({s.buffer.data(), bytes});
    if (sink_) stream_settled_output();
  }
}

// One frame per answer: the send, the read and the Reply in the same coroutine.
asio::awaitable<Channel::Reply> Channel::answer(Ask ask, ErrorContext context,
                                                std::chrono::milliseconds timeout) {
  auto& s = *state_;
  if (!ask.resume) {
    if (ask.until) {
      s.reader.reset(*ask.until);
    } else {
      s.reader.reset();
    }
  }
  s.in_sync = false;
  if (ask.input && take_input(ask)) {
    // send_bytes()'s steps, in this frame: a coroutine frame fewer per command.
    if (events_) events_->sent(s.pending_input, ask.hidden);
    try {
      co_await transport_->write(s.pending_input);
    } catch (...) {
      throw_write_failure(&context_for(context, ask));
    }
  } else if (ask.input) {
    co_await send_long_input(ask.hidden, context_for(context, ask), timeout);
  }
  bool in_time = true;
  try {
    read_arrived();
    if (!s.reader.done() && transport_->cancels_reads()) {
      // The reading (done, or an error) is bounded by one deadline per reply, not per read
      // (a bulk answer is thousands of reads): the channel's long-lived one when the
      // transport can cancel a read, else a race against a timer of the reply's own.
      s.deadline.start(co_await asio::this_coro::executor, timeout, *transport_);
      struct Stop {
        detail::ReplyDeadline& deadline;
        ~Stop() { deadline.stop(); }
      } stop{s.deadline};
      try {
        co_await read_to_end();
      } catch (const std::system_error& error) {
        if (error.code() != asio::error::operation_aborted || !s.deadline.expired()) throw;
        in_time = false;
      }
    } else if (!s.reader.done()) {
      auto reading = read_to_end();
      in_time = co_await detail::within(timeout, std::move(reading));
    }
  } catch (...) {
    throw_read_failure(ask.until, context_for(context, ask));
  }
  if (!in_time) {
    if (!ask.timeout_is_error) {
      s.in_sync = true;  // a read that was asked to end here: the caller reads on or not
      co_return Reply{std::string(s.reader.cleaned()), {}, std::string(s.reader.raw()), false};
    }
    context_for(context, ask);
    context.pattern = ask.until ? ask.until->pattern() : s.prompt_pattern;
    context.tail = s.reader.tail();
    throw OperationTimeout(std::string(ask.until ? "no output matching " : "no prompt matching ") +
                               context.pattern + " within " + seconds_text(timeout),
                           context);
  }
  s.in_sync = true;
  Reply reply;
  reply.prompt = s.reader.prompt();  // before take_output(), which empties the reader
  if (sink_) {
    std::string_view rest = s.reader.output();
    if (!rest.empty()) sink_->write(rest);
  } else {
    reply.output = s.reader.take_output();
  }
  reply.raw = s.reader.take_raw();
  co_return reply;
}

void Channel::throw_read_failure(const Regex* until, ErrorContext& context) {
  auto& s = *state_;
  context.pattern = until ? until->pattern() : s.prompt_pattern;
  context.tail = s.reader.tail();
  try {
    throw;
  } catch (const UnknownPrompt& unknown) {
    throw UnknownPrompt(unknown.summary(), context);
  } catch (const ConnectionClosed& closed) {
    // Closed by abort() (libssh and system say so): the caller ended it, not the device.
    if (aborted_) throw OperationCancelled("cancelled or aborted while waiting", context);
    // The transports already say "the device closed the session"; not twice.
    std::string why = closed.summary();
    if (!why.starts_with("the device closed the session"))
      why = "the device closed the session: " + why;
    throw ConnectionClosed(why, context);
  } catch (const std::system_error& error) {
    // An abort or a cancellation ends the transport's read with operation_aborted,
    // whatever the transport: one vty error type for it, here, for all of them.
    if (error.code() != asio::error::operation_aborted) throw;
    throw OperationCancelled("cancelled or aborted while waiting", context);
  }
}

}  // namespace vty
