// One libssh client session on a stream socket that asio waits on: TCP to the server, or a
// tunnel's end (a jump host's channel, a ProxyCommand). Handshake, host-key check and login;
// the device's shell and a jump host's tunnels are built on it.
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/error_code.hpp>
#include <asio/generic/stream_protocol.hpp>

#include <libssh/libssh.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>

#include "libssh_target.hpp"
#include "vty/errors.hpp"
#include "vty/options.hpp"

namespace vty::detail {

// Inside a catch: rethrows the DriverException being handled as the same type, with
// `prefix` before its summary and, when given, `context` instead of its own (a jump host
// shared by many devices names the device each error goes to). Other exceptions go as
// they are.
[[noreturn]] void rethrow_with(const std::string& prefix, const ErrorContext* context);

class SshConnection {
 public:
  // `context` names the device in every error; `role` is "" for the device itself or, for a
  // jump host, "jump host user@host:port: " which prefixes every summary.
  SshConnection(asio::any_io_executor executor, ErrorContext context, std::string role = {});
  ~SshConnection();  // aborts
  SshConnection(const SshConnection&) = delete;
  SshConnection& operator=(const SshConnection&) = delete;

  // TCP to target.host:target.port. Throws HostUnreachable, ConnectionRefused.
  asio::awaitable<void> connect_tcp(const SshTarget& target);
  // Takes a connected stream socket (a tunnel's end); closes it on failure.
  void adopt(int fd);
  // Handshake (with the target's algorithms), host-key check as `checked` says (host, port,
  // policy, known_hosts), then login with `auth`, trying target.identity_files.
  asio::awaitable<void> start(const SshTarget& target, const Options& checked, const Auth& auth);

  // Waits until the socket can make progress on what libssh is waiting for. `looked`: the
  // caller's last libssh call polled the socket and read nothing (bytes_read() unchanged),
  // and the caller reads through libssh next, which notices a hang-up itself
  // (peer_hung_up() names it), so the wait does not look for one.
  asio::awaitable<void> wait(bool looked = false);
  // wait()'s steps, for a caller that awaits in its own frame (a frame fewer per read that
  // waits): what libssh waits for, the socket's wait for it, and the checks after it.
  bool wants_write() const;
  asio::awaitable<std::tuple<asio::error_code>> wait_ready(bool want_write);
  void waited(asio::error_code error, bool want_write, bool looked);
  // The peer closed its end and nothing is left to read (no byte is consumed).
  bool peer_hung_up() const;
  // Sends what libssh has buffered.
  asio::awaitable<void> flush();
  // One try at flush() without waiting: true when nothing is left to send.
  bool try_flush();
  // Says goodbye (bounded by `limit`), then closes.
  asio::awaitable<void> disconnect(std::chrono::milliseconds limit);
  // Ends everything at once, from any state; never throws.
  void abort() noexcept;
  // Ends the socket waits in progress with operation_aborted; the session goes on.
  void cancel_waits() noexcept {
    asio::error_code ignored;
    socket_.cancel(ignored);
  }

  ssh_session session() const { return session_; }
  bool connected() const { return session_ && socket_.is_open(); }
  // False once the peer closed the socket or the session broke (no byte is consumed).
  bool alive() const;
  // Milliseconds since the server last sent anything (TCP only; nullopt through a tunnel).
  std::optional<long> idle_ms() const;
  // Bytes libssh has read from the socket so far.
  std::uint64_t bytes_read() const { return counter_.in_bytes; }
  const char* step() const { return step_; }
  void set_step(const char* step) { step_ = step; }
  ErrorContext context(std::string operation) const;
  const std::string& role() const { return role_; }
  std::string libssh_error() const;

 private:
  void close_leftover_duplicate() noexcept;

  ErrorContext context_;
  std::string role_;
  mutable asio::generic::stream_protocol::socket socket_;  // native_handle() is not const
  int libssh_fd_ = -1;  // the duplicate handed to libssh (see close_leftover_duplicate())
  ssh_session session_ = nullptr;
  ssh_counter_struct counter_{};  // libssh counts the socket's bytes here
  const char* step_ = "connect";  // what is being done, for timeout messages
};

}  // namespace vty::detail
