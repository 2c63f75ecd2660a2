// Connects to one device with an installed vty and runs one command:
//   vty_consumer HOST PORT COMMAND   (VTY_PASSWORD, VTY_SECONDARY from the environment)
// Exit status 0 when the command ran and did not fail.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vty/vty.hpp>

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
  try {
    vty::Driver driver(options);
    driver.open();
    vty::Response r = driver.send_command(argv[3]);
    std::cout << "vty " << vty::version() << "\n" << r.result << "\n";
    driver.close();
    return r.failed ? 1 : 0;
  } catch (const vty::DriverException& error) {
    std::cerr << error.what() << "\n";
    return 2;
  }
}
