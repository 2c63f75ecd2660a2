#include "system_transport.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/deferred.hpp>
#include <asio/experimental/parallel_group.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <system_error>
#include <utility>

#include "deadline.hpp"
#include "ssh_command.hpp"
#include "ssh_process.hpp"

namespace vty {
namespace {

using asio::use_awaitable;
using asio::experimental::as_tuple;
using detail::SshFailureKind;

// How long ssh gets to leave after a hang-up before SIGTERM, and again before SIGKILL.
constexpr std::chrono::milliseconds hang_up_grace{500};

std::string seconds(std::chrono::milliseconds limit) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", static_cast<double>(limit.count()) / 1000.0);
  return std::string(text) + "s";
}

// One non-blocking read of `fd`. nullopt: nothing yet; 0: the end (EOF, or EIO: a pty whose
// other side is closed).
std::optional<std::size_t> read_fd(int fd, std::span<char> buffer, const char* what,
                                   const ErrorContext& context) {
  for (;;) {
    const auto n = ::read(fd, buffer.data(), buffer.size());
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return std::nullopt;
    if (errno == EIO) return 0;
    throw ConnectionClosed(std::string("reading ") + what + " failed: " + std::strerror(errno),
                           context);
  }
}

std::string last_bytes(const std::string& text) {
  constexpr std::size_t limit = 300;
  return text.size() <= limit ? text : text.substr(text.size() - limit);
}

// The transport reads its settings where a transport chosen by name finds them.
Options with_settings(Options options, const transports::system& settings) {
  options.host_key_policy = settings.host_key_policy;
  options.known_hosts_file = settings.known_hosts_file;
  options.ssh_config_file = settings.ssh_config_file;
  options.ssh_options = settings.ssh_options;
  options.jump_host = settings.jump_host;
  options.ssh_binary = settings.ssh_binary;
  return options;
}

}  // namespace

std::unique_ptr<Transport> transports::system::make_transport(asio::any_io_executor executor,
                                                              const Options& options) const {
  return std::make_unique<SystemTransport>(std::move(executor), with_settings(options, *this));
}

std::unique_ptr<Transport> make_system_transport(asio::any_io_executor executor,
                                                 const Options& options) {
  return std::make_unique<SystemTransport>(std::move(executor), options);
}

SystemTransport::SystemTransport(asio::any_io_executor executor, Options options)
    : options_(std::move(options)), pty_(executor), output_(executor) {}

SystemTransport::~SystemTransport() {
  abort();
}

ErrorContext SystemTransport::context(std::string operation, std::string tail) const {
  return {.host = options_.label.empty() ? options_.host : options_.label,
          .operation = std::move(operation),
          .tail = std::move(tail)};
}

void SystemTransport::require_open(const char* operation) const {
  if (pid_ < 0 || !pty_.is_open() || !output_.is_open())
    throw UsageError("the system transport is not open", context(operation));
}

asio::awaitable<void> SystemTransport::open() {
  if (pid_ >= 0) throw UsageError("the system transport is already open", context("open"));
  try {
    start_ssh();
    // A login failure ends the wait at once. Named, not temporaries in the co_await: GCC 12
    // miscompiles those (SIGILL here).
    const std::chrono::steady_clock::duration limit =
        options_.timeout_socket + options_.timeout_transport;
    auto login = log_in();
    const bool in_time = co_await detail::within(limit, std::move(login));
    if (!in_time)
      throw TransportTimeout("ssh did not reach the device within " +
                                 seconds(options_.timeout_socket + options_.timeout_transport),
                             context("open", last_bytes(login_->transcript())));
  } catch (...) {
    abort();
    throw;
  }
}

void SystemTransport::start_ssh() {
  const char* path = std::getenv("PATH");
  auto binary = detail::find_ssh_binary(options_, path ? path : "/usr/bin:/bin");
  if (!binary) {
    const std::string name = options_.ssh_binary.empty() ? "ssh" : options_.ssh_binary;
    throw ConnectionError("the OpenSSH client \"" + name + "\" was not found" +
                              (name.find('/') == std::string::npos ? " on PATH" : "") +
                              " or is not executable (Options::ssh_binary)",
                          context("open"));
  }
  detail::PtySpec spec{.program = *binary,
                       .args = detail::ssh_arguments(options_),
                       .env = {"TERM=" + options_.term_type},
                       .unset = {"SSH_ASKPASS_REQUIRE"},
                       .width = options_.term_width,
                       .height = options_.term_height};
  if (!options_.auth.use_agent) spec.unset.push_back("SSH_AUTH_SOCK");
  try {
    auto child = detail::spawn_in_pty(spec);
    pid_ = child.pid;  // from here on abort() reaps it
    asio::error_code error;
    pty_.assign(child.master_fd, error);
    if (error) ::close(child.master_fd);
    asio::error_code output_error;
    output_.assign(child.output_fd, output_error);
    if (output_error) ::close(child.output_fd);
    if (error || output_error) throw std::system_error(error ? error : output_error);
  } catch (const std::system_error& e) {
    throw ConnectionError(std::string("cannot start ssh in a pseudo-terminal: ") + e.what(),
                          context("open"));
  }
  login_.emplace(detail::SshLogin::Secrets{.password = options_.auth.password,
                                           .passphrase = options_.auth.private_key_passphrase,
                                           .host_key_policy = options_.host_key_policy});
}

