// vty-bench-floor: the least code that does vty-bench's four modes correctly, straight on
// libssh's blocking API: no prompt engine, no platform, a suffix check for the prompt.
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

namespace {

using Clock = std::chrono::steady_clock;
using vty::bench::BenchArgs;
using vty::bench::BenchResult;
using vty::bench::Target;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A prompt is a last line such as "router1#" or "router1>": no spaces, ends in # or >.
bool at_prompt(const std::string& text) {
  if (text.empty() || (text.back() != '#' && text.back() != '>')) return false;
  auto line = text.find_last_of('\n');
  line = line == std::string::npos ? 0 : line + 1;
  return text.find(' ', line) == std::string::npos;
}

class Session {
 public:
  Session(const BenchArgs& args, const Target& target) : ssh_(ssh_new()) {
    int port = target.port;
    long timeout = 30;
    ssh_options_set(ssh_, SSH_OPTIONS_HOST, target.host.c_str());
    ssh_options_set(ssh_, SSH_OPTIONS_PORT, &port);
    ssh_options_set(ssh_, SSH_OPTIONS_USER, args.user.c_str());
    ssh_options_set(ssh_, SSH_OPTIONS_TIMEOUT, &timeout);
    check(ssh_connect(ssh_), "connect");
    if (ssh_userauth_password(ssh_, nullptr, args.password.c_str()) != SSH_AUTH_SUCCESS) {
      throw std::runtime_error("password authentication failed");
    }
    channel_ = ssh_channel_new(ssh_);
    check(ssh_channel_open_session(channel_), "open session");
    check(ssh_channel_request_pty_size(channel_, "xterm", 511, 24), "pty");
    check(ssh_channel_request_shell(channel_), "shell");
    std::string banner = read_until_prompt();
    if (banner.back() == '>') {
      write("enable\n");
      read_until([](const std::string& t) {
        return ends_with(t, "Password: ") || ends_with(t, "Password:");
      });
      write(args.secondary + "\n");
      if (read_until_prompt().back() != '#') throw std::runtime_error("enable failed");
    }
    send("terminal length 0");
    send("terminal width 512");
  }
  ~Session() {
    if (channel_ != nullptr) ssh_channel_free(channel_);
    ssh_disconnect(ssh_);
    ssh_free(ssh_);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Sends a command, gives everything up to and including the next prompt.
  std::string send(const std::string& command) {
    write(command + "\n");
    return read_until_prompt();
  }
  void close() {
    write("exit\n");
    ssh_channel_send_eof(channel_);
    ssh_channel_close(channel_);
  }

 private:
  void check(int rc, const char* what) {
    if (rc != SSH_OK) throw std::runtime_error(std::string(what) + ": " + ssh_get_error(ssh_));
  }
  void write(const std::string& bytes) {
    if (ssh_channel_write(channel_, bytes.data(), static_cast<uint32_t>(bytes.size())) !=
        static_cast<int>(bytes.size())) {
      throw std::runtime_error("write failed");
    }
  }
  template <typename Done>
  std::string read_until(Done done) {
    std::string text;
    char buffer[65536];
    while (!done(text)) {
      int n = ssh_channel_read_timeout(channel_, buffer, sizeof buffer, 0, 60'000);
      if (n <= 0) throw std::runtime_error("read failed or timed out");
      text.append(buffer, static_cast<std::size_t>(n));
    }
    return text;
  }
  std::string read_until_prompt() { return read_until(at_prompt); }

  ssh_session ssh_;
  ssh_channel channel_ = nullptr;
};

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

// The output is what lies between the echoed command line and the prompt line, with
// "\r\n" counted as one byte and the last newline dropped, as vty reports it.
void big(const BenchArgs& args, const Target& target, BenchResult& result) {
  Session session(args, target);
  auto started = Clock::now();
  std::string text = session.send("show big " + std::to_string(args.n));
  double elapsed = seconds_since(started);
  result.mb_per_s = static_cast<double>(args.n) / elapsed;
  std::size_t begin = text.find('\n') + 1;
  std::size_t end = text.find_last_of('\n');
  std::size_t bytes = 0;
  for (std::size_t i = begin; i < end; ++i) bytes += text[i] != '\r';
  auto expected = static_cast<std::size_t>(args.n) * 1'000'000 - 1;
  if (bytes != expected) {
    std::fprintf(stderr, "vty-bench-floor: got %zu bytes, expected %zu\n", bytes, expected);
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
