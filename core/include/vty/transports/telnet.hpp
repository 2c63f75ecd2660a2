/// @file
/// The "telnet" transport's settings: plain TCP with RFC 854 option negotiation
/// (docs/telnet.md). Naming `vty::transports::telnet` in code links the transport.
#pragma once

#include <asio/any_io_executor.hpp>

#include <memory>
#include <string_view>

#include "vty/options.hpp"

namespace vty {
class Transport;
}

namespace vty::transports {

/// Telnet takes everything it needs from Options: the host, the port (default 23), the
/// terminal type and size it answers TTYPE and NAWS with, and Options::login.
struct telnet {
  static constexpr std::string_view name = "telnet";

  std::unique_ptr<Transport> make_transport(asio::any_io_executor executor,
                                            const Options& options) const;
};

}  // namespace vty::transports
