// The Channel's reads that end on quiet, and resynchronising a session whose last answer was
// given up on (a timeout, a cancellation): the late output is read and dropped, never
// attributed to the next command.
#include <asio/use_awaitable.hpp>

#include <algorithm>

#include "channel_state.hpp"
#include "deadline.hpp"

namespace vty {

using detail::seconds_text;

asio::awaitable<std::optional<std::size_t>> Channel::read_within(std::chrono::milliseconds quiet) {
  // Named, not a temporary in the co_await: GCC 12 miscompiles those.
  auto reading = receive();
  co_return co_await detail::within(quiet, std::move(reading));
}

// One read that gives up, with UnknownPrompt, when nothing comes for unknown_prompt_quiet.
asio::awaitable<std::size_t> Channel::read_unless_quiet() {
  auto& s = *state_;
  if (auto bytes = co_await read_within(s.unknown_prompt_quiet)) co_return *bytes;
  std::string line(s.reader.last_line());
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
  throw UnknownPrompt("the device shows \"" + line +
                      "\", which looks like a prompt but matches no privilege level (tried " +
                      s.levels_tried + "), and sent nothing more for " +
                      seconds_text(s.unknown_prompt_quiet));
}

asio::awaitable<Channel::Reply> Channel::resync(ErrorContext context,
                                                std::chrono::milliseconds timeout,
                                                std::chrono::milliseconds settle) {
  auto& s = *state_;
  // The failed read may have stopped inside a line, even inside the prompt: carry its
  // unfinished last line over (cleaned text reads the same when fed again).
  std::string carried(s.reader.last_line());
  std::string seen_before = s.reader.tail();  // the failed read's last bytes, for the error
  s.reader.reset();
  s.reader.feed(carried);
  seen_before.resize(seen_before.size() - std::min(seen_before.size(), carried.size()));
  // Named, not a temporary in the co_await: GCC 12 miscompiles those.
  auto discarding = discard_to_settled_prompt(settle);
  if (!co_await detail::within(timeout, std::move(discarding))) {
    context.pattern = s.prompt_pattern;
    context.tail = seen_before + s.reader.tail();
    if (context.tail.size() > 256) context.tail.erase(0, context.tail.size() - 256);
    // The next attempt starts from what was seen so far, as this one did.
    s.reader.reset();
    s.reader.feed(context.tail);
    throw SessionOutOfSync(
        "an earlier operation ended without its prompt, and the device showed no prompt "
        "within " +
            seconds_text(timeout) +
            " after it (still busy, or waiting for an answer); nothing was sent. Try again "
            "later, or reopen() for a new session",
        context);
  }
  s.in_sync = true;
  Reply reply;
  reply.prompt = s.reader.prompt();
  reply.raw = s.reader.tail();
  s.reader.reset();
  co_return reply;
}

// Reads until the last line is a prompt and nothing follows it for `settle`: the rest of
// an answer that was given up on (its prompt included), and whatever else was pending.
asio::awaitable<void> Channel::discard_to_settled_prompt(std::chrono::milliseconds settle) {
  auto& s = *state_;
  std::string discarded;
  for (;;) {
    if (s.reader.at_pager()) {
      co_await send_bytes(s.pager_response);
      s.reader.continue_after_pager();
      continue;
    }
    std::size_t bytes = 0;
    if (s.reader.done()) {
      auto more = co_await read_within(settle);
      if (!more) co_return;
      s.reader.reset();  // the prompt was not the last word: start over after it
      bytes = *more;
    } else {
      bytes = co_await receive();
    }
    s.reader.feed({s.buffer.data(), bytes});
    // Bounded memory, whatever the size of the late answer.
    discarded.clear();
    s.reader.take_settled_output(discarded);
    s.reader.forget_raw(1024);
  }
}

}  // namespace vty
