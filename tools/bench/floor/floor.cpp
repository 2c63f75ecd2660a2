// vty-bench-floor: the least code that does vty-bench's four modes correctly, straight on
// libssh's blocking API (raw_session.hpp): no prompt engine, no platform, a suffix check
// for the prompt.
// Concurrency is one thread per session. Same command line and JSON as vty-bench.
#include <libssh/libssh.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

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

using Session = vty::bench::RawSession;

bool single_flow(const BenchArgs& args, const Target& target) {
  try {
    Session session(args, target);
    bool ok = session.send("show version").find("Version") != std::string::npos;
    session.close();
    return ok;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vty-bench-floor: %s\n", e.what());
    return false;
  }
}

void percmd(const BenchArgs& args, const Target& target, BenchResult& result) {
  Session session(args, target);
  auto started = Clock::now();
  for (long i = 0; i < args.n; ++i) {
    if (session.send("show version").find("Version") == std::string::npos) ++result.failures;
  }
  result.per_cmd_ms = seconds_since(started) * 1000.0 / static_cast<double>(args.n);
  session.close();
}

// The floor's count is the reference the others are held to (tools/bench/run compares
// them): it is checked only against --expect-bytes, when given.
void big(const BenchArgs& args, const Target& target, BenchResult& result) {
  Session session(args, target);
  auto started = Clock::now();
  std::string text = session.send("show big " + std::to_string(args.n));
  double elapsed = seconds_since(started);
  result.mb_per_s = static_cast<double>(args.n) / elapsed;
  std::size_t bytes = vty::bench::body_bytes(text);
  result.bytes = bytes;
  result.expected_bytes = args.expect_bytes;
  if (args.expect_bytes && bytes != *args.expect_bytes) {
    std::fprintf(stderr, "vty-bench-floor: got %zu bytes, expected %zu\n", bytes,
                 *args.expect_bytes);
    ++result.failures;
  }
  session.close();
}

void conc(const BenchArgs& args, const std::vector<Target>& targets, BenchResult& result) {
  std::atomic<long> failures{0};
  std::vector<std::thread> threads;
  for (long i = 0; i < args.n; ++i) {
    const Target& target = targets[static_cast<std::size_t>(i) % targets.size()];
    threads.emplace_back([&, target] {
      if (!single_flow(args, target)) ++failures;
    });
  }
  for (auto& thread : threads) thread.join();
  result.failures += failures;
}

std::string sim_binary() {
  if (const char* path = std::getenv("VTY_SIM")) return path;
  return VTY_SIM_BUILD_PATH;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "--version") {
    std::printf("%s\n", vty::bench::libssh_version().c_str());
    return 0;
  }
  BenchArgs args;
  try {
    args = vty::bench::parse_args(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vty-bench-floor: %s\n", e.what());
    return 2;
  }
  if (args.mode == "soak") {
    std::fprintf(stderr, "vty-bench-floor: soak is vty-bench's own mode (vty's resource use)\n");
    return 2;
  }
  ssh_init();
  std::unique_ptr<vty::bench::SimProcess> sim;
  if (args.host.empty()) {
    sim = std::make_unique<vty::bench::SimProcess>(sim_binary(), vty::bench::devices_for(args));
  }
  std::vector<Target> targets = vty::bench::targets_for(args, sim.get());
  BenchResult result{.client = "floor", .mode = args.mode, .n = args.n};
  auto started = Clock::now();
  try {
    if (args.mode == "single") {
      if (!single_flow(args, targets[0])) ++result.failures;
    } else if (args.mode == "percmd") {
      percmd(args, targets[0], result);
    } else if (args.mode == "big") {
      big(args, targets[0], result);
    } else {
      conc(args, targets, result);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vty-bench-floor: %s\n", e.what());
    ++result.failures;
  }
  result.wall_s = seconds_since(started);
  result.ok = result.failures == 0;
  vty::bench::print_result(result);
  return result.ok ? 0 : 1;
}