asio::awaitable<void> SystemTransport::log_in() {
  std::array<char, 4096> buffer;
  for (;;) {
    co_await wait_for_ssh();
    // ssh's terminal first: a question to answer, or its last words.
    while (auto n = read_fd(pty_.native_handle(), buffer, "ssh's terminal", context("open"))) {
      if (*n == 0) co_await fail_as_ssh_says(buffer);
      auto action = login_->feed(std::string_view(buffer.data(), *n));
      if (action.step == detail::SshLogin::Step::failed)
        raise(login_->failure(), last_bytes(login_->transcript()));
      if (action.step == detail::SshLogin::Step::type) {
        auto [error, written] =
            co_await asio::async_write(pty_, asio::buffer(action.text), as_tuple(use_awaitable));
        std::fill(action.text.begin(), action.text.end(), '\0');
        if (error) throw ConnectionError("ssh's terminal is gone", context("open"));
      }
    }
    // The device's first bytes end the login; the end of ssh's output, ssh itself.
    if (auto n = read_fd(output_.native_handle(), buffer, "ssh's output", context("open"))) {
      if (*n == 0) co_await fail_as_ssh_says(buffer);
      pending_.assign(buffer.data(), *n);
      co_return;
    }
  }
}

asio::awaitable<void> SystemTransport::wait_for_ssh() {
  using Wait = asio::posix::descriptor_base::wait_type;
  auto [order, terminal_error, output_error] =
      co_await asio::experimental::make_parallel_group(
          pty_.async_wait(Wait::wait_read, asio::experimental::deferred),
          output_.async_wait(Wait::wait_read, asio::experimental::deferred))
          .async_wait(asio::experimental::wait_for_one(), use_awaitable);
  const auto error = order[0] == 0 ? terminal_error : output_error;
  if (!error) co_return;
  if (!pty_.is_open() || !output_.is_open())
    throw ConnectionClosed("the session was aborted", context("open"));
  if (error == asio::error::operation_aborted) throw asio::system_error(error);  // cancelled
  throw ConnectionClosed("waiting for ssh failed: " + error.message(), context("open"));
}

asio::awaitable<void> SystemTransport::fail_as_ssh_says(std::span<char> buffer) {
  // The terminal keeps what ssh wrote until the last holder of its side is gone.
  while (const std::size_t n = co_await read_from(pty_, buffer))
    (void)login_->feed(std::string_view(buffer.data(), n));
  auto failure = login_->ended();
  co_await detail::stop_and_reap(pid_, hang_up_grace);
  pid_ = -1;  // only now: if this wait is cancelled, abort() still owns the child
  raise(failure, last_bytes(login_->transcript()));
}

void SystemTransport::raise(const detail::SshFailure& failure, const std::string& tail) const {
  auto ctx = context("open", tail);
  const auto& summary = failure.summary;
  switch (failure.kind) {
    case SshFailureKind::authentication:
      throw AuthenticationError(summary, ctx);
    case SshFailureKind::host_key_unknown:
      throw HostKeyError(summary, ctx);
    case SshFailureKind::host_key_changed:
      throw HostKeyMismatch(summary, ctx);
    case SshFailureKind::refused:
      throw ConnectionRefused(summary, ctx);
    case SshFailureKind::timed_out:
      // Connected, but no SSH banner came: the handshake timed out, not the TCP connect.
      if (summary.find("banner exchange") != std::string::npos)
        throw TransportTimeout(
            summary + " (ConnectTimeout " + seconds(options_.timeout_socket) + ")", ctx);
      throw SocketTimeout(summary + " (ConnectTimeout " + seconds(options_.timeout_socket) + ")",
                          ctx);
    case SshFailureKind::unreachable:
      throw HostUnreachable(summary, ctx);
    case SshFailureKind::closed:
      // The device hung up during the login: the same error as the libssh transport's.
      throw ConnectionClosed("the device closed the connection during login: " + summary, ctx);
    case SshFailureKind::no_common_algorithm:
    case SshFailureKind::other:
      break;
  }
  throw ConnectionError("ssh could not open the session: " + summary, ctx);
}

