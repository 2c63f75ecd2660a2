#include "run_args.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace vty::cli {
namespace {

std::chrono::milliseconds to_ms(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

double seconds_arg(const std::string& text, const std::string& flag) {
  try {
    std::size_t used = 0;
    double seconds = std::stod(text, &used);
    if (used == text.size() && seconds > 0 && seconds < 1e6) return seconds;
  } catch (const std::exception&) {
  }
  throw UsageProblem(flag + " takes a number of seconds, not \"" + text + "\"");
}

int count_arg(const std::string& text, const std::string& flag, int low) {
  char* end = nullptr;
  long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end || value < low || value > 1000000)
    throw UsageProblem(flag + " takes a whole number from " + std::to_string(low) + ", not \"" +
                       text + "\"");
  return static_cast<int>(value);
}

HostKeyPolicy policy_arg(const std::string& text) {
  if (text == "strict") return HostKeyPolicy::strict;
  if (text == "accept-new") return HostKeyPolicy::accept_new;
  if (text == "off") return HostKeyPolicy::off;
  throw UsageProblem("--host-key-policy is strict, accept-new or off, not \"" + text + "\"");
}

std::string env_or(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value ? value : fallback;
}

// Parses one option at argv[i] into args; false when it is not one of the simple ones.
bool parse_option(const std::string& arg, const std::function<std::string()>& value,
                  RunArgs& args) {
  Options& base = args.base;
  if (arg == "-c" || arg == "--command")
    args.commands.push_back(value());
  else if (arg == "--commands-file")
    args.commands_file = value();
  else if (arg == "--config-file")
    args.config_file = value();
  else if (arg == "--privilege")
    args.privilege = value();
  else if (arg == "-i" || arg == "--inventory")
    args.inventory_file = value();
  else if (arg == "-l" || arg == "--limit")
    args.limit = value();
  else if (arg == "--credentials-file")
    args.credentials_file = value();
  else if (arg == "--platform")
    base.platform = value(), args.set_platform = true;
  else if (arg == "--platform-path")
    base.platform_paths.emplace_back(value());
  else if (arg == "--user")
    base.auth.username = value(), args.set_user = true;
  else if (arg == "--password-file")
    args.password_file = value();
  else if (arg == "--secondary-file")
    args.secondary_file = value();
  else if (arg == "--key")
    base.auth.private_key_file = value();
  else if (arg == "--host-key-policy")
    base.host_key_policy = policy_arg(value());
  else if (arg == "--known-hosts")
    base.known_hosts_file = value();
  else if (arg == "--transport")
    base.transport = value(), args.set_transport = true;
  else if (arg == "-F" || arg == "--ssh-config")
    base.ssh_config_file = value(), args.set_ssh_config = true;
  else if (arg == "-J" || arg == "--jump-host")
    base.jump_host = value(), args.set_jump_host = true;
  else if (arg == "-o" || arg == "--ssh-option")
    base.ssh_options.push_back(value());
  else if (arg == "--timeout-connect") {
    // Connecting is the TCP connect, then the handshake and the login.
    base.timeout_socket = base.timeout_transport = to_ms(seconds_arg(value(), arg));
    args.set_timeout_connect = true;
  } else if (arg == "--timeout-ops") {
    base.timeout_ops = to_ms(seconds_arg(value(), arg));
    args.set_timeout_ops = true;
  } else if (arg == "-j" || arg == "--jobs")
    args.concurrency = count_arg(value(), arg, 1);
  else if (arg == "--retries")
    args.retries = count_arg(value(), arg, 0);
  else if (arg == "--retry-backoff")
    args.retry_backoff_s = seconds_arg(value(), arg);
  else if (arg == "--json")
    args.format = OutputFormat::json;
  else if (arg == "--jsonl")
    args.format = OutputFormat::jsonl;
  else if (arg == "-q" || arg == "--quiet")
    args.quiet = true;
  else if (arg == "--out-dir")
    args.out_dir = value();
  else if (arg == "--log-dir")
    args.log_dir = value();
  else if (arg == "--failed-hosts")
    args.failed_hosts = value();
  else if (arg == "--list-hosts")
    args.list_hosts = true;
  else if (arg == "--record")
    args.record_dir = value();
  else if (arg == "--replay")
    args.replay_dir = value(), base.transport = "replay", args.set_transport = true;
  else if (arg == "--replay-realtime")
    base.replay.realtime = true;
  else if (arg == "--replay-whitespace")
    base.replay.normalise_whitespace = true;
  else if (arg == "--parse")
    args.parse = value();
  else
    return false;
  return true;
}

}  // namespace

