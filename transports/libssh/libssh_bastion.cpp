#include "libssh_bastion.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/generic/stream_protocol.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>

#include <array>
#include <map>
#include <mutex>

namespace vty::detail {
namespace {

using asio::use_awaitable;
using asio::experimental::as_tuple;
using Socket = asio::generic::stream_protocol::socket;

// Bytes held per direction per tunnel before the sending side is made to wait.
constexpr std::size_t buffer_limit = 256 * 1024;

std::mutex registry_mutex;
std::map<std::string, std::weak_ptr<Bastion>> registry;

}  // namespace

// One device's channel through the jump host, and the local socket it is pumped to.
struct Bastion::Link {
  explicit Link(Socket socket) : local(std::move(socket)) {}
  ssh_channel channel = nullptr;
  Socket local;
  std::string to_remote;    // read from the device's session, not yet in the channel
  std::string to_local;     // read from the channel, not yet given to the device's session
  bool local_eof = false;   // the device's session closed its end
  bool remote_eof = false;  // the channel ended
  bool eof_sent = false;
  int pumps = 2;  // reader and writer coroutines still running
};

Bastion::Found Bastion::shared(const asio::any_io_executor& executor, const std::string& key,
                               const ErrorContext& context, const std::string& role) {
  std::lock_guard lock(registry_mutex);
  if (auto known = registry[key].lock()) return {std::move(known), false};
  auto bastion = std::make_shared<Bastion>(executor, context, role, key);
  registry[key] = bastion;
  return {std::move(bastion), true};
}

void Bastion::closed_error(const char* operation) const {
  if (failure_) std::rethrow_exception(failure_);
  throw ConnectionClosed(connection_.role() + "the jump host's session has ended",
                         connection_.context(operation));
}

asio::awaitable<void> Bastion::log_in(const SshTarget& hop, const Options& checked,
                                      const Auth& auth, std::optional<Tunnel> via) {
  try {
    if (via) {
      via_ = std::move(via);
      connection_.adopt(via_->fd);
    } else {
      co_await connection_.connect_tcp(hop);
    }
    co_await connection_.start(hop, checked, auth);
    connection_.set_step("ready");
    state_ = State::ready;
    asio::co_spawn(executor_, run(shared_from_this()), asio::detached);
  } catch (const DriverException&) {
    fail(std::current_exception());
    throw;
  } catch (...) {
    // Cancelled (the first session's deadline passed): the sessions waiting for this login
    // get a vty error, not asio's.
    fail(std::make_exception_ptr(TransportTimeout(
        connection_.role() + "the login was abandoned by the session that began it",
        connection_.context("open"))));
    throw;
  }
  changed_.notify();
}

asio::awaitable<void> Bastion::ready() {
  while (state_ == State::opening) co_await changed_.wait();
  if (state_ != State::ready) closed_error("open");
}

asio::awaitable<int> Bastion::forward(const std::string& host, std::uint16_t port) {
  if (state_ != State::ready) closed_error("open");
  ssh_channel channel = ssh_channel_new(connection_.session());
  if (!channel)
    throw ConnectionError(
        connection_.role() + "cannot create a channel: " + connection_.libssh_error(),
        connection_.context("open"));
  for (;;) {
    const int rc = ssh_channel_open_forward(channel, host.c_str(), port, "127.0.0.1", 0);
    work_.notify();  // the call may have read packets of other channels
    if (rc == SSH_OK) break;
    if (rc != SSH_AGAIN || state_ != State::ready) {
      const std::string error = connection_.libssh_error();
      ssh_channel_free(channel);
      if (state_ != State::ready) closed_error("open");
      throw ConnectionError(connection_.role() + "the jump host refused a tunnel to " + host + ":" +
                                std::to_string(port) + ": " + error,
                            connection_.context("open"));
    }
    try {
      auto readable = connection_.wait();
      auto changed = changed_.wait();
      co_await either(std::move(readable), std::move(changed));
    } catch (const DriverException&) {
      // The jump host hung up: the next call says so.
    }
  }
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, pair) != 0) {
    ssh_channel_close(channel);
    ssh_channel_free(channel);
    throw ConnectionError(connection_.role() + "cannot make a socket pair",
                          connection_.context("open"));
  }
  auto link = std::make_shared<Link>(
      Socket(executor_, asio::generic::stream_protocol(AF_UNIX, SOCK_STREAM), pair[0]));
  link->channel = channel;
  links_.push_back(link);
  asio::co_spawn(executor_, read_local(shared_from_this(), link), asio::detached);
  asio::co_spawn(executor_, write_local(shared_from_this(), link), asio::detached);
  work_.notify();
  co_return pair[1];
}

