// `vty demo`: a fleet of 50 simulated devices (vty-sim, one child per platform, spread over
// every platform that has a simulator device model) and one run over all of them at once, with
// progress on a terminal and a summary.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "commands.hpp"
#include "fleet.hpp"
#include "progress.hpp"
#include "report.hpp"

namespace vty::cli {
namespace {

constexpr int demo_devices = 50;

std::filesystem::path self_dir() {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path{} : self.parent_path();
}

// vty-sim beside this program (installed), in the build tree, or on PATH.
std::string find_simulator() {
  auto dir = self_dir();
  for (auto candidate : {dir / "vty-sim", dir.parent_path() / "vty-sim" / "vty-sim"})
    if (!dir.empty() && std::filesystem::exists(candidate)) return candidate.string();
  if (std::filesystem::exists(VTY_SIM_BUILD_PATH)) return VTY_SIM_BUILD_PATH;
  return "vty-sim";
}

// The simulator's device models: the source tree's, the installed ones, or a moved install's.
// (The build defines name the old scenarios folder; the models are its sibling "devices".)
std::filesystem::path find_scenarios() {
  for (std::filesystem::path dir :
       {std::filesystem::path(VTY_SIM_SCENARIO_SOURCE_DIR).parent_path() / "devices",
        std::filesystem::path(VTY_SIM_SCENARIO_INSTALL_DIR).parent_path() / "devices",
        self_dir().parent_path() / "share" / "vty" / "devices"})
    if (std::filesystem::is_directory(dir)) return dir;
  return {};
}

struct DemoPlatform {
  std::string name;
  std::string command;  // what the demo runs there
};

// Every platform with a device model whose definition loads, and the most telling command
// its model knows: the fleet grows as models are added.
std::vector<DemoPlatform> demo_platforms(const std::filesystem::path& scenarios) {
  std::vector<DemoPlatform> platforms;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(scenarios, ec)) {
    if (entry.path().extension() != ".toml") continue;
    std::string name = entry.path().stem().string();
    PlatformDefinition definition;
    try {
      definition = load_platform(name);
    } catch (const DriverException&) {
      continue;
    }
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    // Failing an interface summary, the command that identifies the platform: every
    // platform has one, and its device model answers it.
    DemoPlatform platform{
        name, definition.detect_command.empty() ? "show version" : definition.detect_command};
    for (const char* command : {"show ip interface brief", "show interfaces terse",
                                "show interface brief", "show ipv4 interface brief"}) {
      if (text.str().find("command = \"" + std::string(command) + "\"") != std::string::npos) {
        platform.command = command;
        break;
      }
    }
    platforms.push_back(platform);
  }
  std::sort(platforms.begin(), platforms.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  if (platforms.empty()) platforms.push_back({"cisco_iosxe", "show ip interface brief"});
  return platforms;
}

class Simulator {
 public:
  Simulator(const std::string& path, const std::string& platform, int devices) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);  // the devices go when the demo goes, however it ends
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::string count = std::to_string(devices);
      std::string hostname = platform.substr(platform.find('_') + 1) + "1";
      execlp(path.c_str(), path.c_str(), "--device", platform.c_str(), "--hostname",
             hostname.c_str(), "--devices", count.c_str(), "--port", "0", "--password", "admin123",
             "--enable-password", "enable123", nullptr);
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

Options demo_options(const std::string& platform, int port) {
  Options options;
  options.host = "127.0.0.1";
  options.port = static_cast<std::uint16_t>(port);
  options.platform = platform;
  options.auth = {.username = "admin", .password = "admin123", .secondary = "enable123"};
  options.host_key_policy = HostKeyPolicy::off;  // the simulator makes a new key each run
  return options;
}

}  // namespace

constexpr const char* demo_usage = R"(usage: vty demo

Starts 50 simulated devices on 127.0.0.1 (vty-sim, every platform that has a scenario)
and runs each platform's interface summary on all of them at once, with progress on a
terminal and a summary. Needs no network and no configuration.
)";

int demo_command(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::cout << demo_usage;
      return 0;
    }
    std::cerr << "vty demo: unknown argument " << arg << "\n\n" << demo_usage;
    return exit_usage;
  }
  std::string path = find_simulator();
  auto platforms = demo_platforms(find_scenarios());
  std::vector<std::unique_ptr<Simulator>> simulators;
  FleetJob job;
  job.stop_on_signals = true;
  std::cout << "vty demo: " << demo_devices << " simulated devices on 127.0.0.1 (vty-sim):";
  for (std::size_t p = 0; p < platforms.size(); ++p) {
    int devices = demo_devices / static_cast<int>(platforms.size()) +
                  (static_cast<int>(p) < demo_devices % static_cast<int>(platforms.size()) ? 1 : 0);
    if (devices == 0) continue;
    std::cout << (p ? ", " : " ") << devices << " " << platforms[p].name;
    simulators.push_back(std::make_unique<Simulator>(path, platforms[p].name, devices));
    for (int i = 0; i < devices; ++i) {
      int port = simulators.back()->next_port();
      if (port == 0) {
        std::cerr << "\nvty demo: the simulator (" << path << ") did not start its "
                  << platforms[p].name << " devices\n";
        return 2;
      }
      job.names.push_back("127.0.0.1:" + std::to_string(port));
      job.hosts.push_back(demo_options(platforms[p].name, port));
      job.host_commands.push_back({platforms[p].command});
    }
  }
  std::cout << ".\nAll at once: log in, enable (with the enable password), terminal length 0,\n"
            << "then each platform's interface summary (show ip interface brief on IOS-XE).\n\n"
            << std::flush;
  ProgressLine progress(STDOUT_FILENO, job.names);
  bool terminal = isatty(STDOUT_FILENO);
  auto started = std::chrono::steady_clock::now();
  auto outcome = run_fleet(job, terminal ? &progress : nullptr);
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (terminal) progress.clear();
  print_text(std::cout, outcome.results);
  int ok = 0;
  for (const auto& r : outcome.results) ok += r.ok ? 1 : 0;
  print_summary(std::cout, outcome.results, job.hosts.size(), wall, outcome.interrupted);
  std::printf("\n%d of %zu devices ok; wall time %.3fs for the whole fleet\n", ok, job.hosts.size(),
              wall);
  return exit_code(outcome.results, outcome.stop_signal);
}

}  // namespace vty::cli
