// The mission: `show ip interface brief` on many devices at once, one coroutine per
// device on one thread, each printed with how long it took.
//
//   VTY_PASSWORD=... VTY_SECONDARY=... ./show_interfaces_fleet 10.0.0.1 10.0.0.2:2222 ...
//
// VTY_USERNAME (default "admin") names the user; VTY_HOST_KEY_POLICY=off skips the host
// key check (labs and simulators only). `terminal length 0` needs no code: the
// cisco_iosxe platform sends it after login (its on_open list).
// vty first: it configures Asio as vty's libraries were built (docs/concurrency.md).
#include <vty/vty.hpp>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

std::string env(const char* name, const char* fallback = "") {
  const char* value = std::getenv(name);
  return value ? value : fallback;
}

// "host" or "host:port" from the command line; the rest from the environment.
vty::Options device_options(const std::string& target) {
  vty::Options options;
  const auto colon = target.rfind(':');
  options.host = target.substr(0, colon);
  if (colon != std::string::npos) {
    options.port = static_cast<std::uint16_t>(std::stoi(target.substr(colon + 1)));
  }
  options.platform = "cisco_iosxe";
  options.auth.username = env("VTY_USERNAME", "admin");
  options.auth.password = env("VTY_PASSWORD");
  options.auth.secondary = env("VTY_SECONDARY");  // the enable password
  vty::transports::libssh ssh;                    // naming the transport links it
  if (env("VTY_HOST_KEY_POLICY") == "off") ssh.host_key_policy = vty::HostKeyPolicy::off;
  options.transport = ssh;
  return options;
}

// One device's whole session. Errors are reported here so that one bad device does
// not stop the others.
asio::awaitable<void> show_interfaces(vty::Options device, int& failures) {
  auto executor = co_await asio::this_coro::executor;
  try {
    // `device` is a named object: GCC 12 must not see an Options temporary in co_await.
    auto conn = co_await vty::connect(executor, device);
    vty::Response r = co_await conn->send_command("show ip interface brief");
    co_await conn->close();
    std::printf("=== %s:%u (%.3f s)\n%s\n", device.host.c_str(), device.port, r.elapsed().count(),
                r.result.c_str());
  } catch (const vty::DriverException& error) {
    ++failures;
    std::cerr << error.what() << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: show_interfaces_fleet HOST[:PORT]...\n";
    return 64;
  }
  asio::io_context io;
  int failures = 0;
  for (int i = 1; i < argc; ++i) {
    asio::co_spawn(io, show_interfaces(device_options(argv[i]), failures), asio::detached);
  }
  const auto started = std::chrono::steady_clock::now();
  io.run();  // returns when every session has ended
  const std::chrono::duration<double> total = std::chrono::steady_clock::now() - started;
  std::printf("%d devices, %d failed, %.3f s in all\n", argc - 1, failures, total.count());
  return failures == 0 ? 0 : 2;
}
