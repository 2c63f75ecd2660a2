// Running the same commands on many devices at once: one io_context, one coroutine per
// host, at most `concurrency` sessions open, Ctrl-C stopping the run cleanly.
#pragma once

#include <chrono>
#include <map>
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
  std::string host;     // as the user named it (inventory name, HOST or HOST:PORT)
  std::string address;  // what was connected to
  std::uint16_t port = 0;
  std::string platform;   // the platform run (the detected one for "auto")
  bool ok = false;        // connected, and no command failed
  bool finished = false;  // false: interrupted, or never started
  bool stopped = false;   // the run was stopped (SIGINT, SIGTERM) while this host ran
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
  // When not empty: per host, whether platform_commands may replace its host_commands
  // (which then end in [defaults]' list, or none) once the session's platform is known.
  std::vector<bool> by_platform;
  std::map<std::string, std::vector<std::string>> platform_commands;  // sent after `commands`
  std::vector<std::string> configs;  // sent as configuration, before the commands
  std::string privilege;             // "": the platform's default level
  int concurrency = 100;
  int retries = 0;  // extra connection attempts after a connection error
  std::chrono::milliseconds retry_backoff{1000};  // doubled after each attempt
  // SIGINT or SIGTERM stops the run (what finished is kept); a second one kills the process.
  bool stop_on_signals = false;
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
  virtual void tick() {}                       // about four times a second
  virtual void interrupted(int /*signal*/) {}  // the first SIGINT or SIGTERM
};

struct FleetOutcome {
  std::vector<HostResult> results;  // one per host, in job order
  bool interrupted = false;
  int stop_signal = 0;  // SIGINT or SIGTERM when interrupted
};

FleetOutcome run_fleet(const FleetJob& job, FleetObserver* observer = nullptr);

}  // namespace vty::cli
