// What every vty-bench client shares: the command line, a vty-sim started on demand,
// and the one-line JSON result. The clients differ only in how they talk to the device.
#pragma once

#include <sys/types.h>

#include <cstddef>
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
  std::string key;  // a private key file: log in with it instead of the password
  // big/stream: the byte count the output must have. Unset: vty-bench reads the same
  // command's output once more over a plain libssh session (raw_session.hpp) and holds
  // itself to that count; the floor checks nothing (it is the reference).
  std::optional<std::size_t> expect_bytes;
  // The SSH port of the reference read (a telnet device's SSH twin); 0: --port.
  std::uint16_t reference_port = 0;
  std::string mode;  // single, percmd, big, conc; stream, soak (vty-bench only)
  long n = 1;
};

// Parses `[--transport T] [--host H --port P --user U --password-env VAR
// --secondary-env VAR --platform NAME --key FILE --expect-bytes B --reference-port P]
// MODE N`; throws std::invalid_argument.
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
  // The same devices' SSH ports (equal to targets() without telnet).
  const std::vector<Target>& ssh_targets() const { return ssh_targets_; }

 private:
  pid_t pid_ = -1;
  std::vector<Target> targets_;
  std::vector<Target> ssh_targets_;
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
  std::optional<std::size_t> bytes{};           // big/stream: the output's byte count
  std::optional<std::size_t> expected_bytes{};  // and what it had to be
  std::string extra_json{};  // more fields, each as ,"name":value (soak's figures)
};

// cpu_s (user+sys of this process and its reaped children) and rss_mb (peak resident set).
struct Usage {
  double cpu_s = 0;
  double rss_mb = 0;
};
Usage usage_now();

// Prints the result with `usage`, or the usage now. Call before stopping the simulator,
// whose own CPU must not count.
void print_result(const BenchResult& result, std::optional<Usage> usage = std::nullopt);

}  // namespace vty::bench
