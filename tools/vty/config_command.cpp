// `vty config get|diff|load|commit|abort|rollback`: configuration management (ConfigSession)
// over an inventory, concurrently, in two phases so that a fleet change is all or nothing:
// every host stages and diffs first; only when all of them staged does any host commit.
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "commands.hpp"
#include "json.hpp"
#include "run_args.hpp"

namespace vty::cli {
namespace {

constexpr const char* config_usage =
    R"(usage: vty config ACTION [HOST...] [-i INVENTORY] [run's host options] [options]

actions:
  get                      print the running configuration (--source startup|candidate)
  diff                     stage --merge/--replace FILE on every host, print the diffs, drop
                           them (the same as load --dry-run)
  load                     stage --merge/--replace FILE on every host; when every host staged,
                           commit on every host (--confirm MINUTES: a commit-confirmed)
  commit                   confirm a commit-confirmed (a plain commit)
  abort                    drop what is staged
  rollback N               make rollback N the running configuration

options:
  --merge FILE             the lines to add; "{host}" in FILE is the host's name
  --replace FILE           the whole new configuration; "{host}" as for --merge
  --confirm MINUTES        load: commit confirmed; `vty config commit` confirms it
  --comment TEXT           load: the commit's comment
  --dry-run                load: diffs only, nothing committed
  --source running|startup|candidate   get: which configuration

Output: one JSON object per host (host, action, ok, done, diff, config, error_type, error,
elapsed_s); a summary on stderr. Exit 0 when every host did it, 1 otherwise.
)";

using Clock = std::chrono::steady_clock;

struct ConfigArgs {
  std::string action;
  std::string file_template;
  LoadMode mode = LoadMode::kMerge;
  int confirm_minutes = 0;
  std::string comment;
  bool dry_run = false;
  int rollback = -1;
  ConfigSource source = ConfigSource::kRunning;
};

struct HostRun {
  std::string name;
  Options options;
  std::optional<Connection> conn;
  std::unique_ptr<ConfigSession> session;
  bool staged = false;
  bool ok = false;
  std::string done = "nothing";
  std::string diff, config, error_type, error;
  Clock::time_point start;
  double elapsed_s = 0;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageProblem("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string file_for(const std::string& file_template, const std::string& host) {
  std::string path = file_template;
  for (auto at = path.find("{host}"); at != std::string::npos; at = path.find("{host}"))
    path.replace(at, 6, host);
  return path;
}

void record_error(HostRun& host, const DriverException& error) {
  host.ok = false;
  host.error_type = error.type_name();
  host.error = error.what();
}

// Runs `step` on every host (at most `concurrency` at once) and waits for all.
template <typename Step>
void each_host(asio::io_context& io, std::vector<HostRun>& hosts, int concurrency, Step step) {
  auto next = std::make_shared<std::size_t>(0);
  int workers = std::max(1, std::min<int>(concurrency, static_cast<int>(hosts.size())));
  for (int w = 0; w < workers; ++w) {
    asio::co_spawn(
        io,
        [&hosts, next, step]() -> asio::awaitable<void> {
          while (*next < hosts.size()) {
            HostRun& host = hosts[(*next)++];
            try {
              co_await step(host);
            } catch (const DriverException& error) {
              record_error(host, error);
            }
          }
        },
        asio::detached);
  }
  io.restart();
  io.run();
}

// Phase 1: connect, and for load/diff stage the host's file and take the diff.
asio::awaitable<void> prepare(HostRun& host, const ConfigArgs& args) {
  host.start = Clock::now();
  auto executor = co_await asio::this_coro::executor;
  host.conn.emplace(co_await connect(executor, host.options));
  host.session = std::make_unique<ConfigSession>(**host.conn);
  ConfigSession& session = *host.session;
  if (args.action == "get") {
    host.config = co_await session.get_config(args.source);
  } else if (args.action == "load" || args.action == "diff") {
    std::string text;
    try {
      text = read_file(file_for(args.file_template, host.name));
    } catch (const UsageProblem& problem) {
      throw UsageError(problem.what(), {.host = host.options.host, .operation = "load"});
    }
    co_await session.load_config(std::move(text), args.mode);
    host.staged = true;
    host.diff = co_await session.diff();
    host.done = "staged";
    // A commit this host cannot make fails it now, before any host commits.
    if (args.action == "load" && !args.dry_run)
      session.check_commit({.confirm_minutes = args.confirm_minutes, .comment = args.comment});
  }
  host.ok = true;
}

// A host that failed after staging (a commit it cannot make, a failed diff) drops what it
// staged, as the other hosts do, rather than leave it to the session's end (which keeps a
// staged file or NX-OS session): "done" then says what is on the device. Its error stays.
asio::awaitable<void> drop_staged(HostRun& host) {
  try {
    co_await host.session->abort();
  } catch (const DriverException& error) {
    host.done = std::string("staged; the abort failed: ") + error.what();
    co_return;
  }
  host.done = "aborted: this host failed";
  try {
    co_await (*host.conn)->close();
  } catch (const DriverException&) {
    // Nothing is staged any more; the error the host failed with is the one to report.
  }
}

// Phase 2: what the action does once every host is prepared (`go`), or the way back.
asio::awaitable<void> finish(HostRun& host, const ConfigArgs& args, bool go) {
  if (!host.session) co_return;
  if (!host.error_type.empty()) {  // its error says why
    if (host.staged) co_await drop_staged(host);
    co_return;
  }
  ConfigSession& session = *host.session;
  if (args.action == "commit" && !go) {
    // Confirming only some would leave the fleet half-changed: let every timer expire.
    host.done = "not confirmed: another host failed; its commit-confirmed rolls back";
    host.ok = false;
  } else if (host.staged && (!go || args.dry_run || args.action == "diff")) {
    co_await session.abort();
    host.done = go ? "diffed, dropped (dry run)" : "aborted: another host failed";
    if (!go) host.ok = false;
  } else if (host.staged) {
    co_await session.commit({.confirm_minutes = args.confirm_minutes, .comment = args.comment});
    host.done = args.confirm_minutes > 0
                    ? "committed; rolls back in " + std::to_string(args.confirm_minutes) +
                          " min unless confirmed (vty config commit)"
                    : "committed";
  } else if (args.action == "commit") {
    co_await session.confirm();
    host.done = "confirmed";
  } else if (args.action == "abort") {
    co_await session.abort();
    host.done = "aborted";
  } else if (args.action == "rollback") {
    co_await session.rollback(args.rollback);
    host.done = "rolled back to rollback " + std::to_string(args.rollback);
  } else if (args.action == "get") {
    host.done = "read";
  }
  co_await (*host.conn)->close();
}

void print_json(const HostRun& host, const std::string& action) {
  std::cout << "{\"host\":" << json_string(host.name) << ",\"action\":" << json_string(action)
            << ",\"ok\":" << (host.ok ? "true" : "false") << ",\"done\":" << json_string(host.done)
            << ",\"diff\":" << json_string(host.diff);
  if (!host.config.empty()) std::cout << ",\"config\":" << json_string(host.config);
  if (!host.error_type.empty())
    std::cout << ",\"error_type\":" << json_string(host.error_type)
              << ",\"error\":" << json_string(host.error);
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.3f", host.elapsed_s);
  std::cout << ",\"elapsed_s\":" << elapsed << "}\n";
}

// Splits argv into config's own options and the rest, which `vty run`'s parser reads.
ConfigArgs parse_config_args(int argc, char** argv, std::vector<char*>& rest) {
  ConfigArgs args;
  if (argc < 2) throw UsageProblem("which action? get, diff, load, commit, abort or rollback");
  args.action = argv[1];
  static const std::vector<std::string> actions{"get",    "diff",  "load",
                                                "commit", "abort", "rollback"};
  if (std::find(actions.begin(), actions.end(), args.action) == actions.end())
    throw UsageProblem("unknown action \"" + args.action + "\"");
  rest.push_back(argv[0]);
  int i = 2;
  if (args.action == "rollback") {
    if (i >= argc) throw UsageProblem("rollback needs N");
    try {
      args.rollback = std::stoi(argv[i++]);
    } catch (const std::exception&) {
      throw UsageProblem("rollback needs a number N");
    }
  }
  for (; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw UsageProblem(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--merge" || arg == "--replace") {
      if (!args.file_template.empty()) throw UsageProblem("give --merge or --replace, once");
      args.mode = arg == "--merge" ? LoadMode::kMerge : LoadMode::kReplace;
      args.file_template = value();
    } else if (arg == "--confirm") {
      try {
        args.confirm_minutes = std::stoi(value());
      } catch (const std::exception&) {
        throw UsageProblem("--confirm takes whole minutes");
      }
      if (args.confirm_minutes < 1) throw UsageProblem("--confirm takes at least 1 minute");
    } else if (arg == "--comment") {
      args.comment = value();
    } else if (arg == "--dry-run") {
      args.dry_run = true;
    } else if (arg == "--source") {
      std::string source = value();
      if (source == "running")
        args.source = ConfigSource::kRunning;
      else if (source == "startup")
        args.source = ConfigSource::kStartup;
      else if (source == "candidate")
        args.source = ConfigSource::kCandidate;
      else
        throw UsageProblem("--source is running, startup or candidate");
    } else {
      rest.push_back(argv[i]);
    }
  }
  if ((args.action == "load" || args.action == "diff") && args.file_template.empty())
    throw UsageProblem(args.action + " needs --merge FILE or --replace FILE");
  // `vty run`'s parser wants something to send; config sends its own.
  static char dash_c[] = "-c", placeholder[] = "(vty config)";
  rest.push_back(dash_c);
  rest.push_back(placeholder);
  return args;
}

}  // namespace

int config_command(int argc, char** argv) {
  if (argc >= 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
    std::cout << config_usage;
    return 0;
  }
  ConfigArgs args;
  FleetJob job;
  try {
    std::vector<char*> rest;
    args = parse_config_args(argc, argv, rest);
    job = build_job(parse_run_args(static_cast<int>(rest.size()), rest.data()));
  } catch (const std::exception& problem) {
    std::cerr << "vty config: " << problem.what() << "\n" << config_usage;
    return exit_usage;
  }
  // Before the hosts: their sessions must be destroyed while the event loop still exists.
  asio::io_context io;
  std::vector<HostRun> hosts(job.hosts.size());
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    hosts[i].name = job.names[i];
    hosts[i].options = job.hosts[i];
  }
  auto started = Clock::now();
  each_host(io, hosts, job.concurrency,
            [&](HostRun& host) -> asio::awaitable<void> { co_await prepare(host, args); });
  bool all_prepared = std::all_of(hosts.begin(), hosts.end(), [](auto& h) { return h.ok; });
  each_host(io, hosts, job.concurrency, [&](HostRun& host) -> asio::awaitable<void> {
    co_await finish(host, args, all_prepared);
    host.elapsed_s = std::chrono::duration<double>(Clock::now() - host.start).count();
  });
  double total = std::chrono::duration<double>(Clock::now() - started).count();

  int ok = 0;
  std::string failed, aborted;
  for (auto& host : hosts) {
    if (host.elapsed_s == 0)
      host.elapsed_s = std::chrono::duration<double>(Clock::now() - host.start).count();
    print_json(host, args.action);
    if (host.ok) ++ok;
    if (!host.error_type.empty()) failed += (failed.empty() ? "" : ", ") + host.name;
    if (host.done.starts_with("aborted: another") || host.done.starts_with("not confirmed"))
      aborted += (aborted.empty() ? "" : ", ") + host.name;
  }
  std::fprintf(stderr, "vty config %s: %d/%zu hosts ok in %.2fs", args.action.c_str(), ok,
               hosts.size(), total);
  if (!failed.empty()) std::fprintf(stderr, "; failed: %s", failed.c_str());
  if (!aborted.empty())
    std::fprintf(stderr, "; %s (left unchanged): %s",
                 args.action == "commit" ? "not confirmed, rolling back" : "aborted",
                 aborted.c_str());
  std::fprintf(stderr, "\n");
  return ok == static_cast<int>(hosts.size()) ? 0 : 1;
}

}  // namespace vty::cli
