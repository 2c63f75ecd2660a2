// Helpers for tests that run the `vty` program: JSON checks, a terminal, the simulator's
// sessions.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "support/child_process.hpp"

namespace vty::test {

// One `vty run` against simulated devices: the simulator's user, no host-key check, its
// passwords in the environment.
struct SimRun {
  std::vector<std::string> args;
  std::vector<std::string> env = {"VTY_PASSWORD=admin123", "VTY_SECONDARY=enable123"};
  std::string stdin_text{};
  bool with_stderr = false;  // stderr joins the output (otherwise it goes to the test's)
};

// Runs `vty run --user admin --host-key-policy off ARGS...` to completion.
RunResult vty_run_sim(SimRun run);

// Runs a jq filter over `json` (with -s when `slurp`); true when jq says the result is true.
bool jq(const std::string& json, const std::string& filter, bool slurp = false);

// Runs ARGS (argv[0] a path) with a pseudo-terminal as stdin, stdout and stderr, the
// environment entries added; what the screen got, within 60 s.
std::string run_in_pty(const std::vector<std::string>& args, const std::vector<std::string>& env);

// Sessions a simulator still holds on these ports (established, or closed by the peer but
// not yet by the simulator), from /proc/net/tcp.
int open_sessions(const std::set<unsigned short>& ports);

// Waits (up to 20 s) until the simulator holds no session on `ports`; the count left.
int sessions_left(const std::set<unsigned short>& ports);

}  // namespace vty::test
