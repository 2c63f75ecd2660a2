// vty::Driver: the same verbs as the coroutine driver, blocking, for code without an
// event loop (scripts, tests, a thread per device).
//
//   VTY_PASSWORD=... VTY_SECONDARY=... ./blocking_driver HOST [PORT]
//
// VTY_USERNAME (default "admin"); VTY_HOST_KEY_POLICY=off skips the host key check.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vty/vty.hpp>

namespace {

std::string env(const char* name, const char* fallback = "") {
  const char* value = std::getenv(name);
  return value ? value : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: blocking_driver HOST [PORT]\n";
    return 64;
  }
  vty::Options options;
  options.host = argv[1];
  if (argc > 2) options.port = static_cast<std::uint16_t>(std::stoi(argv[2]));
  options.auth.username = env("VTY_USERNAME", "admin");
  options.auth.password = env("VTY_PASSWORD");
  options.auth.secondary = env("VTY_SECONDARY");
  vty::transports::libssh ssh;  // naming the transport links it
  if (env("VTY_HOST_KEY_POLICY") == "off") ssh.host_key_policy = vty::HostKeyPolicy::off;
  options.transport = ssh;

  try {
    vty::Driver driver(options);
    driver.open();  // logs in, enables, sends `terminal length 0`
    std::cout << "prompt: " << driver.get_prompt() << " (" << driver.current_privilege() << ")\n";
    vty::MultiResponse responses =
        driver.send_commands({"show version", "show ip interface brief"});
    for (const vty::Response& r : responses) {
      std::cout << "=== " << r.command << " (" << r.elapsed().count() << " s)\n"
                << r.result << "\n";
    }
    responses.raise_for_status();  // throws vty::CommandFailed if a command was refused
    driver.close();                // without it, ~Driver drops the session abruptly
  } catch (const vty::DriverException& error) {
    std::cerr << error.what() << "\n";
    return 2;
  }
}
