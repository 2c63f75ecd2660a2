// vty-bench: times vty itself (see docs/BENCHMARKS.md) in one of six modes and prints
// one line of JSON. Without --host it starts a vty-sim of its own.
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>
#include <vty/vty.hpp>

#include "harness.hpp"
#include "raw_session.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using vty::bench::BenchArgs;
using vty::bench::BenchResult;
using vty::bench::Target;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

vty::Options options_for(const BenchArgs& args, const Target& target) {
  vty::Options options;
  options.host = target.host;
  options.port = target.port;
  options.platform = args.platform;
  options.transport = args.transport;
  options.auth.username = args.user;
  options.auth.password = args.password;
  options.auth.secondary = args.secondary;
  options.auth.private_key_file = args.key;
  options.auth.use_agent = false;
  options.host_key_policy = vty::HostKeyPolicy::off;
  options.timeout_ops = std::chrono::milliseconds(30'000 + 2'000 * args.n);
  return options;
}

void report_error(const std::exception& e) {
  static int shown = 0;
  if (shown++ < 3) std::fprintf(stderr, "vty-bench: %s\n", e.what());
}

// The `single` flow: open (login, enable, terminal length 0), show version, close.
asio::awaitable<bool> single_flow(vty::Options options) {
  try {
    auto executor = co_await asio::this_coro::executor;
    auto conn = co_await vty::connect(executor, options);
    vty::Response response = co_await conn->send_command("show version");
    co_await conn->close();
    co_return !response.failed && !response.result.empty();
  } catch (const std::exception& e) {
    report_error(e);
    co_return false;
  }
}

asio::awaitable<void> single(const BenchArgs& args, Target target, BenchResult& result) {
  vty::Options options = options_for(args, target);
  bool ok = co_await single_flow(std::move(options));
  if (!ok) ++result.failures;
}

asio::awaitable<void> percmd(const BenchArgs& args, Target target, BenchResult& result) {
  vty::Options options = options_for(args, target);
  auto executor = co_await asio::this_coro::executor;
  auto conn = co_await vty::connect(executor, options);
  auto started = Clock::now();
  for (long i = 0; i < args.n; ++i) {
    vty::Response response = co_await conn->send_command("show version");
    if (response.failed || response.result.empty()) ++result.failures;
  }
  result.per_cmd_ms = seconds_since(started) * 1000.0 / static_cast<double>(args.n);
  co_await conn->close();
}

asio::awaitable<void> big(const BenchArgs& args, Target target, BenchResult& result) {
  vty::Options options = options_for(args, target);
  auto executor = co_await asio::this_coro::executor;
  auto conn = co_await vty::connect(executor, options);
  std::string command = "show big " + std::to_string(args.n);
  auto started = Clock::now();
  vty::Response response = co_await conn->send_command(command);
  double elapsed = seconds_since(started);
  result.mb_per_s = static_cast<double>(args.n) / elapsed;
  result.bytes = response.result.size();
  if (response.failed) {
    std::fprintf(stderr, "vty-bench: %s failed\n", command.c_str());
    ++result.failures;
  }
  co_await conn->close();
}

// Counts the bytes of a streamed answer, keeping none of them.
class CountingSink : public vty::OutputSink {
 public:
  void write(std::string_view text) override { bytes += text.size(); }
  std::size_t bytes = 0;
};

// `stream N`: as `big`, but the output goes to a sink as it arrives (bounded memory).
asio::awaitable<void> stream(const BenchArgs& args, Target target, BenchResult& result) {
  vty::Options options = options_for(args, target);
  auto executor = co_await asio::this_coro::executor;
  auto conn = co_await vty::connect(executor, options);
  std::string command = "show big " + std::to_string(args.n);
  CountingSink sink;
  vty::CommandOptions command_options;
  command_options.sink = &sink;
  auto started = Clock::now();
  vty::Response response = co_await conn->send_command(command, command_options);
  result.mb_per_s = static_cast<double>(args.n) / seconds_since(started);
  result.bytes = sink.bytes;
  if (response.failed) {
    std::fprintf(stderr, "vty-bench: %s failed\n", command.c_str());
    ++result.failures;
  }
  co_await conn->close();
}

// Runs `flow` on a fresh io_context, turning an escaped exception into one failure.
void run_one(asio::awaitable<void> flow, BenchResult& result) {
  asio::io_context io(1);
  asio::co_spawn(io, std::move(flow), [&](std::exception_ptr error) {
    if (!error) return;
    ++result.failures;
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      report_error(e);
    }
  });
  io.run();
}

void conc(const BenchArgs& args, const std::vector<Target>& targets, BenchResult& result) {
  asio::io_context io(1);
  for (long i = 0; i < args.n; ++i) {
    vty::Options options = options_for(args, targets[static_cast<std::size_t>(i) % targets.size()]);
    asio::co_spawn(io, single_flow(std::move(options)), [&](std::exception_ptr, bool ok) {
      if (!ok) ++result.failures;
    });
  }
  io.run();
}

