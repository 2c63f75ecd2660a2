#include "support/concurrent_sessions.hpp"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>

#include <vty/vty.hpp>

namespace vty::test {

ConcurrentOutcome run_concurrent_sessions(const Sim& sim, std::string_view transport, int sessions,
                                          int devices, int abort_every) {
  asio::io_context io;
  ConcurrentOutcome outcome;
  for (int i = 0; i < sessions; ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          try {
            auto options = sim.options(transport, i % devices);
            options.timeout_ops = std::chrono::seconds(30);  // many logins share two cores
            auto conn = co_await vty::connect(io.get_executor(), options);
            auto r = co_await conn->send_command("show ip interface brief");
            if (r.result.find("GigabitEthernet1") != std::string::npos && !r.failed) ++outcome.ok;
            if (abort_every > 0 && i % abort_every == 0) co_return;  // the guard aborts it
            co_await conn->close();
          } catch (const std::exception& e) {
            outcome.errors.push_back(e.what());
          }
        },
        asio::detached);
  }
  io.run();
  return outcome;
}

}  // namespace vty::test
