#include "libssh_transport.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <asio/experimental/as_tuple.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include <libssh/libssh.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "libssh_auth.hpp"
#include "libssh_io.hpp"
#include "libssh_known_hosts.hpp"
#include "vty/errors.hpp"

namespace vty {
namespace {

using asio::use_awaitable;
using tcp = asio::ip::tcp;

std::string seconds(std::chrono::milliseconds limit) {
  auto text = std::to_string(limit.count() / 1000.0);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text + "s";
}

const bool registered = (register_transport("libssh", &make_libssh_transport), true);

}  // namespace

std::unique_ptr<Transport> make_libssh_transport(asio::any_io_executor executor,
                                                 const Options& options) {
  return std::make_unique<LibsshTransport>(std::move(executor), options);
}

LibsshTransport::LibsshTransport(asio::any_io_executor executor, Options options)
    : options_(std::move(options)), socket_(std::move(executor)) {
  (void)registered;
}

LibsshTransport::~LibsshTransport() {
  abort();
}

ErrorContext LibsshTransport::context(std::string operation) const {
  return {.host = options_.label.empty() ? options_.host : options_.label,
          .operation = std::move(operation)};
}

std::string LibsshTransport::libssh_error() const {
  return session_ ? ssh_get_error(session_) : "no session";
}

void LibsshTransport::require_open(const char* operation) const {
  if (!channel_) throw UsageError("the libssh transport is not open", context(operation));
}

asio::awaitable<void> LibsshTransport::open() {
  if (session_ || socket_.is_open())
    throw UsageError("the libssh transport is already open", context("open"));
  try {
    if (!co_await detail::within(options_.timeout_socket, [this] { return connect_socket(); }))
      throw SocketTimeout("no TCP connection to port " +
                              std::to_string(options_.port ? options_.port : 22) + " within " +
                              seconds(options_.timeout_socket),
                          context("open"));
    if (!co_await detail::within(options_.timeout_transport, [this] { return set_up_session(); }))
      throw TransportTimeout(std::string("SSH session not ready within ") +
                                 seconds(options_.timeout_transport) + " (stuck at: " + step_ + ")",
                             context("open"));
  } catch (...) {
    abort();
    throw;
  }
}

asio::awaitable<void> LibsshTransport::connect_socket() {
  step_ = "resolve";
  const auto port = std::to_string(options_.port ? options_.port : 22);
  tcp::resolver resolver(socket_.get_executor());
  auto [resolve_error, endpoints] = co_await resolver.async_resolve(
      options_.host, port, asio::experimental::as_tuple(use_awaitable));
  if (resolve_error)
    throw HostUnreachable("cannot resolve \"" + options_.host + "\": " + resolve_error.message(),
                          context("open"));

  step_ = "connect";
  asio::error_code error = asio::error::host_not_found;
  for (const auto& entry : endpoints) {
    socket_.close();
    std::tie(error) = co_await socket_.async_connect(entry.endpoint(),
                                                     asio::experimental::as_tuple(use_awaitable));
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

asio::awaitable<void> LibsshTransport::set_up_session() {
  step_ = "session setup";
  session_ = ssh_new();
  if (!session_) throw ConnectionError("libssh could not allocate a session", context("open"));
  const int port = options_.port ? options_.port : 22;
  const std::string known_hosts = detail::known_hosts_path(options_).string();
  const int no = 0;
  ssh_options_set(session_, SSH_OPTIONS_HOST, options_.host.c_str());
  ssh_options_set(session_, SSH_OPTIONS_PORT, &port);
  if (!options_.auth.username.empty())
    ssh_options_set(session_, SSH_OPTIONS_USER, options_.auth.username.c_str());
  ssh_options_set(session_, SSH_OPTIONS_KNOWNHOSTS, known_hosts.c_str());
  // ~/.ssh/config could redirect the host or add a ProxyCommand; this session owns its socket.
  ssh_options_set(session_, SSH_OPTIONS_PROCESS_CONFIG, &no);

  // libssh closes the descriptor it is given (ssh_disconnect, ssh_free, on errors), so it gets
  // a duplicate: asio keeps the original to wait on, and each side closes its own.
  const int fd = ::fcntl(socket_.native_handle(), F_DUPFD_CLOEXEC, 0);
  if (fd < 0) throw ConnectionError("cannot duplicate the socket", context("open"));
  ssh_options_set(session_, SSH_OPTIONS_FD, &fd);
  libssh_fd_ = fd;
  ssh_set_blocking(session_, 0);

  step_ = "SSH handshake";
  const detail::SocketWait wait = [this] { return wait_for_socket(); };
  const int rc = co_await detail::retry(
      wait, [this] { return ssh_connect(session_); }, SSH_AGAIN);
  if (rc != SSH_OK)
    throw ConnectionError("SSH handshake failed: " + libssh_error(), context("open"));
  // libssh switches the descriptor to blocking mode while connecting; a blocking send of a
  // large write would then stall the whole event loop. libssh only reads and writes after
  // poll() reported readiness, so non-blocking is safe.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);

  step_ = "host key check";
  detail::check_host_key(session_, options_, context("open"));
  step_ = "authentication";
  co_await detail::authenticate(session_, options_.auth, wait, context("open"));
  co_await open_shell();
  step_ = "ready";
}

asio::awaitable<void> LibsshTransport::open_shell() {
  const detail::SocketWait wait = [this] { return wait_for_socket(); };
  step_ = "channel open";
  channel_ = ssh_channel_new(session_);
  if (!channel_)
    throw ConnectionError("cannot create a channel: " + libssh_error(), context("open"));
  if (co_await detail::retry(
          wait, [this] { return ssh_channel_open_session(channel_); }, SSH_AGAIN) != SSH_OK)
    throw ConnectionError("the server refused a session channel: " + libssh_error(),
                          context("open"));
  step_ = "pty request";
  auto pty = [this] {
    return ssh_channel_request_pty_size(channel_, options_.term_type.c_str(), options_.term_width,
                                        options_.term_height);
  };
  if (co_await detail::retry(wait, pty, SSH_AGAIN) != SSH_OK)
    throw ConnectionError("the server refused a pseudo-terminal: " + libssh_error(),
                          context("open"));
  step_ = "shell request";
  if (co_await detail::retry(
          wait, [this] { return ssh_channel_request_shell(channel_); }, SSH_AGAIN) != SSH_OK)
    throw ConnectionError("the server refused a shell: " + libssh_error(), context("open"));
}

asio::awaitable<void> LibsshTransport::wait_for_socket() {
  const bool want_write = (ssh_get_poll_flags(session_) & SSH_WRITE_PENDING) != 0;
  // asio's epoll registration is edge-triggered: readiness that arrived before this wait
  // (libssh reads at most 4 KiB per poll) would not be reported again. Look first.
  pollfd ready{socket_.native_handle(), static_cast<short>(want_write ? POLLOUT : POLLIN), 0};
  if (::poll(&ready, 1, 0) == 0)
    co_await socket_.async_wait(want_write ? tcp::socket::wait_write : tcp::socket::wait_read,
                                use_awaitable);
  if (!session_) throw ConnectionClosed("the session was aborted", context("read"));
  // libssh asked for more and the peer has hung up with nothing left to read: libssh would
  // say "again" for ever (a device that closes during authentication spun here).
  char next = 0;
  if (!want_write && ::recv(socket_.native_handle(), &next, 1, MSG_PEEK | MSG_DONTWAIT) == 0) {
    if (std::string_view(step_) == "ready")
      throw ConnectionClosed("the device closed the session", context("read"));
    throw ConnectionClosed(std::string("the device closed the connection during ") + step_,
                           context("open"));
  }
}

asio::awaitable<std::size_t> LibsshTransport::read_some(std::span<char> buffer) {
  require_open("read");
  if (buffer.empty()) co_return 0;
  const auto size = static_cast<uint32_t>(std::min<std::size_t>(buffer.size(), UINT32_MAX));
  for (;;) {
    // Looks at what libssh has buffered first, then at the socket without waiting.
    const int n = ssh_channel_read_nonblocking(channel_, buffer.data(), size, 0);
    if (n > 0) co_return static_cast<std::size_t>(n);
    if (n == SSH_EOF || (n == 0 && ssh_channel_is_eof(channel_)))
      throw ConnectionClosed("the device closed the session", context("read"));
    if (n < 0)
      throw ConnectionClosed("the connection was lost: " + libssh_error(), context("read"));
    co_await wait_for_socket();
    require_open("read");
  }
}

asio::awaitable<void> LibsshTransport::write(std::string_view data) {
  require_open("write");
  while (!data.empty()) {
    const auto chunk = static_cast<uint32_t>(std::min<std::size_t>(data.size(), UINT32_MAX));
    // Writes what the channel window allows; the rest after the server grants more.
    const int n = ssh_channel_write(channel_, data.data(), chunk);
    if (n < 0)
      throw ConnectionClosed("the connection was lost: " + libssh_error(), context("write"));
    data.remove_prefix(static_cast<std::size_t>(n));
    if (!data.empty()) {
      co_await wait_for_socket();
      require_open("write");
    }
  }
  co_await flush();
}

asio::awaitable<void> LibsshTransport::flush() {
  // ssh_blocking_flush with a zero timeout is one poll() of the socket: it never blocks.
  while (ssh_get_status(session_) & SSH_WRITE_PENDING) {
    // A session the peer has closed keeps its unsent bytes pending for ever.
    if (!ssh_is_connected(session_) || (ssh_get_status(session_) & (SSH_CLOSED | SSH_CLOSED_ERROR)))
      throw ConnectionClosed("the connection was lost", context("write"));
    if (ssh_blocking_flush(session_, 0) == SSH_ERROR)
      throw ConnectionClosed("the connection was lost: " + libssh_error(), context("write"));
    if (!(ssh_get_status(session_) & SSH_WRITE_PENDING)) break;
    co_await socket_.async_wait(tcp::socket::wait_write, use_awaitable);
    require_open("write");
  }
}

asio::awaitable<void> LibsshTransport::close() {
  if (!session_) co_return;
  if (channel_ && ssh_channel_is_open(channel_)) {
    ssh_channel_send_eof(channel_);
    ssh_channel_close(channel_);
    // The goodbye is a courtesy: bounded, and failures do not matter.
    try {
      co_await detail::within(options_.timeout_socket, [this] { return flush(); });
    } catch (const std::exception&) {
    }
  }
  if (channel_) ssh_channel_free(channel_);
  channel_ = nullptr;
  // Frees every channel still attached, so the channel goes first.
  if (session_) ssh_disconnect(session_);
  abort();
}

// libssh 0.10 forgets the descriptor without closing it when ssh_disconnect finds the
// connection already closed by the peer (a device that hangs up after "exit"): about half
// the sessions of a soak run leaked one socket each. The duplicate is closed here when it
// is still open and still the same socket as asio's: while asio's descriptor is open, that
// socket cannot have been replaced, so a number reused by another open() never matches.
void LibsshTransport::close_leftover_duplicate() noexcept {
  const int fd = std::exchange(libssh_fd_, -1);
  if (fd < 0 || !socket_.is_open()) return;
  struct stat ours {};
  struct stat theirs {};
  if (::fstat(socket_.native_handle(), &ours) != 0 || ::fstat(fd, &theirs) != 0) return;
  if (ours.st_dev == theirs.st_dev && ours.st_ino == theirs.st_ino) ::close(fd);
}

void LibsshTransport::abort() noexcept {
  if (channel_) ssh_channel_free(channel_);
  channel_ = nullptr;
  if (session_) ssh_free(session_);  // closes libssh's duplicate of the socket, mostly
  session_ = nullptr;
  close_leftover_duplicate();
  asio::error_code ignored;
  socket_.close(ignored);  // wakes any pending wait with operation_aborted
}

}  // namespace vty
