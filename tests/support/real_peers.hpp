// Real programs of the system as test peers (FRR, BIRD, shells, ser2net): a test whose peer
// cannot start here says why and stops, except where the suite must prove every peer (CI),
// which sets VTY_TEST_REQUIRE_PEERS=1 and turns that stop into a failure.
#pragma once

#include <string>

namespace vty::test {

// True when the test must stop because `why` is not empty: a WARN starting "SKIPPED:" that
// names the peer and the reason, or a FAIL under VTY_TEST_REQUIRE_PEERS=1.
bool peer_unavailable(const std::string& peer, const std::string& why);

// "" when `path` is an executable file, else a sentence that says which package to install.
std::string missing_program(const std::string& path, const std::string& package);

}  // namespace vty::test
