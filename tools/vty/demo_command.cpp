// `vty demo`: starts 10 simulated IOS-XE devices (vty-sim) on loopback and runs the
// mission's example against them: `show ip interface brief` everywhere at once, with the
// enable password, printed per device with timings.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "commands.hpp"
#include "fleet.hpp"

namespace vty::cli {
namespace {

constexpr int demo_devices = 10;

// vty-sim beside this program (installed), in the build tree, or on PATH.
std::string find_simulator() {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (auto candidate : {self.parent_path() / "vty-sim",
                           self.parent_path().parent_path() / "vty-sim" / "vty-sim"}) {
      if (std::filesystem::exists(candidate)) return candidate.string();
    }
  }
  if (std::filesystem::exists(VTY_SIM_BUILD_PATH)) return VTY_SIM_BUILD_PATH;
  return "vty-sim";
}

class Simulator {
 public:
  explicit Simulator(const std::string& path) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);  // the devices go when the demo goes, however it ends
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::string devices = std::to_string(demo_devices);
      execlp(path.c_str(), path.c_str(), "--devices", devices.c_str(), "--port", "0", "--password",
             "admin123", "--enable-password", "enable123", nullptr);
      std::perror(("vty demo: cannot start " + path).c_str());
      _exit(127);
    }
    close(out[1]);
    output_ = fdopen(out[0], "r");
  }
  ~Simulator() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    if (output_) fclose(output_);
  }
  // The port of the next "listening ssh 127.0.0.1:PORT" line, or 0 when the simulator died.
  int next_port() {
    char line[256];
    while (std::fgets(line, sizeof line, output_)) {
      int port = 0;
      if (std::sscanf(line, "listening ssh 127.0.0.1:%d", &port) == 1) return port;
    }
    return 0;
  }

 private:
  pid_t pid_ = -1;
  FILE* output_ = nullptr;
};

}  // namespace

int demo_command(int, char**) {
  std::string path = find_simulator();
  Simulator simulator(path);
  FleetJob job;
  job.commands = {"show ip interface brief"};
  for (int i = 0; i < demo_devices; ++i) {
    int port = simulator.next_port();
    if (port == 0) {
      std::cerr << "vty demo: the simulator (" << path << ") did not start its devices\n";
      return 2;
    }
    Options options;
    options.host = "127.0.0.1";
    options.port = static_cast<std::uint16_t>(port);
    options.platform = "cisco_iosxe";
    options.auth = {.username = "admin", .password = "admin123", .secondary = "enable123"};
    options.host_key_policy = HostKeyPolicy::off;  // the simulator makes a new key each run
    job.names.push_back("127.0.0.1:" + std::to_string(port));
    job.hosts.push_back(std::move(options));
  }
  std::cout << "vty demo: " << demo_devices
            << " simulated cisco_iosxe devices on 127.0.0.1 (vty-sim), all at once:\n"
            << "  login, enable (with the enable password), terminal length 0,\n"
            << "  show ip interface brief\n\n";
  auto started = std::chrono::steady_clock::now();
  auto results = run_fleet(job);
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  print_text(std::cout, results);
  int ok = 0;
  for (const auto& r : results) ok += r.ok ? 1 : 0;
  std::printf("\n%d of %d devices ok; wall time %.3fs for the whole fleet\n", ok, demo_devices,
              wall);
  return exit_code(results);
}

}  // namespace vty::cli
