// vty-sim as a child of the test: simulated devices on free loopback ports, stopped on
// destruction.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <vty/options.hpp>

#include "support/child_process.hpp"
#include "support/sshd.hpp"

namespace vty::test {

class Sim {
 public:
  struct Config {
    int devices = 1;
    std::vector<std::string> extra_args{};  // e.g. {"--hostname", "edge"}
  };

  static constexpr const char* user = "admin";
  static constexpr const char* password = "admin123";
  static constexpr const char* enable_password = "enable123";

  Sim() : Sim(Config{}) {}
  explicit Sim(Config config);  // returns once every device listens

  unsigned short port(int device = 0) const { return ports_.at(device); }
  // Options that reach device `device`: cisco_iosxe, the simulator's credentials, no
  // host-key check (the simulator makes a new key each run), 5 s operation timeout.
  // A reference, so it can be passed straight to vty::connect.
  const Options& options(int device = 0) const { return options_.at(device); }
  // The same over another transport ("libssh", "system" or "telnet"); for "system",
  // OpenSSH's client reads no ssh_config of the user's (-F /dev/null) and uses no agent.
  // Every device is also served over telnet, with the in-band login of --telnet-login.
  // "libssh+jump" and "system+jump": the same through a jump host (an OpenSSH sshd started
  // on first use, named "bastion" in an ssh_config file of its own); jump_host() is it.
  const Options& options(std::string_view transport, int device = 0) const;
  const Sshd& jump_host() const;
  unsigned short telnet_port(int device = 0) const { return telnet_ports_.at(device); }
  pid_t pid() const { return process_->pid(); }

 private:
  static Options device_options(unsigned short port);
  std::unique_ptr<ChildProcess> process_;
  std::vector<unsigned short> ports_;
  std::vector<Options> options_;
  std::vector<Options> system_options_;
  std::vector<unsigned short> telnet_ports_;
  std::vector<Options> telnet_options_;
  mutable std::unique_ptr<Sshd> jump_;
  mutable std::deque<Options> jump_options_;  // stable references, made on demand
};

// Tag types for TEMPLATE_TEST_CASE: one behaviour list, run over each transport.
struct Libssh {
  static constexpr const char* transport = "libssh";
};
struct SystemSsh {
  static constexpr const char* transport = "system";
};
struct Telnet {
  static constexpr const char* transport = "telnet";
};
struct LibsshJump {
  static constexpr const char* transport = "libssh+jump";
};
struct SystemJump {
  static constexpr const char* transport = "system+jump";
};

}  // namespace vty::test
