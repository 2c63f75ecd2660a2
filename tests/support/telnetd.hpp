// A telnetd of the system's on a free 127.0.0.1 port, whose sessions run a program of the
// test's in place of /bin/login: inetutils' telnetd (started per connection, as inetd
// does) or, failing that, busybox telnetd. Stopped, with its sessions, on destruction.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "support/child_process.hpp"

namespace vty::test {

class Telnetd {
 public:
  // Which telnetd would serve: "inetutils", "busybox", or "" when neither is installed.
  // inetutils' is preferred unless $VTY_TEST_TELNETD is "busybox".
  static std::string available();

  // `login_argv` is what each session runs (argv[0] an absolute path).
  explicit Telnetd(std::vector<std::string> login_argv);
  ~Telnetd();
  Telnetd(const Telnetd&) = delete;
  Telnetd& operator=(const Telnetd&) = delete;

  unsigned short port() const { return port_; }
  const std::string& kind() const { return kind_; }

 private:
  void start_inetutils();
  void start_busybox();
  void accept_loop();
  void spawn_session(int fd);

  std::string kind_;
  TempDir dir_;
  std::string login_script_;
  unsigned short port_ = 0;
  int listen_fd_ = -1;
  int stop_pipe_[2] = {-1, -1};
  std::thread acceptor_;
  std::vector<pid_t> sessions_;
  std::unique_ptr<ChildProcess> busybox_;
};

}  // namespace vty::test
