// `vty run`'s command line, and turning it (with the inventory, credentials and selection)
// into the hosts of a FleetJob.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "fleet.hpp"
#include "selection.hpp"

namespace vty::cli {

// A usage error: exit 64 with the message and the usage text.
struct UsageProblem : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class OutputFormat { text, json, jsonl };

struct RunArgs {
  std::vector<std::string> targets;  // HOST[:PORT] from argv ("-": read stdin)
  std::string inventory_file;
  std::string limit;
  std::string credentials_file;
  std::optional<Shard> shard;
  std::vector<std::string> commands;
  std::string commands_file;
  std::string config_file;
  std::string privilege;
  Options base;  // the defaults every host starts from
  // Flags given explicitly override the inventory; these say which were.
  bool set_platform = false, set_transport = false, set_port = false, set_user = false;
  bool set_timeout_connect = false, set_timeout_ops = false;
  bool set_ssh_config = false, set_jump_host = false;
  bool user_given = false;  // --user or $VTY_USER (else the login name is $USER's)
  std::string password_file, secondary_file;
  int concurrency = 100;
  int retries = 2;
  double retry_backoff_s = 1;
  OutputFormat format = OutputFormat::text;
  bool quiet = false;
  std::string out_dir, log_dir;
  std::string failed_hosts;  // --failed-hosts FILE: the hosts to rerun
  bool list_hosts = false;   // --list-hosts: print the resolved hosts, connect to none
  std::string record_dir;    // --record DIR: DIR/<host>.vtyrec, one recording per host
  std::string replay_dir;    // --replay DIR: each host is played by DIR/<host>.vtyrec
  // `--parse textfsm[:PATH]`: "" (none), "textfsm" or "textfsm:PATH".
  std::string parse;
};

extern const char* const run_usage;

// Throws UsageProblem.
RunArgs parse_run_args(int argc, char** argv);
// The hosts, credentials, commands and limits of the job. Reads the inventory, the
// credentials file, stdin ("-") and the commands/config files; may prompt for a password
// on the terminal. Throws UsageProblem (and InventoryError / CredentialsError, which the
// caller reports as usage errors too).
FleetJob build_job(const RunArgs& args);
// The job's own mistakes, before any connection: unknown platforms or transports (from
// the command line or the inventory), a --privilege level a platform lacks, a --parse
// template that cannot be read or compiled. Throws UsageProblem naming the hosts.
void check_job(const FleetJob& job);

}  // namespace vty::cli
