// What an AsyncDriver knows about its session, and the steps its verbs share. The verbs
// take the channel's lock; everything here runs with the lock already held.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "platform_detect_session.hpp"
#include "session_events.hpp"
#include "vty/async_driver.hpp"
#include "vty/channel.hpp"
#include "vty/errors.hpp"
#include "vty/privilege_graph.hpp"
#include "vty/regex.hpp"

namespace vty {
namespace detail {

// Passes streamed output on to the user's sink, noting the first failure string in it.
// Chunks end at line ends, and failure strings sit within one line.
class FailureWatch : public OutputSink {
 public:
  FailureWatch(const std::vector<std::string>& failures, OutputSink* next)
      : failures_(failures), next_(next) {}
  void write(std::string_view text) override {
    for (const auto& failure : failures_) {
      if (found_.empty() && text.find(failure) != std::string_view::npos) found_ = failure;
    }
    next_->write(text);
  }
  const std::string& found() const { return found_; }

 private:
  const std::vector<std::string>& failures_;
  OutputSink* next_;
  std::string found_;
};

}  // namespace detail

struct AsyncDriver::State {
  State(asio::any_io_executor executor, Options options);

  asio::any_io_executor executor;
  Options options;
  std::string host;  // how errors name the device
  PlatformDefinition platform;
  PrivilegeGraph graph;
  std::unique_ptr<detail::SessionEvents> events;  // before channel, which points to it
  std::unique_ptr<Channel> channel;
  const PrivilegeLevel* level = nullptr;
  std::string level_prompt;  // the prompt `level` was found from: that prompt again is that level
  bool open = false;
  std::optional<PlatformGuess> detection;                    // platform "auto": what open() found
  std::map<std::string, Regex, std::less<>> auth_or_prompt;  // per level with escalate_auth
  // When a verb last took the channel: the keepalive speaks only after keepalive_interval
  // of silence.
  std::chrono::steady_clock::time_point last_used = std::chrono::steady_clock::now();
  struct Keepalive;
  std::shared_ptr<Keepalive> keepalive;  // while Options::keepalive_interval runs

  // After open(): sends a return whenever the session was idle for keepalive_interval.
  void start_keepalive(const std::shared_ptr<State>& self);
  void stop_keepalive() noexcept;
  static asio::awaitable<void> keep_alive(std::weak_ptr<State> weak,
                                          std::shared_ptr<Keepalive> keepalive);

  // Takes the platform autodetection chose (platform "auto"), before the session opens.
  void use_platform(PlatformDefinition chosen);
  ErrorContext context(std::string_view operation, std::string_view command = {}) const;
  // Throws UsageError unless the session is open.
  void require_open(std::string_view operation) const;
  // A verb's hold on the session: the channel's lock, and the operation's events for the
  // observers (operation_finished, failed when an exception is on its way out).
  class Turn {
   public:
    Turn(Channel::Lock lock, detail::SessionEvents* events, std::string_view operation);
    Turn(Turn&& other) noexcept;
    Turn& operator=(Turn&&) = delete;
    ~Turn();

   private:
    Channel::Lock lock_;
    detail::SessionEvents* events_;
    std::string_view operation_;  // a string literal
    int exceptions_;
  };
  // How every verb starts: wait for the channel (other verbs may hold it), check the
  // session is still open, resynchronise after a verb that ended without its prompt, and,
  // with `default_level`, move to `privilege` (the platform's default level when empty):
  // every verb's CommandOptions::privilege. `operation` must be a string literal.
  asio::awaitable<Turn> begin(std::string_view operation, bool default_level,
                              std::string_view privilege = {}, std::string_view command = {});
  // begin() when it needs no wait: the channel is free, in sync and (with `default_level`)
  // at the level already. Otherwise nothing, and begin() does the rest. The usual verb
  // starts here, without a coroutine frame for begin().
  std::optional<Turn> try_begin(std::string_view operation, bool default_level,
                                std::string_view privilege = {}, std::string_view command = {});
  // Sets the current level from a prompt line; throws PrivilegeError for a stranger. When
  // levels share a prompt, `expected` (the level just moved to), then the tracked one, wins.
  void update_level(std::string_view prompt, std::string_view operation,
                    const PrivilegeLevel* expected = nullptr);
  std::chrono::milliseconds timeout(const CommandOptions& o) const;
  // After the transport opened: answers in-band login questions where there are any, and
  // returns the reply that ended at the device's first prompt.
  asio::awaitable<Channel::Reply> log_in();
  // Platform "auto", on a channel reading with `detection.probe`: logs in, finds the
  // platform, and from then on uses it (the session stays). Returns the latest reply.
  asio::awaitable<Channel::Reply> detect(detail::Detection& detection);

  asio::awaitable<void> acquire(std::string_view target, std::string_view operation);
  asio::awaitable<void> escalate_with_auth(const PrivilegeGraph::Step& step,
                                           std::string_view operation);
  [[noreturn]] void throw_escalation_refused(const PrivilegeGraph::Step& step,
                                             const Channel::Reply& reply, ErrorContext ctx,
                                             std::string_view aftermath = {}) const;
  // After an operation that ended without its prompt: discards the late output up to a
  // fresh prompt (Channel::resync), or throws SessionOutOfSync.
  asio::awaitable<void> resync(std::string_view operation);

  // One input and the read that answers it, as every verb's step is: the one place that
  // sends and reads for a Response, with the error context and the output sink.
  struct Exchange {
    std::string_view operation{};
    std::string_view input{};
    std::chrono::milliseconds timeout{};
    const Regex* until = nullptr;  // the read ends at this last line instead of a prompt
    bool hidden = false;           // a password: no echo awaited, `shown` in errors
    std::string_view shown = "<hidden>";
    bool timed = false;          // `timeout` ends the read with what came, without error
    OutputSink* sink = nullptr;  // the output goes here as it arrives
  };
  asio::awaitable<Channel::Reply> exchange(const Exchange& step);
  asio::awaitable<Channel::Reply> exchange_streaming(Exchange step);
  asio::awaitable<Channel::Reply> send_step(const Exchange& step);
  // A verb's Response, begun before its first exchange.
  Response begin_response(std::string command) const;
  // Adds a reply that ended a step in the middle of a dialogue: its output and prompt line.
  void add_step(Response& response, Channel::Reply reply) const;
  // Adds the last reply, stamps the finish time and checks the failure strings. The prompt
  // line is kept in the result when `keep_prompt`.
  void finish_response(Response& response, Channel::Reply reply, bool keep_prompt) const;

  // Sends one command at the current level and makes its Response.
  asio::awaitable<Response> command(std::string_view input, const CommandOptions& o,
                                    std::string_view operation);
  // command()'s steps around its exchange, for a verb that awaits the exchange in its own
  // frame (send_command: a frame fewer per command). Neither copied nor moved: the
  // exchange's sink points into it.
  class CommandRun {
   public:
    CommandRun(State& state, std::string command, const CommandOptions& o,
               std::string_view operation);
    CommandRun(const CommandRun&) = delete;
    CommandRun& operator=(const CommandRun&) = delete;
    Exchange exchange() { return step_; }
    // After the exchange: the command's Response.
    Response finish(Channel::Reply reply);

   private:
    State& state_;
    const CommandOptions& options_;
    Response response_;
    detail::FailureWatch watch_;
    Exchange step_;
  };
  // Marks a response failed when it contains one of the platform's failure strings.
  void check_failed(Response& response) const;
};

}  // namespace vty
