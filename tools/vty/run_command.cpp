#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>

#include "commands.hpp"
#include "fleet.hpp"

namespace vty::cli {
namespace {

constexpr const char* run_usage = R"(usage: vty run HOST[:PORT]... -c CMD [-c CMD]... [options]

Runs the commands on every host concurrently and prints what each returned.

options:
  -c, --command CMD          a command to send (repeat for more; sent in order)
  --platform NAME            platform definition (default cisco_iosxe)
  --platform-path DIR        also look for platform definitions in DIR (repeatable)
  --user NAME                login name (default: $USER)
  --password-file FILE       login password: first line of FILE (else $VTY_PASSWORD)
  --secondary-file FILE      enable password: first line of FILE (else $VTY_SECONDARY)
  --key FILE                 private key for public-key login ($VTY_KEY_PASSPHRASE unlocks it)
  --host-key-policy POLICY   strict (default), accept-new or off
  --known-hosts FILE         known_hosts file (default ~/.ssh/known_hosts)
  --transport NAME           libssh (default: SSH inside vty) or system (the ssh program)
  --timeout-connect SECONDS  TCP connect deadline (default 10)
  --timeout-ops SECONDS      deadline for each command's prompt (default 30)
  -j, --jobs N               sessions open at once (default 100)
  --json                     print one JSON array: per host {host, ok, results, error}

Passwords are never taken from the command line.
exit status: 0 all ok, 1 a command reported failure, 2 a host failed, 64 usage error.
)";

struct UsageProblem : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string first_line_of(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw UsageProblem("cannot read " + file);
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string env_or(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value ? value : fallback;
}

std::chrono::milliseconds seconds_arg(const std::string& text, const std::string& flag) {
  try {
    std::size_t used = 0;
    double seconds = std::stod(text, &used);
    if (used == text.size() && seconds > 0)
      return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
  } catch (const std::exception&) {
  }
  throw UsageProblem(flag + " takes a number of seconds, not \"" + text + "\"");
}

// HOST, HOST:PORT, [V6]:PORT or a bare IPv6 address.
void parse_target(const std::string& target, Options& options) {
  auto colon = target.rfind(':');
  bool bracketed = !target.empty() && target.front() == '[';
  if (bracketed) {
    auto close = target.find(']');
    if (close == std::string::npos) throw UsageProblem("bad host \"" + target + "\"");
    options.host = target.substr(1, close - 1);
    if (close + 1 == target.size()) return;
    if (target[close + 1] != ':') throw UsageProblem("bad host \"" + target + "\"");
    colon = close + 1;
  } else if (colon == std::string::npos || target.find(':') != colon) {
    options.host = target;  // no port, or an IPv6 address without one
    return;
  } else {
    options.host = target.substr(0, colon);
  }
  std::string port = target.substr(colon + 1);
  char* end = nullptr;
  long value = std::strtol(port.c_str(), &end, 10);
  if (port.empty() || *end || value < 1 || value > 65535)
    throw UsageProblem("bad port in \"" + target + "\"");
  options.port = static_cast<std::uint16_t>(value);
}

HostKeyPolicy policy_arg(const std::string& text) {
  if (text == "strict") return HostKeyPolicy::strict;
  if (text == "accept-new") return HostKeyPolicy::accept_new;
  if (text == "off") return HostKeyPolicy::off;
  throw UsageProblem("--host-key-policy is strict, accept-new or off, not \"" + text + "\"");
}

struct RunArgs {
  FleetJob job;
  bool json = false;
};

RunArgs parse_run(int argc, char** argv) {
  RunArgs args;
  Options base;
  base.auth.username = env_or("USER", "");
  std::vector<std::string> targets;
  std::string password_file, secondary_file;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw UsageProblem(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "-c" || arg == "--command")
      args.job.commands.push_back(value());
    else if (arg == "--platform")
      base.platform = value();
    else if (arg == "--platform-path")
      base.platform_paths.emplace_back(value());
    else if (arg == "--user")
      base.auth.username = value();
    else if (arg == "--password-file")
      password_file = value();
    else if (arg == "--secondary-file")
      secondary_file = value();
    else if (arg == "--key")
      base.auth.private_key_file = value();
    else if (arg == "--host-key-policy")
      base.host_key_policy = policy_arg(value());
    else if (arg == "--known-hosts")
      base.known_hosts_file = value();
    else if (arg == "--transport")
      base.transport = value();
    else if (arg == "--timeout-connect")
      base.timeout_socket = seconds_arg(value(), arg);
    else if (arg == "--timeout-ops")
      base.timeout_ops = seconds_arg(value(), arg);
    else if (arg == "-j" || arg == "--jobs")
      args.job.concurrency = std::atoi(value().c_str());
    else if (arg == "--json")
      args.json = true;
    else if (arg == "--password" || arg == "--secondary" || arg.starts_with("--password=")) {
      throw UsageProblem(
          "passwords are never taken from the command line: use VTY_PASSWORD or "
          "--password-file (VTY_SECONDARY or --secondary-file for enable)");
    } else if (arg.starts_with("-")) {
      throw UsageProblem("unknown option " + arg);
    } else {
      targets.push_back(arg);
    }
  }
  if (targets.empty()) throw UsageProblem("no hosts given");
  if (args.job.commands.empty()) throw UsageProblem("no commands given (-c CMD)");
  if (args.job.concurrency < 1) throw UsageProblem("-j takes a positive number");
  base.auth.password =
      password_file.empty() ? env_or("VTY_PASSWORD", "") : first_line_of(password_file);
  base.auth.secondary =
      secondary_file.empty() ? env_or("VTY_SECONDARY", "") : first_line_of(secondary_file);
  base.auth.private_key_passphrase = env_or("VTY_KEY_PASSPHRASE", "");
  for (const auto& target : targets) {
    Options options = base;
    parse_target(target, options);
    args.job.names.push_back(target);
    args.job.hosts.push_back(std::move(options));
  }
  return args;
}

}  // namespace

int run_command(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "-h" || std::string_view(argv[i]) == "--help") {
      std::cout << run_usage;
      return 0;
    }
  }
  RunArgs args;
  try {
    args = parse_run(argc, argv);
  } catch (const UsageProblem& problem) {
    std::cerr << "vty run: " << problem.what() << "\n\n" << run_usage;
    return exit_usage;
  }
  auto results = run_fleet(args.job);
  if (args.json) {
    print_json(std::cout, results);
  } else {
    print_text(std::cout, results);
  }
  return exit_code(results);
}

}  // namespace vty::cli
