// What every vty-bench client shares: the command line, a vty-sim started on demand,
// and the one-line JSON result. The clients differ only in how they talk to the device.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vty::bench {

struct Target {
  std::string host;
  std::uint16_t port = 0;
};

struct BenchArgs {
  std::string transport = "libssh";
  std::string host;  // empty: start vty-sim
  std::uint16_t port = 22;
  std::string user = "admin";
  std::string password = "admin123";
  std::string secondary = "enable123";
  std::string platform = "cisco_iosxe";
  std::string mode;  // single, percmd, big, conc; stream, soak (vty-bench only)
  long n = 1;
};

// Parses `[--transport T] [--host H --port P --user U --password-env VAR
// --secondary-env VAR --platform NAME] MODE N`; throws std::invalid_argument.
BenchArgs parse_args(int argc, char** argv);

// A vty-sim child process serving `devices` devices; stopped on destruction. The child
// gets SIGTERM if this process dies first. With `telnet`, the devices are served over
// telnet too and targets() are their telnet ports.
class SimProcess {
 public:
  SimProcess(const std::string& binary, int devices, bool telnet = false);
  ~SimProcess();
  SimProcess(const SimProcess&) = delete;
  SimProcess& operator=(const SimProcess&) = delete;
  const std::vector<Target>& targets() const { return targets_; }

 private:
  pid_t pid_ = -1;
  std::vector<Target> targets_;
};

// The devices to use: --host, or the simulator's ports.
std::vector<Target> targets_for(const BenchArgs& args, const SimProcess* sim);
// How many simulated devices a run needs: one for most modes, up to 16 for conc.
int devices_for(const BenchArgs& args);

struct BenchResult {
  std::string client;
  std::string mode;
  long n = 0;
  bool ok = false;
  long failures = 0;
  double wall_s = 0;
  std::optional<double> per_cmd_ms{};
  std::optional<double> mb_per_s{};
  std::string extra_json{};  // more fields, each as ,"name":value (soak's figures)
};

// Prints the result with cpu_s (user+sys of this process and its reaped children) and
// rss_mb (peak resident set) taken now. Call before stopping the simulator, whose own
// CPU must not count.
void print_result(const BenchResult& result);

}  // namespace vty::bench
