// Connects to one device with an installed vty and runs one command, with the blocking
// driver and then with the coroutine one beside the program's own Asio code:
//   vty_consumer HOST PORT COMMAND   (VTY_PASSWORD, VTY_SECONDARY from the environment)
// With VTY_RECORDING=FILE, the blocking session is recorded there (vty::recording) and read
// back. Exit status 0 when the command ran and did not fail, both times.
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <vty/recording.hpp>
#include <vty/vty.hpp>

#include "own_asio.hpp"

namespace {

asio::awaitable<void> async_session(vty::Options options, std::string command,
                                    std::string& report) {
  auto executor = co_await asio::this_coro::executor;
  auto conn = co_await vty::connect(executor, options);
  vty::Response r = co_await conn->send_command(command);
  co_await conn->close();
  report += (r.failed ? "vty async: FAILED " : "vty async: ") + r.result + "\n";
}

// The program's own Asio work and a vty session interleaved on one io_context.
bool shared_io_context(const vty::Options& options, const std::string& command) {
  asio::io_context context;
  std::string report;
  spawn_own_echoes(context, 200, report);
  asio::co_spawn(context, async_session(options, command, report),
                 [&report](std::exception_ptr failure) {
                   if (!failure) return;
                   try {
                     std::rethrow_exception(failure);
                   } catch (const std::exception& e) {
                     report += std::string("vty async: FAILED: ") + e.what() + "\n";
                   }
                 });
  context.run();
  std::cout << report;
  return report.find("FAILED") == std::string::npos && report.find("vty async: ") != report.npos &&
         report.find("own asio: 200 echoes") != std::string::npos;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: vty_consumer HOST PORT COMMAND\n";
    return 64;
  }
  // <vty/vty.hpp> names the four built-in transports: they are known by name before main().
  std::cout << "registered " << vty::registered_transports().size() << "\n";
  vty::Options options;
  // Naming the transport links it, from an archive linked like any other.
  options.transport = vty::transports::libssh{.host_key_policy = vty::HostKeyPolicy::off};
  std::cout << "transport " << options.transport.name() << "\n";
  options.host = argv[1];
  options.port = static_cast<std::uint16_t>(std::stoi(argv[2]));
  options.auth.username = "admin";
  const char* password = std::getenv("VTY_PASSWORD");
  const char* secondary = std::getenv("VTY_SECONDARY");
  options.auth.password = password ? password : "";
  options.auth.secondary = secondary ? secondary : "";
  const char* recording = std::getenv("VTY_RECORDING");
  try {
    vty::Options recorded = options;
    if (recording) recorded.observers.push_back(vty::record_to(recording));
    vty::Driver driver(recorded);
    driver.open();
    vty::Response r = driver.send_command(argv[3]);
    std::cout << "vty " << vty::version() << "\n" << r.result << "\n";
    driver.close();
    if (r.failed) return 1;
    if (recording)
      std::cout << "recorded " << vty::load_recording(recording).events.size() << " events\n";
    return shared_io_context(options, argv[3]) ? 0 : 3;
  } catch (const vty::DriverException& error) {
    std::cerr << error.what() << "\n";
    return 2;
  }
}
