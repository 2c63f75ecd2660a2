// A configuration change with error checking: send_configs enters configuration mode,
// sends each line and returns to the default level; raise_for_status turns a line the
// device refused ("% Invalid input") into vty::CommandFailed.
//
//   VTY_PASSWORD=... VTY_SECONDARY=... ./config_change HOST [PORT] [DESCRIPTION]
//
// VTY_USERNAME (default "admin"); VTY_HOST_KEY_POLICY=off skips the host key check.
// vty first: it configures Asio as vty's libraries were built (docs/concurrency.md).
#include <vty/vty.hpp>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace {

std::string env(const char* name, const char* fallback = "") {
  const char* value = std::getenv(name);
  return value ? value : fallback;
}

asio::awaitable<void> configure(vty::Options device, std::string description) {
  auto executor = co_await asio::this_coro::executor;
  auto conn = co_await vty::connect(executor, device);
  // Named, not written inline: GCC 12 rejects an initializer list inside co_await.
  std::vector<std::string> lines{"interface Loopback0", "description " + description};
  // stop_on_failed: lines after a refused one are not sent.
  vty::MultiResponse responses = co_await conn->send_configs(lines, {.stop_on_failed = true});
  responses.raise_for_status();
  for (const vty::Response& r : responses) {
    std::cout << "ok  " << r.command << " (" << r.elapsed().count() << " s)\n";
  }
  co_await conn->close();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: config_change HOST [PORT] [DESCRIPTION]\n";
    return 64;
  }
  vty::Options device;
  device.host = argv[1];
  if (argc > 2) device.port = static_cast<std::uint16_t>(std::stoi(argv[2]));
  device.auth.username = env("VTY_USERNAME", "admin");
  device.auth.password = env("VTY_PASSWORD");
  device.auth.secondary = env("VTY_SECONDARY");
  vty::transports::libssh ssh;  // naming the transport links it
  if (env("VTY_HOST_KEY_POLICY") == "off") ssh.host_key_policy = vty::HostKeyPolicy::off;
  device.transport = ssh;

  asio::io_context io;
  int status = 0;
  asio::co_spawn(io, configure(device, argc > 3 ? argv[3] : "changed by vty"),
                 [&](std::exception_ptr failure) {
                   try {
                     if (failure) std::rethrow_exception(failure);
                   } catch (const vty::CommandFailed& e) {
                     // The session was aborted by the guard; nothing after the bad line ran.
                     std::cerr << "refused: " << e.command() << ": " << e.summary() << "\n";
                     status = 1;
                   } catch (const vty::DriverException& e) {
                     std::cerr << e.what() << "\n";
                     status = 2;
                   }
                 });
  io.run();
  return status;
}
