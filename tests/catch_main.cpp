// Catch2's main and implementation, compiled once for both test programs; every test runs
// in an environment cleared of the developer's settings (support/environment.hpp).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <vty/transports.hpp>

#include "support/environment.hpp"

int main(int argc, char* argv[]) {
  const vty::test::IsolatedEnvironment environment;
  // The tests pick transports by name (Options::transport = "telnet"), as the CLI does.
  vty::transports::register_builtin();
  return Catch::Session().run(argc, argv);
}
