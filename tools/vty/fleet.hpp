// Running the same commands on many devices at once, and reporting what came back.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include <vty/vty.hpp>

namespace vty::cli {

struct CommandResult {
  std::string command;
  std::string result;
  bool failed = false;
  double elapsed_s = 0;
};

struct HostResult {
  std::string host;  // as the user named it (HOST or HOST:PORT)
  bool ok = false;   // connected, and no command failed
  std::vector<CommandResult> results;
  std::string error_type;  // "" when the session worked; else e.g. "vty::AuthenticationError"
  std::string error_message;
  double elapsed_s = 0;
};

struct FleetJob {
  std::vector<std::string> names;  // one per host, for reports
  std::vector<Options> hosts;      // one per host
  std::vector<std::string> commands;
  int concurrency = 100;
};

// Runs the job on one io_context; `on_done` is called as each host finishes.
std::vector<HostResult> run_fleet(const FleetJob& job,
                                  const std::function<void(const HostResult&)>& on_done = {});

void print_text(std::ostream& out, const std::vector<HostResult>& results);
void print_json(std::ostream& out, const std::vector<HostResult>& results);
// 0 all ok, 1 a command reported failure, 2 a host failed (connect, auth, timeout, ...).
int exit_code(const std::vector<HostResult>& results);

}  // namespace vty::cli
