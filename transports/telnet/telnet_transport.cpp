#include "telnet_transport.hpp"

#include <asio/experimental/as_tuple.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <system_error>
#include <utility>

#include "deadline.hpp"
#include "tcp_connect.hpp"

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

}  // namespace

std::unique_ptr<Transport> transports::telnet::make_transport(asio::any_io_executor executor,
                                                              const Options& options) const {
  return std::make_unique<TelnetTransport>(std::move(executor), options);
}

std::unique_ptr<Transport> make_telnet_transport(asio::any_io_executor executor,
                                                 const Options& options) {
  return std::make_unique<TelnetTransport>(std::move(executor), options);
}

TelnetTransport::TelnetTransport(asio::any_io_executor executor, Options options)
    : options_(std::move(options)),
      socket_(std::move(executor)),
      negotiator_(client_settings(options_)) {}

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
  const std::uint16_t port = options_.port ? options_.port : default_port;
  bool connected = false;
  try {
    // Named, not temporaries in the co_await: GCC 12 miscompiles those.
    auto connecting = detail::connect_tcp(socket_, options_.host, port, context("open"));
    connected = co_await detail::within(options_.timeout_socket, std::move(connecting));
  } catch (...) {
    abort();
    throw;
  }
  if (!connected) {
    abort();
    throw SocketTimeout("no TCP connection to port " + std::to_string(port) + " within " +
                            seconds(options_.timeout_socket),
                        context("open"));
  }
}

void TelnetTransport::cancel_read() noexcept {
  read_cancelled_ = true;
  asio::error_code ignored;
  socket_.cancel(ignored);  // a negotiation answer being written ends too, as on asio cancellation
}

asio::awaitable<std::size_t> TelnetTransport::read_some(std::span<char> buffer) {
  require_open("read");
  if (buffer.empty()) co_return 0;
  read_cancelled_ = false;
  while (pending_pos_ == pending_.size()) {
    pending_.clear();
    pending_pos_ = 0;
    // Cancelled while a finished read was on its way back: the next one would not be.
    if (read_cancelled_) throw std::system_error(asio::error::operation_aborted);
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
  if (error == asio::error::operation_aborted) throw std::system_error(error);  // cancelled
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