// Moves what can move between `link`'s channel and its buffers; true when it moved anything.
bool Bastion::service(Link& link) {
  bool moved = false;
  if (!link.to_remote.empty() && !link.eof_sent) {
    const int n = ssh_channel_write(link.channel, link.to_remote.data(),
                                    static_cast<uint32_t>(link.to_remote.size()));
    if (n < 0) {
      link.remote_eof = true;
      link.to_remote.clear();
    } else if (n > 0) {
      link.to_remote.erase(0, static_cast<std::size_t>(n));
      moved = true;
    }
  }
  if (link.local_eof && link.to_remote.empty() && !link.eof_sent) {
    ssh_channel_send_eof(link.channel);
    ssh_channel_close(link.channel);
    link.eof_sent = true;
  }
  std::array<char, 16384> buffer;
  while (!link.remote_eof && link.to_local.size() < buffer_limit) {
    const int n = ssh_channel_read_nonblocking(link.channel, buffer.data(), buffer.size(), 0);
    if (n > 0) {
      link.to_local.append(buffer.data(), static_cast<std::size_t>(n));
      moved = true;
      continue;
    }
    if (n < 0 || ssh_channel_is_eof(link.channel) || ssh_channel_is_closed(link.channel)) {
      link.remote_eof = true;
      moved = true;
    }
    break;
  }
  return moved;
}

asio::awaitable<void> Bastion::run(std::shared_ptr<Bastion> self) {
  while (state_ == State::ready) {
    bool reading = false;
    for (auto it = links_.begin(); it != links_.end();) {
      Link& link = **it;
      service(link);
      if (!link.remote_eof && link.to_local.size() < buffer_limit) reading = true;
      if (link.pumps == 0) {
        if (!link.eof_sent) ssh_channel_close(link.channel);
        ssh_channel_free(link.channel);
        it = links_.erase(it);
      } else {
        ++it;
      }
    }
    changed_.notify();
    try {
      co_await connection_.flush();
      // Read the socket only for a link that can take more: a full link's channel would
      // leave the socket readable and this loop spinning.
      if (reading) {
        auto readable = connection_.wait();
        auto work = work_.wait();
        co_await either(std::move(readable), std::move(work));
      } else {
        co_await work_.wait();
      }
    } catch (const std::exception&) {
      if (state_ == State::ready) {
        failure_ = std::current_exception();
        state_ = State::failed;
        forget();
      }
    }
  }
  for (auto& link : links_) {
    link->remote_eof = true;
    link->local.close();
  }
  changed_.notify();
  (void)self;
}

asio::awaitable<void> Bastion::read_local(std::shared_ptr<Bastion> self,
                                          std::shared_ptr<Link> link) {
  std::array<char, 16384> buffer;
  while (!link->local_eof) {
    if (link->to_remote.size() >= buffer_limit) {
      co_await changed_.wait();
      continue;
    }
    auto [error, n] =
        co_await link->local.async_read_some(asio::buffer(buffer), as_tuple(use_awaitable));
    if (error || n == 0) {
      link->local_eof = true;
    } else {
      link->to_remote.append(buffer.data(), n);
    }
    work_.notify();
  }
  --link->pumps;
  work_.notify();
  (void)self;
}

asio::awaitable<void> Bastion::write_local(std::shared_ptr<Bastion> self,
                                           std::shared_ptr<Link> link) {
  while (!link->local_eof) {
    if (link->to_local.empty()) {
      if (link->remote_eof) {
        asio::error_code ignored;
        link->local.shutdown(Socket::shutdown_send, ignored);
        break;
      }
      co_await changed_.wait();
      continue;
    }
    std::string chunk = std::move(link->to_local);
    link->to_local.clear();
    auto [error, n] =
        co_await asio::async_write(link->local, asio::buffer(chunk), as_tuple(use_awaitable));
    (void)n;
    if (error) link->local_eof = true;
    work_.notify();
  }
  --link->pumps;
  work_.notify();
  (void)self;
}

void Bastion::fail(std::exception_ptr failure) {
  failure_ = std::move(failure);
  state_ = State::failed;
  changed_.notify();
  shut_down();
}

void Bastion::release() {
  if (--users_ == 0) shut_down();
}

void Bastion::forget() noexcept {
  std::lock_guard lock(registry_mutex);
  if (auto it = registry.find(key_); it != registry.end() && it->second.lock().get() == this)
    registry.erase(it);
}

void Bastion::shut_down() noexcept {
  forget();
  if (state_ == State::ready || state_ == State::opening) state_ = State::closed;
  for (auto& link : links_) {
    link->local_eof = link->remote_eof = true;
    asio::error_code ignored;
    link->local.close(ignored);
  }
  if (connection_.session() && connection_.connected()) ssh_disconnect(connection_.session());
  connection_.abort();
  via_.reset();
  changed_.notify();
  work_.notify();
}

}  // namespace vty::detail