asio::awaitable<std::size_t> SystemTransport::read_from(asio::posix::stream_descriptor& from,
                                                        std::span<char> buffer) {
  auto [error, n] = co_await from.async_read_some(asio::buffer(buffer.data(), buffer.size()),
                                                  as_tuple(use_awaitable));
  if (!error) co_return n;
  // Linux reports the closed slave side of a pty (ssh exited) as EIO.
  if (error == asio::error::eof ||
      (error.category() == asio::system_category() && error.value() == EIO))
    co_return 0;
  if (!from.is_open()) throw ConnectionClosed("the session was aborted", context("read"));
  if (error == asio::error::operation_aborted) throw asio::system_error(error);  // cancelled
  throw ConnectionClosed("reading from ssh failed: " + error.message(), context("read"));
}

// A read that can complete at once does so here, with no trip through the event loop (asio
// posts even a speculative read's completion). nullopt: nothing yet; 0: ssh's output ended.
std::optional<std::size_t> SystemTransport::read_now(std::span<char> buffer) {
  if (!pending_.empty()) {
    const auto n = std::min(buffer.size(), pending_.size());
    std::memcpy(buffer.data(), pending_.data(), n);
    pending_.erase(0, n);
    return n;
  }
  return read_fd(output_.native_handle(), buffer, "ssh's output", context("read"));
}

std::size_t SystemTransport::read_available(std::span<char> buffer) {
  require_open("read");
  if (buffer.empty()) return 0;
  // At the end, 0: read_some waits for ssh's last words and reports them.
  return read_now(buffer).value_or(0);
}

void SystemTransport::cancel_read() noexcept {
  asio::error_code ignored;
  output_.cancel(ignored);  // the wait for ssh's output ends with operation_aborted
  pty_.cancel(ignored);     // and so does the wait for ssh's last words at the end
}

asio::awaitable<std::size_t> SystemTransport::read_some(std::span<char> buffer) {
  require_open("read");
  if (buffer.empty()) co_return 0;
  auto n = read_now(buffer);
  if (!n) {
    drain_terminal();  // before waiting: once per wait, never per bulk read
    n = co_await read_from(output_, buffer);
  }
  if (*n == 0) co_await report_end();
  co_return *n;
}

void SystemTransport::drain_terminal() noexcept {
  constexpr std::size_t keep = 512;
  std::array<char, 1024> buffer;
  try {
    while (auto n = read_fd(pty_.native_handle(), buffer, "ssh's terminal", context("read"))) {
      if (*n == 0) return;
      ssh_said_.append(buffer.data(), *n);
      if (ssh_said_.size() > keep) ssh_said_.erase(0, ssh_said_.size() - keep);
    }
  } catch (...) {
    // A terminal that fails here fails the next read of ssh's output too.
  }
}

asio::awaitable<void> SystemTransport::read_terminal_to_end() {
  std::array<char, 1024> buffer;
  while (const std::size_t n = co_await read_from(pty_, buffer)) ssh_said_.append(buffer.data(), n);
}

asio::awaitable<void> SystemTransport::report_end() {
  // ssh prints "Connection to HOST closed." after its output has ended, then exits (the
  // terminal's end): wait for that, briefly.
  try {
    auto reading = read_terminal_to_end();
    (void)co_await detail::within(hang_up_grace, std::move(reading));
  } catch (...) {
    // Aborted or cancelled meanwhile: the channel says so; the end is the end.
  }
  // Its last line.
  std::string_view said = ssh_said_;
  while (!said.empty() && (said.back() == '\n' || said.back() == '\r' || said.back() == ' '))
    said.remove_suffix(1);
  if (const auto end = said.find_last_of("\r\n"); end != std::string_view::npos)
    said.remove_prefix(end + 1);
  throw ConnectionClosed(said.empty() ? std::string("ssh ended: the session is over")
                                      : "ssh ended: " + std::string(said),
                         context("read"));
}

asio::awaitable<void> SystemTransport::write(std::string_view data) {
  require_open("write");
  auto [error, written] = co_await asio::async_write(pty_, asio::buffer(data.data(), data.size()),
                                                     as_tuple(use_awaitable));
  (void)written;
  if (error == asio::error::operation_aborted) throw asio::system_error(error);  // cancelled
  if (error) throw ConnectionClosed("ssh's terminal is gone: " + error.message(), context("write"));
}

asio::awaitable<void> SystemTransport::close() {
  if (pid_ < 0) co_return;
  // The driver has sent the platform's close command; hanging up ends ssh.
  pending_.clear();
  asio::error_code ignored;
  pty_.close(ignored);
  output_.close(ignored);
  co_await detail::stop_and_reap(pid_, hang_up_grace);
  pid_ = -1;
}

void SystemTransport::abort() noexcept {
  pending_.clear();
  asio::error_code ignored;
  pty_.close(ignored);  // wakes a pending read with operation_aborted
  output_.close(ignored);
  if (pid_ >= 0) detail::reap_in_background(std::exchange(pid_, -1), hang_up_grace);
}

}  // namespace vty
