#include "tcp_connect.hpp"

#include <asio/experimental/as_tuple.hpp>
#include <asio/use_awaitable.hpp>

#include <tuple>

namespace vty::detail {

asio::awaitable<void> connect_tcp(asio::ip::tcp::socket& socket, std::string host,
                                  std::uint16_t port, ErrorContext context) {
  using asio::experimental::as_tuple;
  const std::string service = std::to_string(port);
  asio::ip::tcp::resolver resolver(socket.get_executor());
  auto [resolve_error, endpoints] =
      co_await resolver.async_resolve(host, service, as_tuple(asio::use_awaitable));
  if (resolve_error)
    throw HostUnreachable("cannot resolve \"" + host + "\": " + resolve_error.message(), context);
  asio::error_code error = asio::error::host_not_found;
  for (const auto& entry : endpoints) {
    socket.close();
    std::tie(error) =
        co_await socket.async_connect(entry.endpoint(), as_tuple(asio::use_awaitable));
    if (!error) break;
  }
  if (error == asio::error::connection_refused)
    throw ConnectionRefused("connection refused on port " + service, context);
  if (error)
    throw HostUnreachable("cannot connect to port " + service + ": " + error.message(), context);
  // Commands are small and interactive: send them now, not after Nagle's delay.
  socket.set_option(asio::ip::tcp::no_delay(true));
}

}  // namespace vty::detail
