#include "libssh_connection.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <asio/experimental/as_tuple.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/system_error.hpp>
#include <asio/use_awaitable.hpp>

#include <utility>

#include "libssh_algorithms.hpp"
#include "libssh_auth.hpp"
#include "libssh_io.hpp"
#include "libssh_known_hosts.hpp"
#include "tcp_connect.hpp"

namespace vty::detail {
namespace {

using asio::use_awaitable;
using asio::experimental::as_tuple;
using tcp = asio::ip::tcp;
using Socket = asio::generic::stream_protocol::socket;

}  // namespace

void rethrow_with(const std::string& prefix, const ErrorContext* context) {
  try {
    throw;
  } catch (const DriverException& e) {
    if (prefix.empty() && !context) throw;
    const std::string summary = prefix + e.summary();
    const ErrorContext& c = context ? *context : e.context();
    if (dynamic_cast<const HostKeyMismatch*>(&e)) throw HostKeyMismatch(summary, c);
    if (dynamic_cast<const HostKeyError*>(&e)) throw HostKeyError(summary, c);
    if (dynamic_cast<const ConnectionRefused*>(&e)) throw ConnectionRefused(summary, c);
    if (dynamic_cast<const HostUnreachable*>(&e)) throw HostUnreachable(summary, c);
    if (dynamic_cast<const AuthenticationError*>(&e)) throw AuthenticationError(summary, c);
    if (dynamic_cast<const ConnectionClosed*>(&e)) throw ConnectionClosed(summary, c);
    if (dynamic_cast<const SocketTimeout*>(&e)) throw SocketTimeout(summary, c);
    if (dynamic_cast<const TransportTimeout*>(&e)) throw TransportTimeout(summary, c);
    if (dynamic_cast<const UsageError*>(&e)) throw UsageError(summary, c);
    if (dynamic_cast<const ConnectionError*>(&e)) throw ConnectionError(summary, c);
    throw;
  }
}

SshConnection::SshConnection(asio::any_io_executor executor, ErrorContext context, std::string role)
    : context_(std::move(context)), role_(std::move(role)), socket_(std::move(executor)) {}

SshConnection::~SshConnection() {
  abort();
}

ErrorContext SshConnection::context(std::string operation) const {
  ErrorContext c = context_;
  c.operation = std::move(operation);
  return c;
}

std::string SshConnection::libssh_error() const {
  return session_ ? ssh_get_error(session_) : "no session";
}

asio::awaitable<void> SshConnection::connect_tcp(const SshTarget& target) {
  try {
    step_ = "connect";
    tcp::socket connected(socket_.get_executor());
    auto connecting = detail::connect_tcp(connected, target.host, target.port, context("open"));
    co_await std::move(connecting);
    // The session's socket is a generic stream: a tunnel's Unix socket fits it too.
    const int family = connected.local_endpoint().protocol().family();
    socket_.close();
    socket_.assign(asio::generic::stream_protocol(family, SOCK_STREAM), connected.release());
  } catch (...) {
    rethrow_with(role_, nullptr);
  }
}

void SshConnection::adopt(int fd) {
  asio::error_code error;
  socket_.assign(asio::generic::stream_protocol(AF_UNIX, SOCK_STREAM), fd, error);
  if (error) {
    ::close(fd);
    throw ConnectionError(role_ + "cannot use the tunnel: " + error.message(), context("open"));
  }
}

asio::awaitable<void> SshConnection::start(const SshTarget& target, const Options& checked,
                                           const Auth& auth) {
  try {
    step_ = "session setup";
    session_ = ssh_new();
    if (!session_) throw ConnectionError("libssh could not allocate a session", context("open"));
    ssh_set_counters(session_, &counter_, nullptr);
    const int port = target.port;
    const std::string known_hosts = known_hosts_path(checked).string();
    const int no = 0;
    ssh_options_set(session_, SSH_OPTIONS_HOST, target.host.c_str());
    ssh_options_set(session_, SSH_OPTIONS_PORT, &port);
    if (!target.user.empty()) ssh_options_set(session_, SSH_OPTIONS_USER, target.user.c_str());
    ssh_options_set(session_, SSH_OPTIONS_KNOWNHOSTS, known_hosts.c_str());
    // vty has read the ssh config itself (load_ssh_config); libssh must not redo it.
    ssh_options_set(session_, SSH_OPTIONS_PROCESS_CONFIG, &no);
    apply_algorithms(session_, target.config, context("open"));

    // libssh closes the descriptor it is given (ssh_disconnect, ssh_free, on errors), so it
    // gets a duplicate: asio keeps the original to wait on, and each side closes its own.
    const int fd = ::fcntl(socket_.native_handle(), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) throw ConnectionError("cannot duplicate the socket", context("open"));
    ssh_options_set(session_, SSH_OPTIONS_FD, &fd);
    libssh_fd_ = fd;
    ssh_set_blocking(session_, 0);

    step_ = "SSH handshake";
    const SocketWait waiter = [this] { return wait(); };
    const int rc = co_await retry(
        waiter, [this] { return ssh_connect(session_); }, SSH_AGAIN);
    if (rc != SSH_OK) {
      const std::string error = libssh_error();
      if (auto explained = explain_negotiation_failure(error))
        throw ConnectionError(*explained, context("open"));
      throw ConnectionError("SSH handshake failed: " + error, context("open"));
    }
    // libssh switches the descriptor to blocking mode while connecting; a blocking send of a
    // large write would then stall the whole event loop. libssh only reads and writes after
    // poll() reported readiness, so non-blocking is safe.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);

    step_ = "host key check";
    check_host_key(session_, checked, context("open"));
    step_ = "authentication";
    co_await authenticate(session_, auth, target.identity_files, waiter, context("open"));
  } catch (...) {
    rethrow_with(role_, nullptr);
  }
}

asio::awaitable<void> SshConnection::wait(bool looked) {
  const bool want_write = wants_write();
  auto [error] = co_await wait_ready(want_write);
  waited(error, want_write, looked);
}

bool SshConnection::wants_write() const {
  return (ssh_get_poll_flags(session_) & SSH_WRITE_PENDING) != 0;
}

asio::awaitable<std::tuple<asio::error_code>> SshConnection::wait_ready(bool want_write) {
  // No look of our own first: asio's registration is edge-triggered, but every async_wait
  // re-arms the descriptor (EPOLL_CTL_MOD), and the kernel then reports readiness that is
  // already there (libssh reads at most 4 KiB per poll): such a wait ends at once.
  return socket_.async_wait(want_write ? Socket::wait_write : Socket::wait_read,
                            as_tuple(use_awaitable));
}

void SshConnection::waited(asio::error_code error, bool want_write, bool looked) {
  // Aborted (the socket closed under the wait) is a closed session; anything else, such as
  // the caller's deadline cancelling the wait, goes up as it came.
  if (error && session_) throw asio::system_error(error);
  if (!session_) throw ConnectionClosed(role_ + "the session was aborted", context("read"));
  // libssh asked for more and the peer has hung up with nothing left to read: libssh would
  // say "again" for ever (a device that closes during authentication spun here).
  if (!want_write && !looked && peer_hung_up()) {
    if (std::string_view(step_) == "ready")
      throw ConnectionClosed(role_ + "the device closed the session", context("read"));
    throw ConnectionClosed(role_ + "the device closed the connection during " + step_,
                           context("open"));
  }
}

bool SshConnection::alive() const {
  if (!session_ || !socket_.is_open() || !ssh_is_connected(session_)) return false;
  if (ssh_get_status(session_) & (SSH_CLOSED | SSH_CLOSED_ERROR)) return false;
  return !peer_hung_up();
}

bool SshConnection::peer_hung_up() const {
  char next = 0;
  // 0: the peer hung up; -1 with EAGAIN: nothing to read, still there.
  return socket_.is_open() &&
         ::recv(socket_.native_handle(), &next, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

std::optional<long> SshConnection::idle_ms() const {
  tcp_info info{};
  socklen_t size = sizeof info;
  if (!socket_.is_open() ||
      ::getsockopt(socket_.native_handle(), IPPROTO_TCP, TCP_INFO, &info, &size) != 0)
    return std::nullopt;
  return static_cast<long>(info.tcpi_last_data_recv);
}

bool SshConnection::try_flush() {
  if (!(ssh_get_status(session_) & SSH_WRITE_PENDING)) return true;
  // A session the peer has closed keeps its unsent bytes pending for ever.
  if (!ssh_is_connected(session_) || (ssh_get_status(session_) & (SSH_CLOSED | SSH_CLOSED_ERROR)))
    throw ConnectionClosed(role_ + "the connection was lost", context("write"));
  // ssh_blocking_flush with a zero timeout is one poll() of the socket: it never blocks.
  if (ssh_blocking_flush(session_, 0) == SSH_ERROR)
    throw ConnectionClosed(role_ + "the connection was lost: " + libssh_error(), context("write"));
  return !(ssh_get_status(session_) & SSH_WRITE_PENDING);
}

asio::awaitable<void> SshConnection::flush() {
  while (!try_flush()) {
    co_await socket_.async_wait(Socket::wait_write, use_awaitable);
    if (!session_) throw ConnectionClosed(role_ + "the session was aborted", context("write"));
  }
}

asio::awaitable<void> SshConnection::disconnect(std::chrono::milliseconds limit) {
  if (!session_) co_return;
  // The goodbye is a courtesy: bounded, and failures do not matter.
  try {
    auto flushing = flush();
    co_await within(limit, std::move(flushing));
  } catch (const std::exception&) {
  }
  if (session_) ssh_disconnect(session_);
  abort();
}

// libssh 0.10 forgets the descriptor without closing it when ssh_disconnect finds the
// connection already closed by the peer (a device that hangs up after "exit"): about half
// the sessions of a soak run leaked one socket each. The duplicate is closed here when it
// is still open and still the same socket as asio's: while asio's descriptor is open, that
// socket cannot have been replaced, so a number reused by another open() never matches.
void SshConnection::close_leftover_duplicate() noexcept {
  const int fd = std::exchange(libssh_fd_, -1);
  if (fd < 0 || !socket_.is_open()) return;
  struct stat ours {};
  struct stat theirs {};
  if (::fstat(socket_.native_handle(), &ours) != 0 || ::fstat(fd, &theirs) != 0) return;
  if (ours.st_dev == theirs.st_dev && ours.st_ino == theirs.st_ino) ::close(fd);
}

void SshConnection::abort() noexcept {
  if (session_) ssh_free(session_);  // closes libssh's duplicate of the socket, mostly
  session_ = nullptr;
  close_leftover_duplicate();
  asio::error_code ignored;
  socket_.close(ignored);  // wakes any pending wait with operation_aborted
}

}  // namespace vty::detail