const char* const run_usage =
    R"(usage: vty run [HOST[:PORT]... | -] [-i INVENTORY] (-c CMD... | --commands-file FILE
               | --config-file FILE) [options]

Runs the commands on every host concurrently and prints what each returned.

hosts:
  HOST[:PORT]                a device (repeatable); - reads more from stdin, one a line
  -i, --inventory FILE       hosts, groups and defaults from a TOML inventory
  -l, --limit EXPR           only hosts matching EXPR: comma-separated globs on names,
                             groups and tags (host:, group:, tag: to be precise);
                             !term excludes, &term requires; @FILE the names FILE
                             lists (as --failed-hosts writes them; @- reads stdin)
  --list-hosts               print the hosts that would run, with their address, port,
                             platform and transport, and contact none
  --shard K/N                only shard K of N (a stable hash of the host name)
  --shards N                 the same, K from $JOB_COMPLETION_INDEX + 1 (Kubernetes)

what to send:
  -c, --command CMD          a command to send (repeat for more; sent in order)
                             (an inventory's `commands`, per host or group, follow
                             these; docs/inventory.md)
  --commands-file FILE       commands to send, one a line (# lines are comments)
  --config-file FILE         configuration lines to send in config mode (before
                             commands; # lines are comments)
  --privilege LEVEL          send the commands at this privilege level
  --platform NAME            platform definition (default cisco_iosxe). This and the
                             other host settings (--transport, --user, timeouts) outrank
                             the inventory's [defaults], not its hosts and groups
  --platform-path DIR        also look for platform definitions in DIR (repeatable)

login (passwords are never taken from the command line):
  --user NAME                login name (default: $VTY_USER, else the ssh config's
                             User, else $USER)
  --password-file FILE       login password: first line of FILE (else $VTY_PASSWORD)
  --secondary-file FILE      enable password: first line of FILE (else $VTY_SECONDARY)
  --credentials-file FILE    named credential sets (TOML, must be mode 0600; default
                             $VTY_CREDENTIALS_FILE, else $XDG_CONFIG_HOME/vty/
                             credentials.toml when it exists; docs/inventory.md)
  --key FILE                 private key for public-key login ($VTY_KEY_PASSPHRASE unlocks it)
                             ssh-agent keys are tried when $SSH_AUTH_SOCK is set; with
                             no password anywhere and a terminal, vty asks for one
  --host-key-policy POLICY   strict (default), accept-new or off
  --known-hosts FILE         known_hosts file (default ~/.ssh/known_hosts)
  --transport NAME           libssh (default: SSH inside vty), system (the ssh program)
                             or telnet (port 23 by default)

ssh (both SSH transports; docs/ssh.md):
  -F, --ssh-config FILE      ssh_config file (default ~/.ssh/config, then
                             /etc/ssh/ssh_config; "none": no file); what the command
                             line and inventory leave unset (port, user, key) comes
                             from its Host blocks
  -J, --jump-host HOPS       jump hosts, [user@]host[:port][,...]; on libssh all hosts
                             behind one jump host share a single login to it
  -o, --ssh-option KEY=VALUE an ssh option, as `ssh -o` (repeatable), e.g.
                             KexAlgorithms=+diffie-hellman-group14-sha1,
                             Ciphers=+aes128-cbc, HostKeyAlgorithms=+ssh-rsa,
                             ServerAliveInterval=30

running:
  -j, --jobs N               sessions open at once (default 100)
  --timeout-connect SECONDS  deadline for the TCP connect, and again for the
                             handshake and login (default 10, and 30 for the login)
  --timeout-ops SECONDS      deadline for each operation (default 30)
  --retries N                more connection attempts after a connection error (default 2)
  --retry-backoff SECONDS    pause before the first retry, doubled each time (default 1)

output:
  --json                     one JSON array: per host {host, address, port, platform,
                             ok, elapsed_s, results, error}; a host that failed
                             part-way keeps the results it finished
  --jsonl                    one JSON object per line, per host, as each finishes
  --out-dir DIR              DIR/HOST/NN-COMMAND.txt for each command's output
  --parse textfsm[:PATH]     parse each result with TextFSM: PATH is a template or an
                             ntc-templates folder (default $NTC_TEMPLATES_DIR); JSON
                             results gain "parsed" (rows) or "parse_error"
  --failed-hosts FILE        FILE: the hosts that failed or did not finish, one a line,
                             to rerun with --limit @FILE (or - < FILE); empty when all ok
  --log-dir DIR              DIR/HOST.log: all bytes sent and received, timestamped,
                             passwords masked
  --record DIR               DIR/HOST.vtyrec: a recording of each session, to replay
                             offline with --replay (docs/recording.md)
  --replay DIR               no network: DIR/HOST.vtyrec plays each device, and input
                             that differs from the recording fails the host
  --replay-realtime          with --replay: wait the recorded delays (default: none)
  --replay-whitespace        with --replay: compare input ignoring spaces and line ends
  -q, --quiet                no progress line and no summary
  A progress line is shown on stderr while stderr is a terminal. Files vty creates
  (outputs, logs, recordings) are readable by their owner only (0600).

exit status (the first that applies): 130 interrupted (Ctrl-C: stops starting hosts,
closes sessions, prints what finished, with error "interrupted" for hosts caught
part-way; a second Ctrl-C aborts), 143 terminated (SIGTERM: the same), 74 a result
could not be written (stdout, --out-dir, --failed-hosts), 2 a host failed, 1 a command
reported failure, 0 all ok; 64 usage error (found before any connection).
)";

RunArgs parse_run_args(int argc, char** argv) {
  RunArgs args;
  args.base.auth.username = env_or("VTY_USER", env_or("USER", ""));
  args.user_given = std::getenv("VTY_USER") != nullptr;
  std::optional<int> shards;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw UsageProblem(arg + " needs a value");
      return argv[++i];
    };
    try {
      if (parse_option(arg, value, args)) continue;
      if (arg == "--shard")
        args.shard = parse_shard(value());
      else if (arg == "--shards")
        shards = count_arg(value(), arg, 1);
      else if (arg == "--password" || arg == "--secondary" || arg.starts_with("--password=")) {
        throw UsageProblem(
            "passwords are never taken from the command line: use VTY_PASSWORD, "
            "--password-file or --credentials-file (VTY_SECONDARY or --secondary-file for "
            "enable)");
      } else if (arg.starts_with("-") && arg != "-") {
        throw UsageProblem("unknown option " + arg);
      } else {
        args.targets.push_back(arg);
      }
    } catch (const std::invalid_argument& problem) {
      throw UsageProblem(problem.what());
    }
  }
  if (shards && args.shard) throw UsageProblem("give --shard K/N or --shards N, not both");
  if (shards) {
    const char* index = std::getenv("JOB_COMPLETION_INDEX");
    if (!index) throw UsageProblem("--shards N needs $JOB_COMPLETION_INDEX (or use --shard K/N)");
    try {
      args.shard = shard_from_index(index, *shards);
    } catch (const std::invalid_argument& problem) {
      throw UsageProblem(problem.what());
    }
  }
  if (args.targets.empty() && args.inventory_file.empty())
    throw UsageProblem("no hosts given (HOST..., - for stdin, or --inventory FILE)");
  args.user_given = args.user_given || args.set_user;
  if (args.commands.empty() && args.commands_file.empty() && args.config_file.empty() &&
      !args.list_hosts && args.inventory_file.empty())
    throw UsageProblem("nothing to send (-c CMD, --commands-file FILE or --config-file FILE)");
  if (!args.parse.empty() && args.parse != "textfsm" && !args.parse.starts_with("textfsm:"))
    throw UsageProblem(
        "--parse takes textfsm or textfsm:PATH (a template or an ntc-templates "
        "folder), not \"" +
        args.parse + "\"");
  return args;
}

}  // namespace vty::cli
