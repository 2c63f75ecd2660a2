// ser2net (Debian's ser2net) as a console server of the test's: telnet on a free
// 127.0.0.1 port, each connection a fresh pseudo-terminal running a program of the test's
// (as a serial console line runs a device's login).
#pragma once

#include <memory>
#include <string>

#include "support/child_process.hpp"

namespace vty::test {

class Ser2net {
 public:
  static std::string unavailable();  // "" when ser2net can run here

  // `program` and its arguments, as gensio's pty connector takes them ("/bin/login").
  explicit Ser2net(const std::string& program);
  ~Ser2net();
  Ser2net(const Ser2net&) = delete;
  Ser2net& operator=(const Ser2net&) = delete;

  unsigned short port() const { return port_; }
  std::string log() const;

 private:
  TempDir dir_;
  unsigned short port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace vty::test
