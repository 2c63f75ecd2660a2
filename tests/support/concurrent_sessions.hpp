// Many sessions at once in one io_context against a simulator: what the concurrency
// tests of every transport share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "support/sim.hpp"

namespace vty::test {

struct ConcurrentOutcome {
  int ok = 0;                       // sessions whose `show ip interface brief` came back right
  std::vector<std::string> errors;  // what the others threw
};

// Opens `sessions` sessions over `transport`, spread over the simulator's `devices`, each
// running `show ip interface brief`. Every `abort_every`-th session (0: none) is left to
// the connect guard instead of closed.
ConcurrentOutcome run_concurrent_sessions(const Sim& sim, std::string_view transport, int sessions,
                                          int devices, int abort_every = 0);

}  // namespace vty::test
