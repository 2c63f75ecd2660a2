// Jump hosts (ProxyJump) on libssh, which has no ProxyJump of its own: the device's session
// runs over one end of a socket pair whose other end is pumped through a direct-tcpip
// channel of the jump host's session. Every device behind the same jump host (same user,
// port, credentials and event loop) shares that one session: one login on the jump host
// for any number of devices, each with a channel of its own.
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>

#include <memory>

#include "libssh_target.hpp"
#include "vty/errors.hpp"
#include "vty/options.hpp"

namespace vty::detail {

// The device's end of a tunnel. `fd` is handed to SshConnection::adopt (which owns it from
// then on); while `hold` lives, the jump hosts on the way stay logged in.
struct Tunnel {
  std::shared_ptr<void> hold{};
  int fd = -1;
};

// A tunnel to target.host:target.port through target.jumps, logging in to each jump host
// that no other session has open yet (with its own config block, the device's password and
// key, and the device's host-key policy and known_hosts). Throws the usual errors, their
// summaries prefixed with "jump host HOST:PORT: ".
asio::awaitable<Tunnel> open_tunnel(asio::any_io_executor executor, const Options& options,
                                    const SshConfig& config, const SshTarget& target,
                                    const ErrorContext& context);

}  // namespace vty::detail
