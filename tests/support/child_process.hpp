// Child processes for tests: start a program, read its output with a deadline, stop it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace vty::test {

class ChildProcess {
 public:
  struct Spec {
    std::vector<std::string> argv{};  // argv[0] is the program's path
    std::vector<std::string> env{};   // "NAME=value" entries added to the environment
    std::string stdin_text{};         // written to stdin, which is then closed
    bool merge_stderr = false;        // stderr joins stdout (otherwise it is inherited)
  };

  explicit ChildProcess(Spec spec);
  ~ChildProcess();  // SIGTERM, then SIGKILL after 5 s; always reaped
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The next line of stdout (without "\n"); throws std::runtime_error on timeout or EOF,
  // with what was read so far.
  std::string read_line(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // Everything until EOF (or the timeout, which throws).
  std::string read_all(std::chrono::milliseconds timeout = std::chrono::seconds(60));
  // Waits for exit and returns the exit code (128 + signal when killed by a signal).
  int wait(std::chrono::milliseconds timeout = std::chrono::seconds(60));
  void signal(int signo);
  pid_t pid() const { return pid_; }
  bool running();

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string buffer_{};
  int status_ = -1;
};

struct RunResult {
  int exit_code;
  std::string output{};  // stdout (and stderr when merged)
};

// Runs a program to completion and collects its stdout (and stderr, with merge_stderr).
RunResult run_program(ChildProcess::Spec spec,
                      std::chrono::milliseconds timeout = std::chrono::seconds(120));

// A TCP port on 127.0.0.1 that nothing listens on at the moment of the call.
unsigned short free_loopback_port();

// A fresh directory under the system temp folder, removed (with its content) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_{};
};

}  // namespace vty::test
