// `vty run`: parse, build the job, run it with progress and the chosen output, summarise.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <set>

#include "channel_log.hpp"
#include "commands.hpp"
#include "credentials.hpp"
#include "inventory.hpp"
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

// Hands each finished host to the streaming outputs: JSON lines and --out-dir files.
class StreamingOutput : public FleetObserver {
 public:
  StreamingOutput(const RunArgs& args) : args_(args) {}
  void finished(std::size_t, const HostResult& host) override {
    if (!args_.out_dir.empty()) {
      try {
        write_out_dir(args_.out_dir, host);
      } catch (const std::exception& error) {
        std::cerr << "vty run: --out-dir: " << error.what() << "\n";
      }
    }
    if (args_.format == OutputFormat::jsonl) std::cout << json_line(host) << "\n" << std::flush;
  }

 private:
  const RunArgs& args_;
};

// Sends every host through "log+<transport>" when --log-dir is given.
void route_through_logs(const RunArgs& args, FleetJob& job) {
  if (args.log_dir.empty()) return;
  std::set<std::string> registered;
  for (auto& options : job.hosts) {
    std::string logged = "log+" + options.transport;
    if (registered.insert(logged).second)
      register_logged_transport(args.log_dir, options.transport);
    options.transport = logged;
  }
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
  FleetJob job;
  try {
    args = parse_run_args(argc, argv);
    job = build_job(args);
    route_through_logs(args, job);
  } catch (const UsageProblem& problem) {
    std::cerr << "vty run: " << problem.what() << "\n\n" << run_usage;
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
  raise_fd_limit();
  job.stop_on_sigint = true;

  StreamingOutput streaming(args);
  bool terminal = isatty(STDOUT_FILENO) && !args.quiet;
  ProgressLine progress(STDOUT_FILENO, job.names);
  progress.next = &streaming;
  FleetObserver* observer = terminal ? static_cast<FleetObserver*>(&progress) : &streaming;

  auto started = std::chrono::steady_clock::now();
  FleetOutcome outcome = run_fleet(job, observer);
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (terminal) progress.clear();

  if (args.format == OutputFormat::json) print_json(std::cout, outcome.results);
  if (args.format == OutputFormat::text) print_text(std::cout, outcome.results);
  std::cout.flush();
  if (!args.quiet) {
    // Beside text it belongs to the report; beside JSON it must not spoil the document.
    std::ostream& summary = args.format == OutputFormat::text ? std::cout : std::cerr;
    print_summary(summary, outcome.results, job.hosts.size(), wall, outcome.interrupted);
  }
  return exit_code(outcome.results, outcome.interrupted);
}

}  // namespace vty::cli
