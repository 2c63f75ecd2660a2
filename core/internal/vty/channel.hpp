/// @file
/// One session's byte stream: writes input, reads until a prompt or pattern with a
/// deadline, answers pagers, and serialises callers so two coroutines never interleave.
#pragma once

#include "vty/detail/asio.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "vty/errors.hpp"
#include "vty/output_sink.hpp"
#include "vty/platform.hpp"
#include "vty/regex.hpp"
#include "vty/transport.hpp"

namespace vty {

namespace detail {
class SessionEvents;
}

class Channel {
 public:
  struct Reply {
    std::string output;    ///< cleaned, without echo and prompt
    std::string prompt;    ///< the prompt (or awaited pattern's) line that ended the read
    std::string raw;       ///< every byte received, as received
    bool complete = true;  ///< false when a timed read (read_for) ended without a prompt
  };

  /// Holds the channel for one verb; releases it on destruction.
  class Lock {
   public:
    explicit Lock(Channel* channel) : channel_(channel) {}
    Lock(Lock&& other) noexcept : channel_(std::exchange(other.channel_, nullptr)) {}
    Lock& operator=(Lock&&) = delete;
    ~Lock();

   private:
    Channel* channel_;
  };

  Channel(asio::any_io_executor executor, std::unique_ptr<Transport> transport,
          const PlatformDefinition& platform, std::string host_label);
  ~Channel();

  Transport& transport() { return *transport_; }
  /// Ends the session at once (Transport::abort): a verb waiting to write or to read then
  /// ends with OperationCancelled, whatever the transport reports for it.
  void abort() noexcept;
  const std::string& host() const { return host_; }

  /// Waits for the channel; verbs hold the lock for their whole run.
  asio::awaitable<Lock> lock();
  /// The lock if no one holds the channel now; otherwise nothing (a keepalive skips a turn).
  std::optional<Lock> try_lock();

  asio::awaitable<void> write(std::string_view bytes);
  /// Sends `input` and the return character, then reads until a prompt. `hidden` input
  /// (a password) is not expected back as echo and never appears in errors.
  asio::awaitable<Reply> send_input(std::string_view input, ErrorContext context,
                                    std::chrono::milliseconds timeout, bool hidden = false);
  /// As send_input, but the read ends at `until` (matched against the last line).
  asio::awaitable<Reply> send_input_until(std::string_view input, const Regex& until,
                                          ErrorContext context, std::chrono::milliseconds timeout,
                                          bool hidden = false);
  /// Where an error happened, for its ErrorContext: built (with the channel's host) only when
  /// an error needs one, instead of copied for every input. Both views must outlive the
  /// awaitable, as the input must.
  struct Site {
    std::string_view operation;
    std::string_view command;
  };
  asio::awaitable<Reply> send_input(std::string_view input, Site site,
                                    std::chrono::milliseconds timeout, bool hidden = false);
  asio::awaitable<Reply> send_input_until(std::string_view input, const Regex& until, Site site,
                                          std::chrono::milliseconds timeout, bool hidden = false);
  /// Reads (nothing sent) until the last line is a prompt.
  asio::awaitable<Reply> read_until_prompt(ErrorContext context, std::chrono::milliseconds timeout);
  /// Reads (nothing sent) until the last line matches `pattern`.
  asio::awaitable<Reply> read_until(const Regex& pattern, ErrorContext context,
                                    std::chrono::milliseconds timeout);
  /// Reads (nothing sent) until the last line matches `pattern` or `duration` passes,
  /// whichever is first; never times out (Reply::complete says whether the pattern ended it).
  /// With `resume`, carries on with what the previous read_until_for of `pattern` received.
  asio::awaitable<Reply> read_until_for(const Regex& pattern, std::chrono::milliseconds duration,
                                        bool resume = false);
  /// Sends input, then reads until a prompt or until `duration` passes, whichever is first;
  /// never times out (Reply::complete says whether a prompt ended it).
  asio::awaitable<Reply> send_and_read_for(std::string_view input,
                                           std::chrono::milliseconds duration);

