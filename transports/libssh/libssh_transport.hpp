// SSH inside the process: libssh in non-blocking mode, its socket waited on by asio.
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "vty/errors.hpp"
#include "vty/options.hpp"
#include "vty/transport.hpp"

struct ssh_session_struct;
struct ssh_channel_struct;

namespace vty {

class LibsshTransport final : public Transport {
 public:
  LibsshTransport(asio::any_io_executor executor, Options options);
  ~LibsshTransport() override;  // aborts if still open
  LibsshTransport(const LibsshTransport&) = delete;
  LibsshTransport& operator=(const LibsshTransport&) = delete;

  asio::awaitable<void> open() override;
  asio::awaitable<std::size_t> read_some(std::span<char> buffer) override;
  asio::awaitable<void> write(std::string_view data) override;
  asio::awaitable<void> close() override;
  void abort() noexcept override;

  bool authenticates_in_band() const override { return false; }
  std::string_view name() const override { return "libssh"; }

 private:
  asio::awaitable<void> connect_socket();
  asio::awaitable<void> set_up_session();
  asio::awaitable<void> open_shell();
  // Waits until the socket can make progress on what libssh is waiting for.
  asio::awaitable<void> wait_for_socket();
  asio::awaitable<void> flush();
  void require_open(const char* operation) const;
  void close_leftover_duplicate() noexcept;
  ErrorContext context(std::string operation) const;
  std::string libssh_error() const;

  Options options_;
  asio::ip::tcp::socket socket_;
  int libssh_fd_ = -1;  // the duplicate handed to libssh (see abort())
  ssh_session_struct* session_ = nullptr;
  ssh_channel_struct* channel_ = nullptr;
  const char* step_ = "connect";  // what open() is doing, for timeout messages
};

// The factory registered as "libssh".
std::unique_ptr<Transport> make_libssh_transport(asio::any_io_executor executor,
                                                 const Options& options);

}  // namespace vty
