// A jump host's session shared by every device behind it (libssh_jump.hpp): one login, and a
// direct-tcpip channel per device, pumped to a local socket pair whose other end carries the
// device's own SSH session.
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>

#include <cstdint>
#include <exception>
#include <list>
#include <memory>
#include <optional>
#include <string>

#include "libssh_connection.hpp"
#include "libssh_io.hpp"
#include "libssh_jump.hpp"

namespace vty::detail {

class Bastion : public std::enable_shared_from_this<Bastion> {
 public:
  // The bastion known by `key` (see bastion_key in libssh_jump.cpp), or a new one, not yet
  // logged in, that later sessions with that key will share (`first` is then true).
  struct Found {
    std::shared_ptr<Bastion> bastion;
    bool first = false;
  };
  static Found shared(const asio::any_io_executor& executor, const std::string& key,
                      const ErrorContext& context, const std::string& role);

  Bastion(asio::any_io_executor executor, ErrorContext context, std::string role, std::string key)
      : executor_(executor),
        key_(std::move(key)),
        connection_(executor, std::move(context), std::move(role)),
        changed_(executor),
        work_(executor) {}

  // A share of this bastion: while one is held it stays logged in.
  std::shared_ptr<void> share() {
    ++users_;
    return std::shared_ptr<void>(nullptr, [self = shared_from_this()](void*) { self->release(); });
  }

  // Logs in (first user) or waits for the first user's login (the others).
  asio::awaitable<void> log_in(const SshTarget& hop, const Options& checked, const Auth& auth,
                               std::optional<Tunnel> via);
  asio::awaitable<void> ready();
  // A socket pair end whose other end is a channel to host:port.
  asio::awaitable<int> forward(const std::string& host, std::uint16_t port);

 private:
  struct Link;
  enum class State { opening, ready, failed, closed };
  void fail(std::exception_ptr failure);
  void release();
  void forget() noexcept;  // new sessions log in afresh
  void shut_down() noexcept;
  asio::awaitable<void> run(std::shared_ptr<Bastion> self);
  bool service(Link& link);
  asio::awaitable<void> read_local(std::shared_ptr<Bastion> self, std::shared_ptr<Link> link);
  asio::awaitable<void> write_local(std::shared_ptr<Bastion> self, std::shared_ptr<Link> link);
  [[noreturn]] void closed_error(const char* operation) const;

  asio::any_io_executor executor_;
  std::string key_;
  SshConnection connection_;
  std::optional<Tunnel> via_;  // the previous hop, for a second jump host and beyond
  State state_ = State::opening;
  std::exception_ptr failure_;
  Wakeup changed_;  // the loop made progress, or the state changed
  Wakeup work_;     // a pump has something for the loop
  std::list<std::shared_ptr<Link>> links_;
  int users_ = 0;
};

}  // namespace vty::detail
