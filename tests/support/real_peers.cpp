#include "support/real_peers.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdlib>

namespace vty::test {

bool peer_unavailable(const std::string& peer, const std::string& why) {
  if (why.empty()) return false;
  const char* required = std::getenv("VTY_TEST_REQUIRE_PEERS");
  if (required && std::string(required) == "1")
    FAIL(peer << " cannot run here and VTY_TEST_REQUIRE_PEERS=1: " << why);
  WARN("SKIPPED: " << peer << " cannot run here: " << why);
  return true;
}

std::string missing_program(const std::string& path, const std::string& package) {
  if (access(path.c_str(), X_OK) == 0) return {};
  return path + " is not installed (apt-get install " + package + ", or ./tools/dev install)";
}

}  // namespace vty::test
