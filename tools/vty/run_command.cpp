// `vty run`: parse, build the job, run it with progress and the chosen output, summarise.
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>

#include "channel_log.hpp"
#include "commands.hpp"
#include "credentials.hpp"
#include "inventory.hpp"
#include "json.hpp"
#include "progress.hpp"
#include "report.hpp"
#include "run_args.hpp"

namespace vty::cli {
namespace {

// Each session holds a socket (and a log file, a pty...): thousands of hosts need more
// descriptors than the usual soft limit of 1024.
void raise_fd_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// Hands each finished host to the streaming outputs: JSON lines and --out-dir files. A
// write that fails is reported once per output and remembered for the exit status.
class StreamingOutput : public FleetObserver {
 public:
  StreamingOutput(const RunArgs& args) : args_(args) {}
  void finished(std::size_t, const HostResult& host) override {
    if (!args_.out_dir.empty()) {
      try {
        write_out_dir(args_.out_dir, host);
      } catch (const std::exception& error) {
        if (!out_dir_failed_) std::cerr << "vty run: --out-dir: " << error.what() << "\n";
        out_dir_failed_ = true;
      }
    }
    if (args_.format == OutputFormat::jsonl) {
      std::cout << json_line(host) << "\n" << std::flush;
      check_stdout();
    }
  }
  // After the last write to stdout: false (and a message) when any write failed.
  bool check_stdout() {
    if (std::cout || stdout_failed_) return !stdout_failed_;
    stdout_failed_ = true;
    std::cerr << "vty run: cannot write the results to standard output: " << std::strerror(errno)
              << "\n";
    return false;
  }
  bool failed() const { return out_dir_failed_ || stdout_failed_; }

