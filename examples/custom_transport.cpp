// Writing a transport of your own, with its own settings type, and registering it by name
// too. This one is a canned device inside the process: it answers like a small IOS router
// (echo, prompts, enable password, a few show commands), so the example runs without a
// network. A real one would move bytes over a socket, a serial line or a jump host in the
// same four calls, and carry its address, baud rate or hop list in its settings.
//
//   ./custom_transport
#include <algorithm>
#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/redirect_error.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vty/vty.hpp>

namespace {

// The transport's settings: what Options::transport holds when this transport is chosen.
// It names the transport and makes one; vty::TransportSettings says what it must have.
struct Canned {
  static constexpr std::string_view name = "canned";
  std::string hostname = "canned";  // the device's name in its prompt
  std::string version = "17.9.1";   // what `show version` says

  std::unique_ptr<vty::Transport> make_transport(asio::any_io_executor executor,
                                                 const vty::Options& options) const;
};

class CannedDevice : public vty::Transport {
 public:
  CannedDevice(asio::any_io_executor executor, const vty::Options& options, Canned settings)
      : wake_(executor), secondary_(options.auth.secondary), settings_(std::move(settings)) {}

  asio::awaitable<void> open() override {
    pending_ = "\r\nWelcome to " + settings_.hostname + "\r\n" + prompt();  // after login
    co_return;
  }

  asio::awaitable<std::size_t> read_some(std::span<char> buffer) override {
    while (pending_.empty()) {
      if (closed_) throw vty::ConnectionClosed("the canned device hung up");
      // Nothing to say until the driver writes: sleep until write() wakes us. The
      // channel cancels this wait when its deadline passes; that must end the read.
      wake_.expires_at(asio::steady_timer::time_point::max());
      std::error_code ignored;
      co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
      auto state = co_await asio::this_coro::cancellation_state;
      if (state.cancelled() != asio::cancellation_type::none) {
        throw asio::system_error(asio::error::operation_aborted);
      }
    }
    const std::size_t n = std::min(buffer.size(), pending_.size());
    std::memcpy(buffer.data(), pending_.data(), n);
    pending_.erase(0, n);
    co_return n;
  }

  asio::awaitable<void> write(std::string_view data) override {
    for (char c : data) {
      if (c != '\n') {
        line_ += c;
        continue;
      }
      pending_ += answer(line_);
      line_.clear();
    }
    wake_.cancel();
    co_return;
  }

  asio::awaitable<void> close() override {
    abort();
    co_return;
  }
  void abort() noexcept override {
    closed_ = true;
    wake_.cancel();
  }
  std::string_view name() const override { return "canned"; }

 private:
  std::string prompt() const { return settings_.hostname + (enabled_ ? "#" : ">"); }

  // What the device prints after receiving `line`: the echo, the output, the prompt.
  std::string answer(const std::string& line) {
    if (asking_password_) {  // a password is not echoed
      asking_password_ = false;
      enabled_ = line == secondary_;
      return enabled_ ? "\r\n" + prompt() : "\r\n% Access denied\r\n\r\n" + prompt();
    }
    std::string out = line + "\r\n";
    if (line == "enable") {
      asking_password_ = true;
      return out + "Password: ";
    }
    if (line == "exit") {
      closed_ = true;
      return out;
    }
    if (line == "show version") {
      out += "Canned IOS XE Software, Version " + settings_.version + "\r\n" + settings_.hostname +
             " uptime is 42 days\r\n";
    } else if (line == "show clock") {
      out += "*12:00:00.000 UTC Mon Jan 1 2024\r\n";
    } else if (!line.empty() && !line.starts_with("terminal ")) {
      out += "% Invalid input detected at '^' marker.\r\n";
    }
    return out + prompt();
  }

  asio::steady_timer wake_;
  std::string secondary_;
  Canned settings_;
  std::string pending_{};  // bytes the driver has yet to read
  std::string line_{};     // the line being written
  bool enabled_ = false;
  bool asking_password_ = false;
  bool closed_ = false;
};

std::unique_ptr<vty::Transport> Canned::make_transport(asio::any_io_executor executor,
                                                       const vty::Options& options) const {
  return std::make_unique<CannedDevice>(std::move(executor), options, *this);
}

asio::awaitable<void> session(vty::TransportChoice transport) {
  vty::Options device;
  device.host = "canned";
  device.transport = std::move(transport);
  device.auth.secondary = "enable-secret";
  auto executor = co_await asio::this_coro::executor;
  auto conn = co_await vty::connect(executor, device);
  for (const char* command : {"show version", "show clock", "show nonsense"}) {
    vty::Response r = co_await conn->send_command(command);
    std::cout << "=== " << command << (r.failed ? " (failed)" : "") << "\n" << r.result << "\n";
  }
  co_await conn->close();
}

}  // namespace

int main(int argc, char** argv) {
  // The settings type in Options::transport: no registry involved.
  vty::TransportChoice transport = Canned{.hostname = "canned", .version = "17.9.1"};
  if (argc > 1 && std::string_view(argv[1]) == "--by-name") {
    // Registering a name, for code that picks transports from text (inventories, the CLI).
    vty::register_transport(std::string(Canned::name),
                            [](asio::any_io_executor executor, const vty::Options& o) {
                              return Canned{}.make_transport(std::move(executor), o);
                            });
    transport = "canned";
  }
  asio::io_context io;
  int status = 0;
  asio::co_spawn(io, session(transport), [&](std::exception_ptr failure) {
    try {
      if (failure) std::rethrow_exception(failure);
    } catch (const vty::DriverException& error) {
      std::cerr << error.what() << "\n";
      status = 2;
    }
  });
  io.run();
  return status;
}
