// SSH inside the process: libssh in non-blocking mode, its socket waited on by asio. Reads
// the ssh config (docs/ssh.md), reaches the device directly, through jump hosts or through
// a ProxyCommand, and opens a shell on a pseudo-terminal.
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/steady_timer.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "libssh_io.hpp"
#include "vty/errors.hpp"
#include "vty/options.hpp"
#include "vty/transport.hpp"
#include "vty/transports/libssh.hpp"

struct ssh_channel_struct;

namespace vty {
namespace detail {
class SshConnection;
struct SshTarget;
struct Tunnel;
}  // namespace detail

class LibsshTransport final : public Transport {
 public:
  LibsshTransport(asio::any_io_executor executor, Options options);
  ~LibsshTransport() override;  // aborts if still open
  LibsshTransport(const LibsshTransport&) = delete;
  LibsshTransport& operator=(const LibsshTransport&) = delete;

  asio::awaitable<void> open() override;
  asio::awaitable<std::size_t> read_some(std::span<char> buffer) override;
  std::size_t read_available(std::span<char> buffer) override;
  asio::awaitable<void> write(std::string_view data) override;
  asio::awaitable<void> close() override;
  void abort() noexcept override;
  bool is_alive() const override;
  bool cancels_reads() const override { return true; }
  void cancel_read() noexcept override;

  bool authenticates_in_band() const override { return false; }
  std::string_view name() const override { return "libssh"; }

 private:
  asio::awaitable<void> reach();  // a socket to the device's SSH server, whichever way
  asio::awaitable<void> open_shell();
  asio::awaitable<void> send_keepalives();
  std::size_t take(std::span<char> buffer);
  void require_open(const char* operation) const;
  ErrorContext context(std::string operation) const;

  asio::any_io_executor executor_;
  Options options_;
  std::unique_ptr<detail::SshTarget> target_;
  std::unique_ptr<detail::SshConnection> connection_;
  std::unique_ptr<detail::Tunnel> tunnel_;  // through jump hosts: keeps them logged in
  int proxy_pid_ = -1;                      // a ProxyCommand's process
  ssh_channel_struct* channel_ = nullptr;
  std::optional<asio::steady_timer> keepalive_;  // with ServerAliveInterval
  std::string lost_;                    // why keepalives gave up on the session, once they have
  std::optional<detail::Wakeup> kick_;  // wakes a read when a keepalive read the socket
  bool read_cancelled_ = false;         // cancel_read() ran during this read_some
  // bytes_read() when read_available() last found nothing; kNoLook when it did not, or when
  // something else ran since.
  static constexpr std::uint64_t kNoLook = UINT64_MAX;
  std::uint64_t found_nothing_at_ = kNoLook;
};

// The factory registered as "libssh": the SSH settings come from Options' deprecated fields.
std::unique_ptr<Transport> make_libssh_transport(asio::any_io_executor executor,
                                                 const Options& options);

}  // namespace vty
