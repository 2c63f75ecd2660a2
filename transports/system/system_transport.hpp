// OpenSSH's own `ssh` client in a pseudo-terminal: the user's ssh_config, jump hosts, old
// algorithms and agents all work. Logs in by answering ssh's questions on the terminal; the
// device's output comes through a pipe on ssh's stdout (see ssh_process.hpp).
#pragma once

#include <sys/types.h>

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/posix/stream_descriptor.hpp>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "ssh_login.hpp"
#include "ssh_messages.hpp"
#include "vty/errors.hpp"
#include "vty/options.hpp"
#include "vty/transport.hpp"
#include "vty/transports/system.hpp"

namespace vty {

class SystemTransport final : public Transport {
 public:
  SystemTransport(asio::any_io_executor executor, Options options);
  ~SystemTransport() override;  // aborts if still open; the child is reaped either way
  SystemTransport(const SystemTransport&) = delete;
  SystemTransport& operator=(const SystemTransport&) = delete;

  asio::awaitable<void> open() override;
  asio::awaitable<std::size_t> read_some(std::span<char> buffer) override;
  std::size_t read_available(std::span<char> buffer) override;
  asio::awaitable<void> write(std::string_view data) override;
  asio::awaitable<void> close() override;
  void abort() noexcept override;
  bool cancels_reads() const override { return true; }
  void cancel_read() noexcept override;

  bool authenticates_in_band() const override { return false; }  // done here, not by the channel
  std::string_view name() const override { return "system"; }

 private:
  void start_ssh();
  asio::awaitable<void> log_in();
  // Until ssh's terminal or its output has something to read.
  asio::awaitable<void> wait_for_ssh();
  // ssh ended before the device spoke: raises what its last words on the terminal say.
  asio::awaitable<void> fail_as_ssh_says(std::span<char> buffer);
  // Reads what ssh printed on its terminal (0: the child exited) or the device's output
  // (0: ssh ended).
  asio::awaitable<std::size_t> read_from(asio::posix::stream_descriptor& from,
                                         std::span<char> buffer);
  std::optional<std::size_t> read_now(std::span<char> buffer);
  // Keeps what ssh has printed on its terminal since the login (the last few hundred bytes):
  // nothing reads it otherwise, and a full terminal would stop ssh.
  void drain_terminal() noexcept;
  // ssh's output ended: raises ConnectionClosed with what ssh said last on its terminal.
  asio::awaitable<void> report_end();
  asio::awaitable<void> read_terminal_to_end();
  [[noreturn]] void raise(const detail::SshFailure& failure, const std::string& tail) const;
  void require_open(const char* operation) const;
  ErrorContext context(std::string operation, std::string tail = {}) const;

  Options options_;
  asio::posix::stream_descriptor pty_;     // ssh's terminal: its questions, our answers, input
  asio::posix::stream_descriptor output_;  // ssh's stdout: the device's output
  pid_t pid_ = -1;
  std::string pending_{};   // device bytes read while logging in, served first by read_some
  std::string ssh_said_{};  // the tail of what ssh printed on its terminal after the login
  std::optional<detail::SshLogin> login_{};
};

// The factory registered as "system": the SSH settings come from Options' deprecated fields.
std::unique_ptr<Transport> make_system_transport(asio::any_io_executor executor,
                                                 const Options& options);

}  // namespace vty
