// Running the same commands on many devices at once: one io_context, one coroutine per
// host, at most `concurrency` sessions open, Ctrl-C stopping the run cleanly.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <vty/vty.hpp>

namespace vty::cli {

struct CommandResult {
  std::string command;
  std::string result;
  bool failed = false;
  double elapsed_s = 0;
  std::string parsed_json;  // --parse: the rows as a JSON array ("" when not parsed)
  std::string parse_error;  // --parse: why the result could not be parsed
};

struct HostResult {
  std::string host;       // as the user named it (inventory name, HOST or HOST:PORT)
  bool ok = false;        // connected, and no command failed
  bool finished = false;  // false: interrupted, or never started
  int attempts = 0;       // connection attempts made
  std::vector<CommandResult> results;
  std::string error_type;  // "" when the session worked; else e.g. "vty::AuthenticationError"
  std::string error_message;
  double elapsed_s = 0;
  // With platform "auto": the platform found ("" otherwise).
  std::string detected_platform;
};

struct FleetJob {
  std::vector<std::string> names;  // one per host, for reports
  std::vector<Options> hosts;      // one per host
  std::vector<std::string> commands;
  std::vector<std::vector<std::string>> host_commands;  // when not empty: per host, instead
  std::vector<std::string> configs;  // sent as configuration, before the commands
  std::string privilege;             // "": the platform's default level
  int concurrency = 100;
  int retries = 0;  // extra connection attempts after a connection error
  std::chrono::milliseconds retry_backoff{1000};  // doubled after each attempt
  bool stop_on_sigint = false;  // SIGINT stops the run; a second one kills the process
  // --parse textfsm[:PATH]: parse each show command's result with TextFSM. The path is a
  // template or an ntc-templates folder ("" = $NTC_TEMPLATES_DIR).
  bool parse_textfsm = false;
  std::string textfsm_path;
};

// What a caller sees of a run while it goes; every call is on the run's thread.
class FleetObserver {
 public:
  virtual ~FleetObserver() = default;
  virtual void started(std::size_t /*host*/) {}
  virtual void finished(std::size_t /*host*/, const HostResult&) {}
  virtual void tick() {}         // about four times a second
  virtual void interrupted() {}  // the first SIGINT
};

struct FleetOutcome {
  std::vector<HostResult> results;  // one per host, in job order
  bool interrupted = false;
};

FleetOutcome run_fleet(const FleetJob& job, FleetObserver* observer = nullptr);

}  // namespace vty::cli
