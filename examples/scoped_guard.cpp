// The scoped guard `vty::connect` returns, and handling each kind of failure on its own.
// The guard closes the session when it leaves scope: gracefully after `co_await
// conn->close()`, abortively (without a word to the device) when an exception leaves first.
//
//   VTY_PASSWORD=... VTY_SECONDARY=... ./scoped_guard HOST [PORT] [COMMAND]
//
// VTY_USERNAME (default "admin"); VTY_HOST_KEY_POLICY=off skips the host key check.
// vty first: it configures Asio as vty's libraries were built (docs/concurrency.md).
#include <vty/vty.hpp>

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

std::string env(const char* name, const char* fallback = "") {
  const char* value = std::getenv(name);
  return value ? value : fallback;
}

asio::awaitable<void> run(vty::Options device, std::string command) {
  auto executor = co_await asio::this_coro::executor;
  auto conn = co_await vty::connect(executor, device);
  vty::Response r = co_await conn->send_command(command);
  r.raise_for_status();  // a refused command throws here, and the guard aborts the session
  std::cout << r.result << "\n";
  co_await conn->close();
}

// Exit status per kind of failure; the most specific types first.
int report(std::exception_ptr failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const vty::HostKeyError& e) {
    std::cerr << "the host key is unknown or changed: " << e.what() << "\n";
  } catch (const vty::ConnectionError& e) {
    std::cerr << "could not connect (refused, unreachable): " << e.what() << "\n";
  } catch (const vty::AuthenticationError& e) {
    std::cerr << "login refused, check VTY_USERNAME/VTY_PASSWORD: " << e.what() << "\n";
  } catch (const vty::PrivilegeAuthError& e) {
    std::cerr << "enable refused, check VTY_SECONDARY: " << e.what() << "\n";
  } catch (const vty::TimeoutError& e) {
    // e.pattern() is what vty waited for, e.tail() the last bytes that did arrive.
    std::cerr << "timed out waiting for " << e.pattern() << ": " << e.what() << "\n";
  } catch (const vty::CommandFailed& e) {
    std::cerr << "the device refused `" << e.command() << "`: " << e.summary() << "\n";
    return 1;
  } catch (const vty::ConnectionClosed& e) {
    std::cerr << "the device hung up: " << e.what() << "\n";
  } catch (const vty::DriverException& e) {
    std::cerr << e.type_name() << ": " << e.what() << "\n";
  }
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: scoped_guard HOST [PORT] [COMMAND]\n";
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
  asio::co_spawn(io, run(device, argc > 3 ? argv[3] : "show version"),
                 [&](std::exception_ptr failure) {
                   if (failure) status = report(failure);
                 });
  io.run();
  return status;
}