 private:
  const RunArgs& args_;
  bool out_dir_failed_ = false;
  bool stdout_failed_ = false;
};

// With --log-dir, every host's sessions are logged to DIR/<host>.log.
void route_through_logs(const RunArgs& args, FleetJob& job) {
  if (args.log_dir.empty()) return;
  for (auto& options : job.hosts) {
    const std::string& name = options.label.empty() ? options.host : options.label;
    options.observers.push_back(
        make_channel_log(std::filesystem::path(args.log_dir) / (file_name_for(name) + ".log")));
  }
}

// The folders results go to exist (and are writable) before any host is contacted.
bool prepare_output_dirs(const RunArgs& args) {
  for (const auto& [flag, dir] :
       {std::pair{"--out-dir", &args.out_dir}, std::pair{"--log-dir", &args.log_dir},
        std::pair{"--record", &args.record_dir}}) {
    if (dir->empty()) continue;
    std::error_code error;
    std::filesystem::create_directories(*dir, error);
    if (!error && ::access(dir->c_str(), W_OK | X_OK) != 0)
      error = std::error_code(errno, std::generic_category());
    if (error) {
      std::cerr << "vty run: " << flag << " " << *dir << ": " << error.message()
                << " (no host was contacted)\n";
      return false;
    }
  }
  return true;
}

// --list-hosts: what would run, resolved, without a connection.
void list_hosts(const RunArgs& args, const FleetJob& job) {
  bool json = args.format != OutputFormat::text;
  if (json) std::cout << "[";
  for (std::size_t i = 0; i < job.hosts.size(); ++i) {
    const Options& o = job.hosts[i];
    std::string port = o.port ? std::to_string(o.port) : "";
    if (json) {
      std::cout << (i ? ",\n " : "\n ") << "{\"host\":" << json_string(job.names[i])
                << ",\"address\":" << json_string(o.host)
                << ",\"port\":" << (port.empty() ? "null" : port)
                << ",\"platform\":" << json_string(o.platform)
                << ",\"transport\":" << json_string(o.transport.name())
                << ",\"user\":" << json_string(o.auth.username) << "}";
    } else {
      std::cout << job.names[i] << "  " << o.host << ":" << (port.empty() ? "-" : port) << "  "
                << o.platform << "  " << o.transport.name()
                << (o.auth.username.empty() ? "" : "  user " + o.auth.username) << "\n";
    }
  }
  if (json) std::cout << "\n]\n";
}

}  // namespace

int run_command(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "-h" || std::string_view(argv[i]) == "--help") {
      std::cout << run_usage;
      return 0;
    }
  }
  // Outputs, logs and recordings hold what devices print (running configurations with
  // their secrets): only the user may read what vty creates.
  ::umask(::umask(0) | 077);
  RunArgs args;
  FleetJob job;
  try {
    args = parse_run_args(argc, argv);
  } catch (const UsageProblem& problem) {
    std::cerr << "vty run: " << problem.what() << "\n\n" << run_usage;
    return exit_usage;
  }
  try {
    job = build_job(args);
    check_job(job);
  } catch (const UsageProblem& problem) {
    std::cerr << "vty run: " << problem.what() << "\n";
    return exit_usage;
  } catch (const InventoryError& problem) {
    std::cerr << "vty run: bad inventory: " << problem.what() << "\n";
    return exit_usage;
  } catch (const CredentialsError& problem) {
    std::cerr << "vty run: " << problem.what() << "\n";
    return exit_usage;
  } catch (const std::filesystem::filesystem_error& problem) {
    std::cerr << "vty run: " << problem.what() << "\n";
    return exit_usage;
  }
  if (args.list_hosts) {
    list_hosts(args, job);
    std::cout.flush();
    return std::cout ? exit_ok : exit_output_failed;
  }
  if (!prepare_output_dirs(args)) return exit_output_failed;
  if (!args.failed_hosts.empty()) {
    // Every host is to be rerun until it has run: a run killed outright leaves them all.
    try {
      std::vector<HostResult> pending(job.names.size());
      for (std::size_t i = 0; i < pending.size(); ++i) pending[i].host = job.names[i];
      write_failed_hosts(args.failed_hosts, pending);
    } catch (const std::exception& error) {
      std::cerr << "vty run: --failed-hosts: " << error.what() << " (no host was contacted)\n";
      return exit_output_failed;
    }
  }
  route_through_logs(args, job);
  raise_fd_limit();
  job.stop_on_signals = true;

  StreamingOutput streaming(args);
  // Progress belongs on stderr whenever a person watches it, also while stdout goes to a
  // file or a pipe.
  bool terminal = isatty(STDERR_FILENO) && !args.quiet;
  ProgressLine progress(STDERR_FILENO, job.names);
  progress.next = &streaming;
  FleetObserver* observer = terminal ? static_cast<FleetObserver*>(&progress) : &streaming;

  auto started = std::chrono::steady_clock::now();
  FleetOutcome outcome = run_fleet(job, observer);
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (terminal) progress.clear();
  for (std::size_t i = 0; i < outcome.results.size(); ++i)
    if (!outcome.results[i].finished && reported(outcome.results[i]))
      streaming.finished(i, outcome.results[i]);

  if (args.format == OutputFormat::json) print_json(std::cout, outcome.results);
  if (args.format == OutputFormat::text) print_text(std::cout, outcome.results);
  std::cout.flush();
  streaming.check_stdout();
  if (!args.quiet) {
    // Beside text it belongs to the report; beside JSON it must not spoil the document.
    std::ostream& summary = args.format == OutputFormat::text && std::cout ? std::cout : std::cerr;
    print_summary(summary, outcome.results, job.hosts.size(), wall, outcome.interrupted);
    summary.flush();
  }
  bool failed_hosts_lost = false;
  if (!args.failed_hosts.empty()) {
    try {
      write_failed_hosts(args.failed_hosts, outcome.results);
    } catch (const std::exception& error) {
      std::cerr << "vty run: --failed-hosts: " << error.what() << "\n";
      failed_hosts_lost = true;
    }
  }
  return exit_code(outcome.results, outcome.stop_signal, streaming.failed() || failed_hosts_lost);
}

}  // namespace vty::cli
