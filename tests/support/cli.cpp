#include "support/cli.hpp"

#include <catch2/catch.hpp>

#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/child_process.hpp"
#include "support/paths.hpp"
#include "support/process_resources.hpp"

namespace vty::test {

RunResult vty_run_sim(SimRun run) {
  ChildProcess::Spec spec;
  spec.argv = {VTY_CLI_PATH, "run", "--user", "admin", "--host-key-policy", "off"};
  spec.argv.insert(spec.argv.end(), run.args.begin(), run.args.end());
  spec.env = std::move(run.env);
  spec.stdin_text = std::move(run.stdin_text);
  spec.merge_stderr = run.with_stderr;
  return run_program(std::move(spec));
}

bool jq(const std::string& json, const std::string& filter, bool slurp) {
  std::vector<std::string> argv{"/usr/bin/jq", "-e"};
  if (slurp) argv.push_back("-s");
  argv.push_back(filter);
  return run_program({.argv = argv, .stdin_text = json}).exit_code == 0;
}

int open_sessions(const std::set<unsigned short>& ports) {
  std::ifstream tcp("/proc/net/tcp");
  std::string line;
  std::getline(tcp, line);
  // The kernel hands the table out page by page while it changes: a socket can show up
  // twice. Count each connection (local and remote address) once.
  std::set<std::string> connections;
  while (std::getline(tcp, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state;
    fields >> slot >> local >> remote >> state;
    auto port =
        static_cast<unsigned short>(std::stoul(local.substr(local.find(':') + 1), nullptr, 16));
    if (ports.count(port) && (state == "01" || state == "08")) connections.insert(local + remote);
  }
  return static_cast<int>(connections.size());
}

int sessions_left(const std::set<unsigned short>& ports) {
  int left = open_sessions(ports);
  poll_until([&] { return (left = open_sessions(ports)) == 0; }, std::chrono::seconds(20));
  return left;
}

std::string run_in_pty(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  int master = -1;
  winsize size{.ws_row = 24, .ws_col = 120, .ws_xpixel = 0, .ws_ypixel = 0};
  pid_t pid = forkpty(&master, nullptr, nullptr, &size);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    for (const auto& entry : env) putenv(const_cast<char*>(entry.c_str()));
    std::vector<char*> argv;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  std::string screen;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  char buffer[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd fd{master, POLLIN, 0};
    if (poll(&fd, 1, 200) <= 0) continue;
    ssize_t n = read(master, buffer, sizeof buffer);
    if (n <= 0) break;  // EIO: the child and its terminal are gone
    screen.append(buffer, static_cast<std::size_t>(n));
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  return screen;
}

}  // namespace vty::test
