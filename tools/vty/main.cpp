// `vty`: run commands on network devices over SSH, many at once.
#include <cstring>
#include <iostream>

#include <vty/vty.hpp>

#include "commands.hpp"

namespace {

constexpr const char* usage = R"(usage: vty COMMAND [ARGS]

commands:
  run [HOST[:PORT]...] [-i INVENTORY] -c CMD...   run commands on many devices at once
  demo                                            the same on 50 simulated devices (vty-sim)
  platforms list|show NAME|check FILE...          the platform definitions: list, resolve, validate
  parse --textfsm TEMPLATE [FILE]                 parse command output into JSON rows (TextFSM)
  recording redact FILE --pattern REGEX           mask names, addresses, secrets in a recording
  config get|diff|load|commit|abort|rollback      configuration changes on many devices at once

vty run --help shows run's options. vty --version prints the version.
)";

}  // namespace

int main(int argc, char** argv) {
  // Inventories and --transport pick transports by name.
  vty::transports::register_builtin();
  if (argc < 2) {
    std::cerr << usage;
    return vty::cli::exit_usage;
  }
  std::string_view command = argv[1];
  if (command == "run") return vty::cli::run_command(argc - 1, argv + 1);
  if (command == "demo") return vty::cli::demo_command(argc - 1, argv + 1);
  if (command == "platforms") return vty::cli::platforms_command(argc - 1, argv + 1);
  if (command == "parse") return vty::cli::parse_command(argc - 1, argv + 1);
  if (command == "config") return vty::cli::config_command(argc - 1, argv + 1);
  if (command == "recording") return vty::cli::recording_command(argc - 1, argv + 1);
  if (command == "--version" || command == "version") {
    std::cout << "vty " << vty::version() << "\n";
    return 0;
  }
  if (command == "-h" || command == "--help" || command == "help") {
    std::cout << usage;
    return 0;
  }
  std::cerr << "vty: unknown command \"" << command << "\"\n" << usage;
  return vty::cli::exit_usage;
}
