#include "replay_transport.hpp"

#include <asio/redirect_error.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include <algorithm>
#include <cstring>

#include "vty/errors.hpp"

namespace vty {
namespace {

std::string label_of(const Options& options) {
  return options.label.empty() ? options.host : options.label;
}

replay::ReplayScript load_script(const Options& options) {
  if (options.replay.file.empty())
    throw UsageError("the replay transport needs a recording (Options::replay.file)",
                     {.host = label_of(options), .operation = "open"});
  return replay::ReplayScript(load_recording(options.replay.file),
                              {.normalise_whitespace = options.replay.normalise_whitespace,
                               .source = options.replay.file.string(),
                               .host = label_of(options)});
}

}  // namespace

ReplayTransport::ReplayTransport(asio::any_io_executor executor, const Options& options)
    : options_(options), script_(load_script(options)), wake_(std::move(executor)) {}

ErrorContext ReplayTransport::context(std::string operation) const {
  return {.host = label_of(options_), .operation = std::move(operation)};
}

bool ReplayTransport::authenticates_in_band() const {
  return script_.recording().header.in_band_auth;
}

asio::awaitable<void> ReplayTransport::open() {
  open_ = true;
  anchor_ = Clock::now();
  anchor_recorded_ = {};
  co_return;
}

// Sleeps until `when` or until write() wakes it; throws when the caller cancels the read.
asio::awaitable<void> ReplayTransport::wait_until(Clock::time_point when) {
  if (read_cancelled_) throw asio::system_error(asio::error::operation_aborted);
  wake_.expires_at(when);
  asio::error_code ignored;
  co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  auto state = co_await asio::this_coro::cancellation_state;
  if (read_cancelled_ || state.cancelled() != asio::cancellation_type::none)
    throw asio::system_error(asio::error::operation_aborted);
}

void ReplayTransport::cancel_read() noexcept {
  read_cancelled_ = true;
  wake_.cancel();
}

asio::awaitable<std::size_t> ReplayTransport::read_some(std::span<char> buffer) {
  using Next = replay::ReplayScript::Next;
  read_cancelled_ = false;
  for (;;) {
    if (!open_) throw ConnectionClosed("the replay is closed", context("read"));
    switch (script_.next()) {
      case Next::end:
        throw ConnectionClosed("the recording " + options_.replay.file.string() + " ends here",
                               context("read"));
      case Next::closed:
        throw ConnectionClosed("the recorded device closed the session", context("read"));
      case Next::wait_input:
        co_await wait_until(Clock::time_point::max());
        continue;
      case Next::output:
        break;
    }
    auto at = script_.output_event()->at;
    if (options_.replay.realtime) {
      auto due = anchor_ + std::chrono::duration_cast<Clock::duration>(at - anchor_recorded_);
      if (Clock::now() < due) {
        co_await wait_until(due);
        continue;  // a write may have come meanwhile; look again
      }
      anchor_ = Clock::now();
      anchor_recorded_ = at;
    }
    std::string bytes = script_.take_output(buffer.size(), !options_.replay.realtime);
    std::memcpy(buffer.data(), bytes.data(), bytes.size());
    co_return bytes.size();
  }
}

asio::awaitable<void> ReplayTransport::write(std::string_view data) {
  if (!open_) throw ConnectionClosed("the replay is closed", context("write"));
  script_.input(data);
  anchor_ = Clock::now();
  anchor_recorded_ = script_.last_input_at();
  wake_.cancel();
  co_return;
}

asio::awaitable<void> ReplayTransport::close() {
  abort();
  co_return;
}

void ReplayTransport::abort() noexcept {
  open_ = false;
  wake_.cancel();
}

std::unique_ptr<Transport> make_replay_transport(asio::any_io_executor executor,
                                                 const Options& options) {
  return std::make_unique<ReplayTransport>(std::move(executor), options);
}

std::unique_ptr<Transport> transports::replay::make_transport(asio::any_io_executor executor,
                                                              const Options& options) const {
  // The transport reads the recording where a transport chosen by name finds it.
  Options with_settings = options;
  with_settings.replay = {
      .file = file, .realtime = realtime, .normalise_whitespace = normalise_whitespace};
  return std::make_unique<ReplayTransport>(std::move(executor), with_settings);
}

}  // namespace vty
