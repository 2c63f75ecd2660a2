#include "telnet_transport.hpp"

#include <asio/co_spawn.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/deferred.hpp>
#include <asio/experimental/parallel_group.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <utility>

namespace vty {
namespace {

using asio::use_awaitable;
using asio::experimental::as_tuple;
using tcp = asio::ip::tcp;

std::string seconds(std::chrono::milliseconds limit) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", static_cast<double>(limit.count()) / 1000.0);
  return std::string(text) + "s";
}

std::uint16_t window_dimension(int value) {
  return static_cast<std::uint16_t>(std::clamp(value, 0, 65535));
}

// A client performs SGA, TTYPE and NAWS when asked, and lets the server echo and drop GAs.
telnet::Negotiator::Settings client_settings(const Options& options) {
  telnet::Negotiator::Settings settings;
  settings.local = {telnet::kSuppressGoAhead, telnet::kTerminalType, telnet::kWindowSize};
  settings.remote = {telnet::kEcho, telnet::kSuppressGoAhead};
  settings.terminal_type = options.term_type;
  settings.window = {window_dimension(options.term_width), window_dimension(options.term_height)};
  return settings;
}

const bool registered = (register_transport("telnet", &make_telnet_transport), true);

}  // namespace

std::unique_ptr<Transport> make_telnet_transport(asio::any_io_executor executor,
                                                 const Options& options) {
  return std::make_unique<TelnetTransport>(std::move(executor), options);
}

TelnetTransport::TelnetTransport(asio::any_io_executor executor, Options options)
    : options_(std::move(options)),
      socket_(std::move(executor)),
      negotiator_(client_settings(options_)) {
  (void)registered;
}

TelnetTransport::~TelnetTransport() {
  abort();
}

ErrorContext TelnetTransport::context(std::string operation) const {
  return {.host = options_.label.empty() ? options_.host : options_.label,
          .operation = std::move(operation)};
}

void TelnetTransport::require_open(const char* operation) const {
  if (!socket_.is_open()) throw UsageError("the telnet transport is not open", context(operation));
}

asio::awaitable<void> TelnetTransport::open() {
  if (socket_.is_open()) throw UsageError("the telnet transport is already open", context("open"));
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer timer(executor, options_.timeout_socket);
  // Whichever ends first cancels the other (see Channel::read_reply for why not `||`).
  auto [order, error, timer_error] =
      co_await asio::experimental::make_parallel_group(
          asio::co_spawn(executor, connect_socket(), asio::experimental::deferred),
          timer.async_wait(asio::experimental::deferred))
          .async_wait(asio::experimental::wait_for_one(), use_awaitable);
  if (order[0] == 1) {
    abort();
    throw SocketTimeout("no TCP connection to port " +
                            std::to_string(options_.port ? options_.port : default_port) +
                            " within " + seconds(options_.timeout_socket),
                        context("open"));
  }
  if (error) {
    abort();
    std::rethrow_exception(error);
  }
}

asio::awaitable<void> TelnetTransport::connect_socket() {
  const auto port = std::to_string(options_.port ? options_.port : default_port);
  tcp::resolver resolver(socket_.get_executor());
  auto [resolve_error, endpoints] =
      co_await resolver.async_resolve(options_.host, port, as_tuple(use_awaitable));
  if (resolve_error)
    throw HostUnreachable("cannot resolve \"" + options_.host + "\": " + resolve_error.message(),
                          context("open"));
  asio::error_code error = asio::error::host_not_found;
  for (const auto& entry : endpoints) {
    socket_.close();
    std::tie(error) = co_await socket_.async_connect(entry.endpoint(), as_tuple(use_awaitable));
    if (!error) break;
  }
  if (error == asio::error::connection_refused)
    throw ConnectionRefused("connection refused on port " + port, context("open"));
  if (error)
    throw HostUnreachable("cannot connect to port " + port + ": " + error.message(),
                          context("open"));
  // Commands are small and interactive: send them now, not after Nagle's delay.
  socket_.set_option(tcp::no_delay(true));
}

asio::awaitable<std::size_t> TelnetTransport::read_some(std::span<char> buffer) {
  require_open("read");
  if (buffer.empty()) co_return 0;
  while (pending_pos_ == pending_.size()) {
    pending_.clear();
    pending_pos_ = 0;
    auto [error, n] =
        co_await socket_.async_read_some(asio::buffer(incoming_), as_tuple(use_awaitable));
    if (error == asio::error::eof)
      throw ConnectionClosed("the device closed the session", context("read"));
    if (error == asio::error::operation_aborted) throw std::system_error(error);
    if (error)
      throw ConnectionClosed("the connection was lost: " + error.message(), context("read"));
    // The data is kept before the answers are written: a read cancelled during that write
    // loses nothing.
    negotiator_.feed({incoming_.data(), n}, pending_);
    if (negotiator_.has_output()) {
      replies_ = negotiator_.take_output();
      auto [write_error, written] =
          co_await asio::async_write(socket_, asio::buffer(replies_), as_tuple(use_awaitable));
      if (write_error == asio::error::operation_aborted) throw std::system_error(write_error);
      if (write_error)
        throw ConnectionClosed("the connection was lost: " + write_error.message(),
                               context("read"));
    }
  }
  const std::size_t n = std::min(buffer.size(), pending_.size() - pending_pos_);
  std::copy_n(pending_.data() + pending_pos_, n, buffer.data());
  pending_pos_ += n;
  co_return n;
}

asio::awaitable<void> TelnetTransport::write(std::string_view data) {
  require_open("write");
  outgoing_.clear();
  telnet::Negotiator::escape(data, outgoing_);
  auto [error, written] =
      co_await asio::async_write(socket_, asio::buffer(outgoing_), as_tuple(use_awaitable));
  if (error)
    throw ConnectionClosed("the connection was lost: " + error.message(), context("write"));
}

asio::awaitable<void> TelnetTransport::close() {
  if (!socket_.is_open()) co_return;
  asio::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  abort();
}

void TelnetTransport::abort() noexcept {
  asio::error_code ignored;
  socket_.close(ignored);  // wakes any pending read with operation_aborted
}

}  // namespace vty
