// A TCP connection to a device: resolve, try each address, no Nagle delay. Shared by the
// transports that open their own socket (libssh, telnet).
#pragma once

#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>

#include <cstdint>
#include <string>

#include "vty/errors.hpp"

namespace vty::detail {

// Connects `socket` to `host`:`port`. Throws HostUnreachable (the name does not resolve, no
// address answers) or ConnectionRefused, with `context`. Takes no deadline: callers race it
// with their socket timeout (deadline.hpp).
asio::awaitable<void> connect_tcp(asio::ip::tcp::socket& socket, std::string host,
                                  std::uint16_t port, ErrorContext context);

}  // namespace vty::detail