  /// False after a read ended without what it awaited (a timeout, a cancellation, an
  /// unknown prompt): the device may still be sending that answer, which no later read
  /// may take for its own. A read that `duration` ends on purpose leaves it true.
  bool in_sync() const;
  /// Sends nothing; reads and discards what the device still sends until the last line is
  /// a prompt and nothing more arrives for `settle` (answering pagers on the way). Throws
  /// SessionOutOfSync when that does not happen within `timeout`. Reply::raw holds the
  /// tail of what was discarded; Reply::prompt the prompt it ended at.
  asio::awaitable<Reply> resync(ErrorContext context, std::chrono::milliseconds timeout,
                                std::chrono::milliseconds settle);

  /// Reads with `platform`'s prompts, pager and return character from now on (autodetection
  /// opens with a probe of every platform's prompts, then keeps the session).
  void use_platform(const PlatformDefinition& platform);

  /// From now on, a read whose last line is shaped like a prompt but matches none of the
  /// platform's, and after which nothing arrives for `quiet`, throws UnknownPrompt naming
  /// the line and the levels tried. 0 (the default): wait for the read's deadline.
  void fail_on_unknown_prompt(std::chrono::milliseconds quiet);

  /// Every byte written and read from now on goes to `events` as well (nullptr: nowhere).
  void observe(detail::SessionEvents* events) { events_ = events; }

  const Regex& prompt_regex() const;
  /// While set, reads stream their settled output to `sink` and keep only a tail of the raw
  /// bytes; the Reply's output is then empty. Set it for one read, then clear it.
  void stream_to(OutputSink* sink) { sink_ = sink; }

 private:
  struct State;
  // The calls to the transport's write and read_some (and read_to_end()'s copy of
  // receive()): they tell the observers.
  // A write that is cancelled or aborted throws OperationCancelled with `context` (when
  // given; else the channel's host and "write").
  asio::awaitable<void> send_bytes(std::string_view bytes, bool hidden = false,
                                   const ErrorContext* context = nullptr);
  asio::awaitable<std::size_t> receive();
  std::size_t receive_arrived();  // what is here already, without waiting (0: nothing)
  std::size_t received(std::size_t bytes);
  // What an answer() sends, and how its read ends.
  struct Ask {
    const Regex* until = nullptr;             // the read ends at this last line, not a prompt
    bool resume = false;                      // carry on with what the reader holds
    std::optional<std::string_view> input{};  // sent first, with the return character
    bool hidden = false;                      // no echo awaited, not shown in errors
    bool timeout_is_error = true;             // else the timeout ends the read with what came
    std::optional<Site> site{};               // the error context, when answer() is given none
  };
  // Every send and read for a Reply goes through here: a new answer is awaited, and until it
  // is read whole the channel is out of sync.
  asio::awaitable<Reply> answer(Ask ask, ErrorContext context, std::chrono::milliseconds timeout);
  // Takes `ask.input` for sending: true when it fits the buffers at once.
  bool take_input(const Ask& ask);
  // `context`, or the one `ask.site` says, built now that an error needs it.
  ErrorContext& context_for(ErrorContext& context, const Ask& ask) const;
  // In a catch block around a write: rethrows the write's exception, or OperationCancelled
  // with `context` (the channel's host and "write" when null) when it was cancelled.
  [[noreturn]] void throw_write_failure(const ErrorContext* context);
  // An input too long to fit the buffers at once: sent within `timeout`.
  asio::awaitable<void> send_long_input(bool hidden, const ErrorContext& context,
                                        std::chrono::milliseconds timeout);
  void stream_settled_output();
  void read_arrived();
  asio::awaitable<void> read_to_end();
  // In a catch block of answer(): rethrows the read's exception as the vty error for it, its
  // context naming what was awaited and the tail received; others as they are.
  [[noreturn]] void throw_read_failure(const Regex* until, ErrorContext& context);
  asio::awaitable<void> discard_to_settled_prompt(std::chrono::milliseconds settle);
  bool at_unknown_prompt() const;
  asio::awaitable<std::size_t> read_unless_quiet();
  // One read, or nullopt when nothing arrives within `quiet`.
  asio::awaitable<std::optional<std::size_t>> read_within(std::chrono::milliseconds quiet);
  std::unique_ptr<Transport> transport_;
  std::string host_;
  std::unique_ptr<State> state_;
  OutputSink* sink_ = nullptr;
  detail::SessionEvents* events_ = nullptr;
  bool aborted_ = false;  // abort() ran: what fails from now on was cancelled
};

}  // namespace vty
