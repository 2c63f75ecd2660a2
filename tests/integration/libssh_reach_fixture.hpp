// What the libssh reach tests share: sshd fixtures that serve vty-sim, the options that
// reach them, and one-line sessions.
#pragma once

#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/session_checks.hpp"
#include "support/sim.hpp"
#include "support/sshd.hpp"

namespace vty::test::reach {

using Executor = asio::any_io_executor;
using namespace std::chrono_literals;

inline Sshd::Config device_sshd(std::vector<std::string> extra_config = {}) {
  return {.force_command = Sshd::sim_command(), .extra_config = std::move(extra_config)};
}

inline int count(const std::string& text, const std::string& needle) {
  int found = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++found;
  return found;
}

using vty::test::open_fails_with;
using vty::test::show_version;

// Options that reach `sshd`'s vty-sim shell directly: the fixture's key, its host key in a
// known_hosts file of the test's own, no ssh_config and no agent.
inline vty::Options direct_options(const Sshd& sshd) {
  std::ofstream(sshd.file("known_hosts")) << sshd.host_key_line() << "\n";
  vty::Options options;
  options.host = "127.0.0.1";
  options.port = sshd.port();
  options.auth.username = Sshd::login_user();
  options.auth.private_key_file = sshd.client_key_path();
  options.auth.secondary = Sim::enable_password;
  options.auth.use_agent = false;
  options.known_hosts_file = sshd.file("known_hosts");
  options.ssh_config_file = "none";
  options.timeout_ops = 10s;
  return options;
}

}  // namespace vty::test::reach
