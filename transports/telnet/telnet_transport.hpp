// Telnet: plain TCP on asio, with the option negotiation (telnet_negotiator.hpp) taken out
// of the byte stream. Telnet does not authenticate: the channel answers the device's own
// login prompts (authenticates_in_band).
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/ip/tcp.hpp>

#include <array>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "telnet_negotiator.hpp"
#include "vty/errors.hpp"
#include "vty/options.hpp"
#include "vty/transport.hpp"
#include "vty/transports/telnet.hpp"

namespace vty {

class TelnetTransport final : public Transport {
 public:
  static constexpr unsigned short default_port = 23;

  TelnetTransport(asio::any_io_executor executor, Options options);
  ~TelnetTransport() override;  // aborts if still open
  TelnetTransport(const TelnetTransport&) = delete;
  TelnetTransport& operator=(const TelnetTransport&) = delete;

  asio::awaitable<void> open() override;
  asio::awaitable<std::size_t> read_some(std::span<char> buffer) override;
  asio::awaitable<void> write(std::string_view data) override;
  asio::awaitable<void> close() override;
  void abort() noexcept override;
  bool cancels_reads() const override { return true; }
  void cancel_read() noexcept override;

  bool authenticates_in_band() const override { return true; }
  std::string_view name() const override { return "telnet"; }

 private:
  void require_open(const char* operation) const;
  ErrorContext context(std::string operation) const;

  Options options_;
  asio::ip::tcp::socket socket_;
  telnet::Negotiator negotiator_;
  std::string pending_{};  // data already taken out of the stream, not yet handed over
  std::size_t pending_pos_ = 0;
  std::string replies_{};  // negotiation answers being written
  std::string outgoing_{};
  std::array<char, 16 * 1024> incoming_{};
  bool read_cancelled_ = false;  // cancel_read() ran during this read_some
};

// The factory registered as "telnet".
std::unique_ptr<Transport> make_telnet_transport(asio::any_io_executor executor,
                                                 const Options& options);

}  // namespace vty
