#include "in_band_login.hpp"

#include <algorithm>
#include <cstdio>

#include "vty/errors.hpp"

namespace vty::detail {
namespace {

const std::string& either(const std::string& chosen, const std::string& fallback) {
  return chosen.empty() ? fallback : chosen;
}

std::string seconds(std::chrono::milliseconds d) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", static_cast<double>(d.count()) / 1000.0);
  return std::string(text) + "s";
}

}  // namespace

InBandLogin::InBandLogin(Channel& channel, const Options& options,
                         const PlatformDefinition& platform)
    : channel_(channel),
      options_(options),
      platform_(platform),
      username_(either(options.login.username_pattern, platform.login.username_pattern)),
      password_(either(options.login.password_pattern, platform.login.password_pattern)),
      any_("(?:" + username_.pattern() + ")|(?:" + password_.pattern() +
           ")|(?:" + platform.prompt_pattern() + ")"),
      failures_(options.login.failed_when_contains.empty() ? platform.login.failed_when_contains
                                                           : options.login.failed_when_contains) {}

ErrorContext InBandLogin::context(std::string_view command) const {
  return {.host = channel_.host(), .operation = "open", .command = std::string(command)};
}

asio::awaitable<Channel::Reply> InBandLogin::run() {
  Channel::Reply reply = co_await first_reply();
  bool sent_username = false;
  bool sent_password = false;
  for (;;) {
    switch (question_in(reply)) {
      case Question::none:
        co_return reply;
      case Question::username:
        if (sent_username || sent_password)
          refused("the device asked for the username again", reply);
        if (options_.auth.username.empty()) {
          auto ctx = context();
          ctx.tail = reply.prompt;
          throw AuthenticationError("the device asks for a username and none was given", ctx);
        }
        reply = co_await answer(options_.auth.username, false);
        sent_username = true;
        break;
      case Question::password:
        if (sent_password) refused("the device asked for the password again", reply);
        reply = co_await answer(options_.auth.password, true);
        sent_password = true;
        break;
    }
  }
}

asio::awaitable<Channel::Reply> InBandLogin::first_reply() {
  if (options_.login.wake_console) co_return co_await wake_console();
  auto ctx = context();  // named: GCC 12 mishandles such temporaries inside co_await
  co_return co_await channel_.read_until(any_, ctx, options_.timeout_ops);
}

// Presses return after each quiet interval until a question or a prompt shows: console
// servers connect to a line that stays silent until a key is pressed. Never while the
// device is talking (a return typed over a question answers it), and one read throughout,
// so that a question arriving in pieces is still recognised.
asio::awaitable<Channel::Reply> InBandLogin::wake_console() {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + options_.login.timeout_wake;
  const auto interval = std::max(options_.login.wake_interval, std::chrono::milliseconds(10));
  std::string received;  // everything since the connection opened
  for (bool first = true;; first = false) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      auto ctx = context("<return>");
      ctx.pattern = any_.pattern();
      ctx.tail = received.substr(received.size() - std::min<std::size_t>(received.size(), 256));
      throw OperationTimeout("no login question or device prompt within " +
                                 seconds(options_.login.timeout_wake) +
                                 " of sending returns to wake the console",
                             std::move(ctx));
    }
    auto reply = co_await channel_.read_until_for(any_, std::min(left, interval), !first);
    if (reply.complete) co_return reply;
    if (reply.raw.size() == received.size()) co_await channel_.write(platform_.return_char);
    received = std::move(reply.raw);
  }
}

asio::awaitable<Channel::Reply> InBandLogin::answer(std::string_view input, bool hidden) {
  auto ctx = context(hidden ? "<password>" : input);
  try {
    co_return co_await channel_.send_input_until(input, any_, ctx, options_.timeout_ops, hidden);
  } catch (const ConnectionClosed& closed) {
    // A device that refuses a login often says why and hangs up ("% Bad passwords").
    std::string failure = failure_in(closed.tail());
    if (failure.empty()) throw;
    throw AuthenticationError(
        "the device refused the login (\"" + failure + "\") and closed the session",
        closed.context());
  } catch (const OperationTimeout& timeout) {
    std::string failure = failure_in(timeout.tail());
    if (failure.empty()) throw;
    throw AuthenticationError("the device refused the login (\"" + failure + "\")",
                              timeout.context());
  }
}

InBandLogin::Question InBandLogin::question_in(const Channel::Reply& reply) const {
  if (password_.search(reply.prompt)) return Question::password;
  if (username_.search(reply.prompt)) return Question::username;
  return Question::none;
}

std::string InBandLogin::failure_in(std::string_view text) const {
  for (const auto& failure : failures_) {
    if (text.find(failure) != std::string_view::npos) return failure;
  }
  return {};
}

void InBandLogin::refused(std::string why, const Channel::Reply& reply) const {
  auto ctx = context();
  ctx.pattern = any_.pattern();
  ctx.tail = reply.output + "\n" + reply.prompt;
  if (std::string failure = failure_in(reply.output); !failure.empty())
    why += " after saying \"" + failure + "\"";
  throw AuthenticationError(why + ": the credentials were refused", std::move(ctx));
}

}  // namespace vty::detail
