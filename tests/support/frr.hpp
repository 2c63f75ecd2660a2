// FRRouting (Debian's frr package) as a real peer: zebra, staticd, bgpd and ospfd started by
// the test in a private folder, with telnet vtys on free 127.0.0.1 ports, and vtysh behind a
// test sshd. zebra runs in a network namespace of its own so that the routes it installs
// reach no kernel table of the machine; the others talk to it over a private socket.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <vty/options.hpp>

#include "support/child_process.hpp"
#include "support/sshd.hpp"

namespace vty::test {

class Frr {
 public:
  static constexpr const char* hostname = "frr1";
  static constexpr const char* vty_password = "vty-frr-pass";
  static constexpr const char* enable_password = "vty-frr-enable";
  static constexpr const char* local_as = "65001";
  // Blackhole routes staticd gives zebra: enough that `show ip route` pages at 24 lines.
  static constexpr int static_routes = 60;

  // Why FRR cannot run on this machine ("" when it can): not root, not installed.
  static std::string unavailable();

  Frr();  // returns once every daemon serves its vty; throws with their logs if one does not
  ~Frr();
  Frr(const Frr&) = delete;
  Frr& operator=(const Frr&) = delete;

  // The telnet vty of "bgpd", "ospfd" or "staticd" (zebra's namespace has no way in: reach
  // zebra through vtysh).
  unsigned short vty_port(const std::string& daemon) const { return ports_.at(daemon); }
  // Options for a daemon's telnet vty: platform frr, the vty and enable passwords.
  Options telnet_options(const std::string& daemon = "bgpd") const;
  // vtysh bound to these daemons, for an sshd's ForceCommand.
  std::string vtysh_command() const;
  // The output of `vtysh -c command` run here, for comparison with a session's.
  std::string vtysh(const std::string& command) const;
  // Every daemon's log, for failure messages.
  std::string logs() const;

 private:
  void write_configs() const;
  void start(const std::string& daemon, const std::string& command);  // a /bin/sh line
  void wait_until_serving(const std::string& daemon) const;

  TempDir dir_;
  std::map<std::string, unsigned short> ports_;
  std::vector<std::unique_ptr<ChildProcess>> daemons_;
};

// Frr with vtysh as the ForceCommand of a test sshd (key login as Sshd::login_user()).
class FrrOverSsh {
 public:
  FrrOverSsh();
  Frr& frr() { return frr_; }
  Sshd& sshd() { return *sshd_; }
  // "libssh" or "system" (no ssh_config, no agent), or "telnet" (bgpd's vty).
  Options options(const std::string& transport) const;

 private:
  Frr frr_;
  std::unique_ptr<Sshd> sshd_;
};

}  // namespace vty::test
