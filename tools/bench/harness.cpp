#include "harness.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace vty::bench {
namespace {

std::string env_or_throw(const std::string& var) {
  const char* value = std::getenv(var.c_str());
  if (value == nullptr) throw std::invalid_argument("environment variable " + var + " is not set");
  return value;
}

std::string json_number(std::optional<double> value) {
  if (!value) return "null";
  char text[64];
  std::snprintf(text, sizeof text, "%.6g", *value);
  return text;
}

}  // namespace

BenchArgs parse_args(int argc, char** argv) {
  BenchArgs args;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--transport") {
      args.transport = value();
    } else if (arg == "--host") {
      args.host = value();
    } else if (arg == "--port") {
      args.port = static_cast<std::uint16_t>(std::stoi(value()));
    } else if (arg == "--user") {
      args.user = value();
    } else if (arg == "--password-env") {
      args.password = env_or_throw(value());
    } else if (arg == "--secondary-env") {
      args.secondary = env_or_throw(value());
    } else if (arg == "--platform") {
      args.platform = value();
    } else if (arg == "--key") {
      args.key = value();
    } else if (arg == "--expect-bytes") {
      args.expect_bytes = static_cast<std::size_t>(std::stoull(value()));
    } else if (arg == "--reference-port") {
      args.reference_port = static_cast<std::uint16_t>(std::stoi(value()));
    } else if (arg.starts_with("--")) {
      throw std::invalid_argument("unknown option " + arg);
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.empty() || positional.size() > 2) {
    throw std::invalid_argument("want MODE N");
  }
  args.mode = positional[0];
  if (args.mode != "single" && args.mode != "percmd" && args.mode != "big" && args.mode != "conc" &&
      args.mode != "soak" && args.mode != "stream") {
    throw std::invalid_argument("MODE is single, percmd, big, conc, stream or soak, not " +
                                args.mode);
  }
  if (positional.size() == 2) args.n = std::stol(positional[1]);
  if (args.n < 1) throw std::invalid_argument("N must be at least 1");
  return args;
}

SimProcess::SimProcess(const std::string& binary, int devices, bool telnet) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_t parent = getpid();
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(1);
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::string count = std::to_string(devices);
    execl(binary.c_str(), binary.c_str(), "--port", "0", "--devices", count.c_str(),
          telnet ? "--telnet" : nullptr, nullptr);
    _exit(127);
  }
  close(out[1]);
  FILE* lines = fdopen(out[0], "r");
  char line[256];
  // The simulator lists its ssh ports first, then (with --telnet) its telnet ports.
  while (static_cast<int>(targets_.size()) < devices && std::fgets(line, sizeof line, lines)) {
    char host[64];
    unsigned port = 0;
    if (std::sscanf(line, "listening ssh %63[^:]:%u", host, &port) == 2) {
      ssh_targets_.push_back({host, static_cast<std::uint16_t>(port)});
      if (!telnet) targets_.push_back(ssh_targets_.back());
    } else if (telnet && std::sscanf(line, "listening telnet %63[^:]:%u", host, &port) == 2) {
      targets_.push_back({host, static_cast<std::uint16_t>(port)});
    }
  }
  std::fclose(lines);  // the simulator prints nothing more that matters
  if (static_cast<int>(targets_.size()) < devices) {
    throw std::runtime_error("vty-sim (" + binary + ") did not start " + std::to_string(devices) +
                             " devices");
  }
}

SimProcess::~SimProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

int devices_for(const BenchArgs& args) {
  return args.mode == "conc" ? static_cast<int>(std::min<long>(args.n, 16)) : 1;
}

std::vector<Target> targets_for(const BenchArgs& args, const SimProcess* sim) {
  if (sim != nullptr) return sim->targets();
  return {{args.host, args.port}};
}

Usage usage_now() {
  rusage self{};
  rusage children{};
  getrusage(RUSAGE_SELF, &self);
  getrusage(RUSAGE_CHILDREN, &children);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return {.cpu_s = seconds(self.ru_utime) + seconds(self.ru_stime) + seconds(children.ru_utime) +
                   seconds(children.ru_stime),
          .rss_mb = static_cast<double>(self.ru_maxrss) / 1024.0};
}

void print_result(const BenchResult& result, std::optional<Usage> usage) {
  Usage use = usage ? *usage : usage_now();
  std::string bytes;
  if (result.bytes) bytes += ",\"bytes\":" + std::to_string(*result.bytes);
  if (result.expected_bytes)
    bytes += ",\"expected_bytes\":" + std::to_string(*result.expected_bytes);
  std::printf(
      "{\"client\":\"%s\",\"mode\":\"%s\",\"n\":%ld,\"ok\":%s,\"failures\":%ld,\"wall_s\":%s,"
      "\"cpu_s\":%s,\"rss_mb\":%s,\"per_cmd_ms\":%s,\"mb_per_s\":%s%s%s}\n",
      result.client.c_str(), result.mode.c_str(), result.n, result.ok ? "true" : "false",
      result.failures, json_number(result.wall_s).c_str(), json_number(use.cpu_s).c_str(),
      json_number(use.rss_mb).c_str(), json_number(result.per_cmd_ms).c_str(),
      json_number(result.mb_per_s).c_str(), bytes.c_str(), result.extra_json.c_str());
  std::fflush(stdout);
}

}  // namespace vty::bench
