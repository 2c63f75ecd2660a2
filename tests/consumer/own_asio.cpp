// A part of the consumer program that uses Asio as a program does that never heard of vty:
// header-only, no configuration macro, <asio.hpp>, completion handlers (Asio's default with
// any compiler: clang 14 gets no co_await from Asio 1.22 unless told). It shares the
// io_context, and so Asio's per-thread recycled memory, with a vty session, which must then
// allocate and free that memory the same way (docs/concurrency.md, "Asio in your program").
#include <cstddef>  // a standard header before Asio: asio issue 1082

#include <asio.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "own_asio.hpp"

namespace {

// One exchange: a client sends "ping", a server echoes it and closes its side; the client
// reads until Asio reports the close as asio::error::eof.
struct Echo : std::enable_shared_from_this<Echo> {
  explicit Echo(asio::io_context& context)
      : acceptor(context, {asio::ip::make_address("127.0.0.1"), 0}),
        server(context),
        client(context) {}

  void start(std::function<void(bool)> done) {
    finished = std::move(done);
    auto self = shared_from_this();
    acceptor.async_accept(server, [self](asio::error_code ec) {
      if (ec) return self->finish(false);
      self->server.async_read_some(
          asio::buffer(self->server_data), [self](asio::error_code ec, std::size_t n) {
            if (ec) return self->finish(false);
            asio::async_write(self->server, asio::buffer(self->server_data, n),
                              [self](asio::error_code ec, std::size_t) {
                                if (ec) return self->finish(false);
                                self->server.shutdown(asio::socket_base::shutdown_send);
                              });
          });
    });
    client.async_connect(acceptor.local_endpoint(), [self](asio::error_code ec) {
      if (ec) return self->finish(false);
      asio::async_write(self->client, asio::buffer(self->ping),
                        [self](asio::error_code ec, std::size_t) {
                          if (ec) return self->finish(false);
                          self->read();
                        });
    });
  }

  void read() {
    auto self = shared_from_this();
    client.async_read_some(asio::buffer(client_data), [self](asio::error_code ec, std::size_t n) {
      self->echoed.append(self->client_data, n);
      if (ec == asio::error::eof) return self->finish(self->echoed == self->ping);
      if (ec) return self->finish(false);
      self->read();
    });
  }

  void finish(bool ok) {
    if (finished) std::exchange(finished, nullptr)(ok);
  }

  asio::ip::tcp::acceptor acceptor;
  asio::ip::tcp::socket server;
  asio::ip::tcp::socket client;
  const std::string ping = "ping";
  std::string echoed;
  char server_data[64];
  char client_data[64];
  std::function<void(bool)> finished;
};

void next_round(asio::io_context& context, int round, int rounds, std::string& report) {
  if (round == rounds) {
    report += "own asio: " + std::to_string(rounds) + " echoes, each ended by asio::error::eof\n";
    return;
  }
  std::make_shared<Echo>(context)->start([&context, round, rounds, &report](bool ok) {
    if (!ok) {
      report += "own asio: FAILED at round " + std::to_string(round) + "\n";
      return;
    }
    auto pause = std::make_shared<asio::steady_timer>(context, std::chrono::milliseconds(1));
    pause->async_wait([pause, &context, round, rounds, &report](asio::error_code) {
      next_round(context, round + 1, rounds, report);
    });
  });
}

}  // namespace

void spawn_own_echoes(asio::io_context& context, int rounds, std::string& report) {
  next_round(context, 0, rounds, report);
}