// Resident set now (not the peak), in MB, and the number of open descriptors.
double current_rss_mb() {
  long pages = 0;
  long resident = 0;
  if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(statm);
  }
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

long open_fds() {
  long count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    ++count;
  }
  return count - 1;  // the iterator's own descriptor
}

// `soak N`: N sessions one after another, each the `single` flow, on one io_context; the
// resident set and descriptor count after the first 100 and after all N show any growth.
void soak(const BenchArgs& args, const Target& target, BenchResult& result) {
  asio::io_context io(1);
  double rss_first = 0;
  long fds_first = 0;
  for (long i = 0; i < args.n; ++i) {
    asio::co_spawn(io, single_flow(options_for(args, target)), [&](std::exception_ptr, bool ok) {
      if (!ok) ++result.failures;
    });
    io.run();
    io.restart();
    if (i + 1 == std::min<long>(100, args.n)) {
      rss_first = current_rss_mb();
      fds_first = open_fds();
    }
  }
  char extra[256];
  std::snprintf(extra, sizeof extra,
                ",\"rss_mb_after_100\":%.2f,\"rss_mb_after_n\":%.2f,\"fds_after_100\":%ld,"
                "\"fds_after_n\":%ld",
                rss_first, current_rss_mb(), fds_first, open_fds());
  result.extra_json = extra;
}

// Holds a big/stream answer to what the device sent: --expect-bytes, else the byte count
// of the same command's output read once more over a plain libssh session (no vty).
void check_bytes(const BenchArgs& args, const vty::bench::SimProcess* sim, BenchResult& result) {
  if (!result.bytes) return;  // the command never answered: already a failure
  std::string command = "show big " + std::to_string(args.n);
  try {
    if (args.expect_bytes) {
      result.expected_bytes = args.expect_bytes;
    } else {
      Target reference =
          sim != nullptr
              ? sim->ssh_targets().front()
              : Target{args.host, args.reference_port != 0 ? args.reference_port : args.port};
      result.expected_bytes = vty::bench::reference_bytes(args, reference, command);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vty-bench: the reference read of %s failed: %s\n", command.c_str(),
                 e.what());
    ++result.failures;
    return;
  }
  if (*result.bytes != *result.expected_bytes) {
    std::fprintf(stderr, "vty-bench: %s gave %zu bytes, the device sent %zu\n", command.c_str(),
                 *result.bytes, *result.expected_bytes);
    ++result.failures;
  }
}

std::string sim_binary() {
  if (const char* path = std::getenv("VTY_SIM")) return path;
  return VTY_SIM_BUILD_PATH;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "--version") {
    std::printf("vty %s (%s)\n", vty::version(), vty::bench::libssh_version().c_str());
    return 0;
  }
  vty::transports::register_builtin();  // --transport NAME
  BenchArgs args;
  try {
    args = vty::bench::parse_args(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(
        stderr,
        "vty-bench: %s\nusage: vty-bench [--transport libssh|system|telnet] [--host H --port P "
        "--user U --password-env VAR --secondary-env VAR --platform NAME --key FILE --expect-bytes "
        "B "
        "--reference-port P] MODE N\n"
        "MODE: single, percmd, big, conc, stream (big through an output sink), or soak "
        "(N sessions in a row; RSS and fds after 100 and after N)\n",
        e.what());
    return 2;
  }
  std::unique_ptr<vty::bench::SimProcess> sim;
  if (args.host.empty()) {
    sim = std::make_unique<vty::bench::SimProcess>(sim_binary(), vty::bench::devices_for(args),
                                                   args.transport == "telnet");
  }
  std::vector<Target> targets = vty::bench::targets_for(args, sim.get());

  BenchResult result{.client = "vty-" + args.transport, .mode = args.mode, .n = args.n};
  auto started = Clock::now();
  if (args.mode == "single") {
    run_one(single(args, targets[0], result), result);
  } else if (args.mode == "percmd") {
    run_one(percmd(args, targets[0], result), result);
  } else if (args.mode == "big") {
    run_one(big(args, targets[0], result), result);
  } else if (args.mode == "stream") {
    run_one(stream(args, targets[0], result), result);
  } else if (args.mode == "soak") {
    soak(args, targets[0], result);
  } else {
    conc(args, targets, result);
  }
  result.wall_s = seconds_since(started);
  // The figures are vty's: taken before the reference read below, which is not timed.
  vty::bench::Usage usage = vty::bench::usage_now();
  if (args.mode == "big" || args.mode == "stream") check_bytes(args, sim.get(), result);
  result.ok = result.failures == 0;
  vty::bench::print_result(result, usage);
  return result.ok ? 0 : 1;
}
