// Using a platform definition of your own: a TOML file in a folder you name. vty refuses
// a bad file at load, naming file:line:column, so load_platform doubles as a checker.
//
//   ./own_platform FOLDER NAME                  check FOLDER/NAME.toml and show its levels
//   VTY_PASSWORD=... VTY_SECONDARY=... ./own_platform FOLDER NAME HOST [PORT]
//                                               ... and run `show version` with it
//
// e.g. ./own_platform examples/platforms lab_ios. VTY_USERNAME (default "admin");
// VTY_HOST_KEY_POLICY=off skips the host key check.
#include <cstdlib>
#include <filesystem>
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
  if (argc < 3) {
    std::cerr << "usage: own_platform FOLDER NAME [HOST [PORT]]\n";
    return 64;
  }
  const std::filesystem::path folder = argv[1];
  const std::string name = argv[2];
  try {
    // Searches FOLDER first, then $VTY_PLATFORM_PATH, then the shipped definitions.
    vty::PlatformDefinition platform = vty::load_platform(name, {folder});
    std::cout << platform.name << " from " << platform.source.string() << "\n";
    for (const vty::PrivilegeLevel& level : platform.privileges) {
      std::cout << "  " << level.name << "  " << level.pattern << "\n";
    }
    if (argc < 4) return 0;

    vty::Options options;
    options.host = argv[3];
    if (argc > 4) options.port = static_cast<std::uint16_t>(std::stoi(argv[4]));
    options.platform = name;
    options.platform_paths = {folder};  // the driver loads the same file
    options.auth.username = env("VTY_USERNAME", "admin");
    options.auth.password = env("VTY_PASSWORD");
    options.auth.secondary = env("VTY_SECONDARY");
    vty::transports::libssh ssh;  // naming the transport links it
    if (env("VTY_HOST_KEY_POLICY") == "off") ssh.host_key_policy = vty::HostKeyPolicy::off;
    options.transport = ssh;
    vty::Driver driver(options);
    driver.open();
    std::cout << driver.send_command("show version").result << "\n";
    driver.close();
  } catch (const vty::PlatformError& error) {
    std::cerr << "bad or missing platform: " << error.what() << "\n";
    return 64;
  } catch (const vty::DriverException& error) {
    std::cerr << error.what() << "\n";
    return 2;
  }
}
