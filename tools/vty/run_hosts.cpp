// build_job: the hosts of a run, from argv, stdin and the inventory, with their credentials.
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <vty/recording.hpp>

#include "credentials.hpp"
#include "inventory.hpp"
#include "report.hpp"
#include "run_args.hpp"

namespace vty::cli {
namespace {

std::string read_text(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UsageProblem("cannot read " + file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Non-empty lines, without line ends.
std::vector<std::string> lines_of(std::istream& in) {
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) lines.push_back(line);
  }
  return lines;
}

// A commands or config file: its lines but blank ones and # comments (never sent: on most
// platforms a # line is an error, or worse, a command).
std::vector<std::string> lines_of_file(const std::string& file) {
  std::istringstream in(read_text(file));
  std::vector<std::string> lines;
  for (auto& line : lines_of(in))
    if (line[line.find_first_not_of(" \t")] != '#') lines.push_back(std::move(line));
  return lines;
}

std::string first_line_of(const std::string& file) {
  std::istringstream in(read_text(file));
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string env_or(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value ? value : fallback;
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

// Reads a password from the terminal without echo; "" when there is no terminal.
std::string ask_password(const std::string& question) {
  int tty = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (tty < 0) return "";
  termios saved{};
  bool restore = tcgetattr(tty, &saved) == 0;
  if (restore) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(tty, TCSAFLUSH, &quiet);
  }
  (void)!::write(tty, question.data(), question.size());
  std::string answer;
  char c = 0;
  while (::read(tty, &c, 1) == 1 && c != '\n' && c != '\r') answer += c;
  (void)!::write(tty, "\n", 1);
  if (restore) tcsetattr(tty, TCSAFLUSH, &saved);
  ::close(tty);
  return answer;
}

void apply(const CredentialSet& set, Auth& auth) {
  if (set.username) auth.username = *set.username;
  if (set.password) auth.password = *set.password;
  if (set.secondary) auth.secondary = *set.secondary;
  if (set.private_key) auth.private_key_file = *set.private_key;
  if (set.passphrase) auth.private_key_passphrase = *set.passphrase;
}

// The flags given explicitly: they outrank the inventory's [defaults], not its hosts and
// groups.
struct GivenFlags {
  bool platform = false, transport = false, port = false, user = false;
  bool timeout_connect = false, timeout_ops = false;
  bool ssh_config = false, jump_host = false;
};

// Inventory settings onto a host's options, except those `skip` says a flag gave.
void apply(const HostSettings& s, Options& options, const GivenFlags& skip = {}) {
  if (s.platform && !skip.platform) options.platform = *s.platform;
  if (s.transport && !skip.transport) options.transport = *s.transport;
  if (s.username && !skip.user) options.auth.username = *s.username;
  if (s.port && !skip.port) options.port = *s.port;
  if (s.timeout_connect && !skip.timeout_connect)
    options.timeout_socket = options.timeout_transport =
        std::chrono::milliseconds(std::llround(*s.timeout_connect * 1000));
  if (s.ssh_config && !skip.ssh_config) options.ssh_config_file = *s.ssh_config;
  if (s.jump_host && !skip.jump_host) options.jump_host = *s.jump_host;
  // After the command line's -o options: for each keyword the first value wins.
  if (s.ssh_options)
    options.ssh_options.insert(options.ssh_options.end(), s.ssh_options->begin(),
                               s.ssh_options->end());
  if (s.timeout_ops && !skip.timeout_ops)
    options.timeout_ops = std::chrono::milliseconds(std::llround(*s.timeout_ops * 1000));
}

struct Candidate {
  std::string name;
  Options options;
  std::optional<std::string> credentials;  // a named set
  std::vector<std::string> groups, tags;
  std::vector<std::string> commands;  // the inventory's, after the command line's
  bool user_given = false;            // else the login name is only $USER's fallback
  bool by_platform = false;  // neither the host nor its groups set commands: [platforms.X] may
};

std::vector<Candidate> candidates(const RunArgs& args, const Options& base,
                                  const Inventory& inventory) {
  std::vector<Candidate> hosts;
  {
    for (auto& host : inventory.hosts) {
      Candidate c{host.name, base, host.settings.credentials, host.groups, host.tags, {}, false};
      c.options.host = host.address;
      // host > its groups > the command line's flags > [defaults]
      GivenFlags given{args.set_platform,   args.set_transport,       args.set_port,
                       args.set_user,       args.set_timeout_connect, args.set_timeout_ops,
                       args.set_ssh_config, args.set_jump_host};
      apply(inventory.defaults, c.options, given);
      apply(host.specific, c.options);
      if (!args.replay_dir.empty()) c.options.transport = "replay";  // --replay plays every host
      c.commands = host.settings.commands.value_or(std::vector<std::string>{});
      c.by_platform = !host.specific.commands.has_value();
      c.user_given = host.settings.username.has_value();
      hosts.push_back(std::move(c));
    }
  }
  std::vector<std::string> targets;
  for (const auto& target : args.targets) {
    if (target != "-") {
      targets.push_back(target);
      continue;
    }
    for (auto& line : lines_of(std::cin)) {
      auto start = line.find_first_not_of(" \t");
      auto end = line.find_last_not_of(" \t");
      if (line[start] != '#') targets.push_back(line.substr(start, end - start + 1));
    }
  }
  for (const auto& target : targets) {
    Candidate c{target, base, std::nullopt, {}, {}, {}, false};
    parse_target(target, c.options);
    hosts.push_back(std::move(c));
  }
  return hosts;
}

// --credentials-file, else $VTY_CREDENTIALS_FILE, else $XDG_CONFIG_HOME/vty/credentials.toml
// (~/.config when unset) when it exists; "" for none.
std::string credentials_file_path(const RunArgs& args) {
  if (!args.credentials_file.empty()) return args.credentials_file;
  std::string from_env = env_or("VTY_CREDENTIALS_FILE", "");
  if (!from_env.empty()) return from_env;
  std::string config = env_or("XDG_CONFIG_HOME", "");
  if (config.empty()) {
    std::string home = env_or("HOME", "");
    if (home.empty()) return "";
    config = home + "/.config";
  }
  std::string path = config + "/vty/credentials.toml";
  std::error_code ignored;
  return std::filesystem::exists(path, ignored) ? path : "";
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out.append(out.empty() ? "`" : ", `").append(item).append("`");
  return out;
}

// --limit and --shard. A selection that names an unknown group, or selects nothing, is a
// mistake (exit 64); an empty shard, or an empty @FILE (nothing failed last time), is not.
std::vector<Candidate> select_hosts(const RunArgs& args, const Inventory& inventory,
                                    std::vector<Candidate> all) {
  std::optional<LimitExpression> limit;
  if (!args.limit.empty()) {
    try {
      limit.emplace(args.limit, [](const std::string& file) {
        return file == "-" ? std::string(std::istreambuf_iterator<char>(std::cin), {})
                           : read_text(file);
      });
    } catch (const std::invalid_argument& problem) {
      throw UsageProblem(problem.what());
    }
    for (const auto& group : limit->named_groups()) {
      const auto& known = inventory.group_names;
      if (std::find(known.begin(), known.end(), group) == known.end())
        throw UsageProblem(
            "--limit: unknown group `" + group + "` (" +
            (known.empty() ? "no inventory groups" : "groups: " + quoted_list(known)) + ")");
    }
  }
  std::vector<Candidate> selected;
  std::vector<HostLabels> labels;
  for (auto& host : all) {
    labels.push_back({host.name, &host.groups, &host.tags});
    if (limit && !limit->matches(labels.back())) continue;
    selected.push_back(host);
  }
  if (limit && selected.empty()) {
    if (limit->only_empty_files()) {
      std::cerr << "vty run: --limit " << args.limit << " lists no host: nothing to run\n";
      return selected;
    }
    throw UsageProblem("--limit " + args.limit + " matches none of the " +
                       std::to_string(all.size()) + " hosts");
  }
  if (limit)
    for (const auto& term : limit->unmatched_terms(labels))
      std::cerr << "vty run: warning: --limit term " << term << " matches no host\n";
  if (!args.shard) return selected;
  std::vector<Candidate> shard;
  for (auto& host : selected)
    if (shard_of(host.name, args.shard->count) == args.shard->index) shard.push_back(host);
  if (shard.empty())
    std::cerr << "vty run: shard " << args.shard->index << "/" << args.shard->count << " of "
              << selected.size() << " hosts is empty: nothing to run\n";
  return shard;
}

// Login and connection details the inventory and the command line left open: the
// credential set a host names, the transport's port, files per host.
void finish_host(const RunArgs& args, const Credentials& credentials,
                 const std::string& credentials_path, bool default_user_given, Candidate& host) {
  if (host.credentials) {
    auto set = credentials.find(*host.credentials);
    if (set == credentials.end())
      throw UsageProblem(
          "host " + host.name + " uses credential set \"" + *host.credentials + "\", which " +
          (credentials_path.empty() ? "needs a credentials file" : credentials_path + " lacks"));
    apply(set->second, host.options.auth);
    host.user_given = host.user_given || set->second.username.has_value();
  }
  // Both SSH transports leave the port and login name to the ssh config (and then to
  // their defaults, 22 and the local user) unless something says otherwise.
  const bool ssh = host.options.transport == "system" || host.options.transport == "libssh";
  if (host.options.port == 0 && !ssh)
    host.options.port = host.options.transport == "telnet" ? 23 : 22;
  if (ssh && !host.user_given && !args.user_given && !default_user_given)
    host.options.auth.username.clear();
  host.options.label = host.name;
  if (!args.record_dir.empty())
    host.options.observers.push_back(vty::record_to(std::filesystem::path(args.record_dir) /
                                                    (file_name_for(host.name) + ".vtyrec")));
  if (!args.replay_dir.empty())
    host.options.replay.file =
        std::filesystem::path(args.replay_dir) / (file_name_for(host.name) + ".vtyrec");
}

// Each host's commands: the command line's, then its inventory's (the host's or its
// groups', else its platform's, else [defaults]'). Left empty (everyone gets
// job.commands) when no host has commands of its own.
void set_commands(FleetJob& job, std::vector<Candidate>& hosts, const Inventory& inventory,
                  bool list_only) {
  std::vector<std::vector<std::string>> per_host;
  std::vector<std::string> nothing_to_send;
  bool own = false;
  job.platform_commands = inventory.platform_commands;
  for (auto& host : hosts) {
    per_host.push_back(job.commands);
    for (auto& command : host.commands) per_host.back().push_back(std::move(command));
    // A platform's list applies once the session's platform is known ("auto": detected).
    const auto& platform = host.options.platform;
    bool platform_has =
        host.by_platform && (platform == "auto" ? !job.platform_commands.empty()
                                                : job.platform_commands.count(platform) > 0);
    if (per_host.back().empty() && job.configs.empty() && !platform_has)
      nothing_to_send.push_back(host.name);
    own = own || !host.commands.empty();
    job.by_platform.push_back(host.by_platform);
  }
  if (job.platform_commands.empty()) job.by_platform.clear();
  if (!nothing_to_send.empty() && !list_only)
    throw UsageProblem("nothing to send to " + nothing_to_send.front() +
                       (nothing_to_send.size() > 1
                            ? " and " + std::to_string(nothing_to_send.size() - 1) + " more"
                            : "") +
                       " (-c CMD, --commands-file FILE, --config-file FILE, or `commands` in "
                       "the inventory)");
  if (own) job.host_commands = std::move(per_host);
}

}  // namespace

FleetJob build_job(const RunArgs& args) {
  FleetJob job;
  job.commands = args.commands;
  if (!args.commands_file.empty())
    for (auto& line : lines_of_file(args.commands_file)) job.commands.push_back(line);
  if (!args.config_file.empty()) job.configs = lines_of_file(args.config_file);
  job.privilege = args.privilege;
  job.parse_textfsm = !args.parse.empty();
  if (args.parse.starts_with("textfsm:")) job.textfsm_path = args.parse.substr(8);
  job.concurrency = args.concurrency;
  job.retries = args.retries;
  job.retry_backoff = std::chrono::milliseconds(std::llround(args.retry_backoff_s * 1000));

  Options base = args.base;
  base.auth.password =
      args.password_file.empty() ? env_or("VTY_PASSWORD", "") : first_line_of(args.password_file);
  base.auth.secondary = args.secondary_file.empty() ? env_or("VTY_SECONDARY", "")
                                                    : first_line_of(args.secondary_file);
  base.auth.private_key_passphrase = env_or("VTY_KEY_PASSPHRASE", "");
  Credentials credentials;
  std::string credentials_path = credentials_file_path(args);
  if (!credentials_path.empty()) credentials = credentials_file(credentials_path);
  bool default_user_given = false;
  if (auto set = credentials.find("default"); set != credentials.end()) {
    apply(set->second, base.auth);
    default_user_given = set->second.username.has_value();
  }

  Inventory inventory;
  if (!args.inventory_file.empty())
    inventory = parse_inventory(read_text(args.inventory_file), args.inventory_file);
  auto all = candidates(args, base, inventory);
  if (all.empty()) throw UsageProblem("the host list is empty: nothing to run");
  std::vector<Candidate> selected = select_hosts(args, inventory, std::move(all));
  set_commands(job, selected, inventory, args.list_hosts);
  bool need_password = false;
  for (auto& host : selected) {
    finish_host(args, credentials, credentials_path, default_user_given, host);
    need_password = need_password || (host.options.auth.password.empty() &&
                                      host.options.auth.private_key_file.empty());
    job.names.push_back(host.name);
    job.hosts.push_back(std::move(host.options));
  }
  // Nothing else to log in with: ask, once, when a person is there to answer.
  if (need_password && !args.list_hosts && isatty(STDIN_FILENO) && !std::getenv("SSH_AUTH_SOCK")) {
    std::string password = ask_password("Password for " + base.auth.username + ": ");
    for (auto& options : job.hosts)
      if (options.auth.password.empty() && options.auth.private_key_file.empty())
        options.auth.password = password;
  }
  return job;
}

}  // namespace vty::cli
