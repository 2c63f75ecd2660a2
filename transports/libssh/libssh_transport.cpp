#include "libssh_transport.hpp"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/use_awaitable.hpp>

#include <libssh/libssh.h>
#include <libssh/server.h>  // ssh_send_keepalive, which clients use too

#include <algorithm>
#include <cstdint>
#include <string>
#include <system_error>
#include <utility>

#include "libssh_connection.hpp"
#include "libssh_io.hpp"
#include "libssh_jump.hpp"
#include "libssh_proxy_command.hpp"
#include "libssh_target.hpp"
#include "vty/errors.hpp"

namespace vty {
namespace {

using asio::use_awaitable;

std::string seconds(std::chrono::milliseconds limit) {
  auto text = std::to_string(limit.count() / 1000.0);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text + "s";
}

// The transport reads its settings where a transport chosen by name finds them.
Options with_settings(Options options, const transports::libssh& settings) {
  options.host_key_policy = settings.host_key_policy;
  options.known_hosts_file = settings.known_hosts_file;
  options.ssh_config_file = settings.ssh_config_file;
  options.ssh_options = settings.ssh_options;
  options.jump_host = settings.jump_host;
  return options;
}

}  // namespace

std::unique_ptr<Transport> transports::libssh::make_transport(asio::any_io_executor executor,
                                                              const Options& options) const {
  return std::make_unique<LibsshTransport>(std::move(executor), with_settings(options, *this));
}

std::unique_ptr<Transport> make_libssh_transport(asio::any_io_executor executor,
                                                 const Options& options) {
  return std::make_unique<LibsshTransport>(std::move(executor), options);
}

LibsshTransport::LibsshTransport(asio::any_io_executor executor, Options options)
    : executor_(std::move(executor)), options_(std::move(options)) {}

LibsshTransport::~LibsshTransport() {
  abort();
}

ErrorContext LibsshTransport::context(std::string operation) const {
  return {.host = options_.label.empty() ? options_.host : options_.label,
          .operation = std::move(operation)};
}

void LibsshTransport::require_open(const char* operation) const {
  if (!channel_ && !lost_.empty()) throw ConnectionClosed(lost_, context(operation));
  if (!channel_) throw UsageError("the libssh transport is not open", context(operation));
}

bool LibsshTransport::is_alive() const {
  return lost_.empty() && channel_ && connection_ && connection_->alive() &&
         ssh_channel_is_open(channel_) && !ssh_channel_is_eof(channel_);
}

asio::awaitable<void> LibsshTransport::open() {
  if (connection_ && connection_->connected())
    throw UsageError("the libssh transport is already open", context("open"));
  try {
    const auto config = detail::load_ssh_config(options_, context("open"));
    target_ = std::make_unique<detail::SshTarget>(
        detail::resolve_target(options_, config, context("open")));
    connection_ = std::make_unique<detail::SshConnection>(executor_, context("open"));
    const auto socket_limit = target_->timeout_socket;
    if (!target_->jumps.empty()) {
      // Through jump hosts: their logins are set-up work, bounded like the device's own.
      const auto limit = socket_limit + options_.timeout_transport;
      auto reach_through = [&]() -> asio::awaitable<void> {
        auto tunnel =
            co_await detail::open_tunnel(executor_, options_, config, *target_, context("open"));
        tunnel_ = std::make_unique<detail::Tunnel>(std::move(tunnel));
        connection_->adopt(std::exchange(tunnel_->fd, -1));
      };
      // Named, not temporaries in the co_await: GCC 12 miscompiles those.
      auto reaching = reach_through();
      const bool in_time = co_await detail::within(limit, std::move(reaching));
      if (!in_time)
        throw TransportTimeout("no tunnel through the jump host within " + seconds(limit),
                               context("open"));
    } else {
      auto reaching = reach();
      const bool in_time = co_await detail::within(socket_limit, std::move(reaching));
      if (!in_time)
        throw SocketTimeout("no TCP connection to port " + std::to_string(target_->port) +
                                " within " + seconds(socket_limit),
                            context("open"));
    }
    auto set_up = [this]() -> asio::awaitable<void> {
      co_await connection_->start(*target_, detail::options_for(options_, *target_), options_.auth);
      co_await open_shell();
    };
    auto setting_up = set_up();
    const bool ready = co_await detail::within(options_.timeout_transport, std::move(setting_up));
    if (!ready)
      throw TransportTimeout(std::string("SSH session not ready within ") +
                                 seconds(options_.timeout_transport) +
                                 " (stuck at: " + connection_->step() + ")",
                             context("open"));
    connection_->set_step("ready");
    if (target_->config.server_alive_interval.value_or(0) > 0) {
      keepalive_.emplace(executor_);
      asio::co_spawn(executor_, send_keepalives(), asio::detached);
    }
  } catch (...) {
    abort();
    throw;
  }
}

asio::awaitable<void> LibsshTransport::reach() {
  if (target_->proxy_command.empty()) {
    co_await connection_->connect_tcp(*target_);
    co_return;
  }
  try {
    const auto proxy = detail::start_proxy_command(target_->proxy_command);
    proxy_pid_ = proxy.pid;
    connection_->adopt(proxy.fd);
  } catch (const std::system_error& e) {
    throw ConnectionError(
        "cannot start the ProxyCommand \"" + target_->proxy_command + "\": " + e.what(),
        context("open"));
  }
}

asio::awaitable<void> LibsshTransport::open_shell() {
  const detail::SocketWait wait = [this] { return connection_->wait(); };
  ssh_session session = connection_->session();
  connection_->set_step("channel open");
  channel_ = ssh_channel_new(session);
  if (!channel_)
    throw ConnectionError("cannot create a channel: " + connection_->libssh_error(),
                          context("open"));
  if (co_await detail::retry(
          wait, [this] { return ssh_channel_open_session(channel_); }, SSH_AGAIN) != SSH_OK)
    throw ConnectionError("the server refused a session channel: " + connection_->libssh_error(),
                          context("open"));
  connection_->set_step("pty request");
  auto pty = [this] {
    return ssh_channel_request_pty_size(channel_, options_.term_type.c_str(), options_.term_width,
                                        options_.term_height);
  };
  if (co_await detail::retry(wait, pty, SSH_AGAIN) != SSH_OK)
    throw ConnectionError("the server refused a pseudo-terminal: " + connection_->libssh_error(),
                          context("open"));
  connection_->set_step("shell request");
  if (co_await detail::retry(
          wait, [this] { return ssh_channel_request_shell(channel_); }, SSH_AGAIN) != SSH_OK)
    throw ConnectionError("the server refused a shell: " + connection_->libssh_error(),
                          context("open"));
}

// keepalive@openssh.com every ServerAliveInterval seconds: SSH traffic that keeps NAT and
// firewall state alive and makes a dead peer's socket fail instead of hanging.
asio::awaitable<void> LibsshTransport::send_keepalives() {
  const auto interval = std::chrono::seconds(target_->config.server_alive_interval.value_or(0));
  const int count_max = target_->config.server_alive_count_max.value_or(3);
  for (;;) {
    if (!keepalive_) co_return;
    keepalive_->expires_after(interval);
    auto [error] = co_await keepalive_->async_wait(asio::experimental::as_tuple(use_awaitable));
    if (error || !channel_ || !connection_ || !connection_->session()) co_return;
    // ServerAliveCountMax: libssh does not report the replies, but any reply is data from
    // the server, so count_max intervals without a byte received mean count_max unanswered.
    const auto idle = connection_->idle_ms();
    if (count_max > 0 && idle &&
        *idle >
            std::chrono::duration_cast<std::chrono::milliseconds>(interval * count_max).count()) {
      lost_ = "no answer to " + std::to_string(count_max) + " keepalives (ServerAliveInterval " +
              std::to_string(interval.count()) + ", ServerAliveCountMax " +
              std::to_string(count_max) + ")";
      channel_ = nullptr;  // freed with the session
      connection_->abort();
      if (kick_) kick_->notify();
      co_return;
    }
    // libssh keeps one global request in flight: a call while one is outstanding only
    // collects its reply. The first call collects the last tick's, the second sends anew.
    ssh_send_keepalive(connection_->session());
    ssh_send_keepalive(connection_->session());
    // The call may have read the device's output into the channel: wake a waiting read.
    if (kick_) kick_->notify();
  }
}

// What libssh has buffered, then what the socket holds, without waiting: 0 when neither
// has a byte of the channel's.
std::size_t LibsshTransport::take(std::span<char> buffer) {
  const auto size = static_cast<uint32_t>(std::min<std::size_t>(buffer.size(), UINT32_MAX));
  // libssh reads at most 4 KiB from the socket per call, and a channel packet is up to
  // 32 KiB: while a call read bytes but completed no packet, the next one is asked at once,
  // without a wait or a poll of our own in between (bulk output: ~20,000 polls per 100 MB
  // fewer). Bounded, so a peer sending only non-channel packets cannot hold the loop.
  constexpr int kPartialPacketReads = 16;
  int n = 0;
  for (int i = 0; i < kPartialPacketReads; ++i) {
    const auto read_before = connection_->bytes_read();
    n = ssh_channel_read_nonblocking(channel_, buffer.data(), size, 0);
    if (n != 0 || connection_->bytes_read() == read_before) break;
  }
  if (n > 0) return static_cast<std::size_t>(n);
  if (n == SSH_EOF || (n == 0 && ssh_channel_is_eof(channel_)))
    throw ConnectionClosed("the device closed the session", context("read"));
  if (n < 0 && connection_->peer_hung_up())
    throw ConnectionClosed("the device closed the session", context("read"));
  if (n < 0)
    throw ConnectionClosed("the connection was lost: " + connection_->libssh_error(),
                           context("read"));
  return 0;
}

std::size_t LibsshTransport::read_available(std::span<char> buffer) {
  require_open("read");
  if (buffer.empty()) return 0;
  const auto read_before = connection_->bytes_read();
  const std::size_t n = take(buffer);
  found_nothing_at_ = n == 0 && connection_->bytes_read() == read_before ? read_before : kNoLook;
  return n;
}

void LibsshTransport::cancel_read() noexcept {
  read_cancelled_ = true;
  if (connection_) connection_->cancel_waits();
}

asio::awaitable<std::size_t> LibsshTransport::read_some(std::span<char> buffer) {
  require_open("read");
  if (buffer.empty()) co_return 0;
  read_cancelled_ = false;
  // read_available() has just looked and found nothing, and libssh has read nothing since:
  // straight to the wait, without a second look (one system call fewer per waiting reply).
  bool looked = std::exchange(found_nothing_at_, kNoLook) == connection_->bytes_read();
  for (;; looked = false) {
    if (!looked) {
      const auto read_before = connection_->bytes_read();
      if (const auto n = take(buffer)) co_return n;
      // libssh polled the socket in take(): when it read nothing, the wait needs no look of
      // its own first (one system call fewer per wait).
      looked = connection_->bytes_read() == read_before;
    }
    // Cancelled while a finished wait was on its way back: the next one would not be.
    if (read_cancelled_) throw std::system_error(asio::error::operation_aborted);
    if (keepalive_) {
      if (!kick_) kick_.emplace(executor_);
      try {
        auto readable = connection_->wait(looked);
        auto kicked = kick_->wait();
        co_await detail::either(std::move(readable), std::move(kicked));
      } catch (const ConnectionClosed&) {
        if (lost_.empty()) throw;
      }
      if (!connection_->session())
        throw ConnectionClosed(lost_.empty() ? "the session was aborted" : lost_, context("read"));
    } else {
      // wait()'s steps, here: a coroutine frame fewer per read that waits.
      const bool want_write = connection_->wants_write();
      auto [error] = co_await connection_->wait_ready(want_write);
      connection_->waited(error, want_write, looked);
    }
    require_open("read");
  }
}

asio::awaitable<void> LibsshTransport::write(std::string_view data) {
  require_open("write");
  found_nothing_at_ = kNoLook;
  while (!data.empty()) {
    const auto chunk = static_cast<uint32_t>(std::min<std::size_t>(data.size(), UINT32_MAX));
    // Writes what the channel window allows; the rest after the server grants more.
    const int n = ssh_channel_write(channel_, data.data(), chunk);
    if (n < 0)
      throw ConnectionClosed("the connection was lost: " + connection_->libssh_error(),
                             context("write"));
    data.remove_prefix(static_cast<std::size_t>(n));
    if (!data.empty()) {
      co_await connection_->wait();
      require_open("write");
    }
  }
  // A command's few bytes go at once: no coroutine frame for flush() then.
  if (!connection_->try_flush()) co_await connection_->flush();
}

asio::awaitable<void> LibsshTransport::close() {
  if (!connection_ || !connection_->session()) {
    abort();
    co_return;
  }
  keepalive_.reset();
  if (channel_ && ssh_channel_is_open(channel_)) {
    ssh_channel_send_eof(channel_);
    ssh_channel_close(channel_);
  }
  // The goodbye is a courtesy: bounded, and failures do not matter. The channel is freed
  // with the session.
  channel_ = nullptr;
  co_await connection_->disconnect(options_.timeout_socket);
  abort();
}

void LibsshTransport::abort() noexcept {
  keepalive_.reset();  // its coroutine ends at its next wake-up
  if (kick_) kick_->notify();
  if (channel_ && connection_ && connection_->session()) ssh_channel_free(channel_);
  channel_ = nullptr;
  if (connection_) connection_->abort();
  // A jump host's share goes after the device's session, whose socket is its tunnel.
  tunnel_.reset();
  if (proxy_pid_ > 0) detail::stop_proxy_command(std::exchange(proxy_pid_, -1));
}

}  // namespace vty
