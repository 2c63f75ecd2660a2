// vty-bench-jump: N devices behind one jump host, all at once: each session opens through
// the jump host, runs `show version` and closes. Compares the libssh transport (one shared
// jump-host session) with the system transport (`ssh -J`, one jump-host login per device),
// counting the logins in the jump host's sshd log. Needs root (the sshd fixture's user).
//
//   vty-bench-jump N [--repeats R]
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <vty/vty.hpp>

#include "harness.hpp"
#include "support/sshd.hpp"

namespace {

using Clock = std::chrono::steady_clock;

int count(const std::string& text, const std::string& needle) {
  int found = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++found;
  return found;
}

struct Round {
  double wall_s = 0;
  int ok = 0;
  int logins = 0;
  std::string first_error;
};

Round run_round(const std::vector<vty::Options>& devices, const vty::test::Sshd& jump) {
  const int before = count(jump.log(), "Accepted publickey");
  asio::io_context io;
  Round round;
  const auto started = Clock::now();
  for (const auto& options : devices)
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
          try {
            auto conn = co_await vty::connect(io.get_executor(), options);
            auto r = co_await conn->send_command("show version");
            if (r.result.find("Cisco IOS XE Software") != std::string::npos) ++round.ok;
            co_await conn->close();
          } catch (const std::exception& e) {
            if (round.first_error.empty()) round.first_error = e.what();
          }
        },
        asio::detached);
  io.run();
  round.wall_s = std::chrono::duration<double>(Clock::now() - started).count();
  round.logins = count(jump.log(), "Accepted publickey") - before;
  return round;
}

}  // namespace

int main(int argc, char** argv) {
  vty::transports::register_builtin();  // transports by name
  try {
    int devices = 0;
    int repeats = 1;
    for (int i = 1; i < argc; ++i) {
      std::string arg = argv[i];
      if (arg == "--repeats" && i + 1 < argc)
        repeats = std::stoi(argv[++i]);
      else if (!arg.starts_with("-"))
        devices = std::stoi(arg);
      else
        throw std::invalid_argument("unknown option " + arg);
    }
    if (devices < 1 || repeats < 1)
      throw std::invalid_argument("usage: vty-bench-jump N [--repeats R]");

    vty::test::Sshd jump;
    vty::bench::SimProcess sim(VTY_SIM_BUILD_PATH, devices);
    const std::string config = jump.file("ssh_config");
    std::ofstream(config) << "Host bastion\n  HostName 127.0.0.1\n  Port " << jump.port()
                          << "\n  User " << vty::test::Sshd::login_user() << "\n  IdentityFile "
                          << jump.client_key_path()
                          << "\n  IdentitiesOnly yes\n  StrictHostKeyChecking no\n"
                          << "  UserKnownHostsFile /dev/null\n";
    std::printf("%d devices behind one jump host (OpenSSH sshd), %d repeat(s), all at once\n",
                devices, repeats);
    double best[2] = {1e9, 1e9};
    for (const std::string transport : {"libssh", "system"}) {
      std::vector<vty::Options> targets;
      for (const auto& target : sim.targets()) {
        vty::Options o;
        o.host = target.host;
        o.port = target.port;
        o.transport = transport;
        o.auth.username = "admin";
        o.auth.password = "admin123";
        o.auth.secondary = "enable123";
        o.auth.use_agent = false;
        o.host_key_policy = vty::HostKeyPolicy::off;
        o.ssh_config_file = config;
        o.jump_host = "bastion";
        o.timeout_ops = std::chrono::seconds(60);
        o.timeout_transport = std::chrono::seconds(120);
        targets.push_back(o);
      }
      for (int r = 0; r < repeats; ++r) {
        const Round round = run_round(targets, jump);
        const int slot = transport == "libssh" ? 0 : 1;
        best[slot] = std::min(best[slot], round.wall_s);
        std::printf("%-6s round %d: %d/%d ok, %.3f s wall, %d jump-host logins%s%s\n",
                    transport.c_str(), r + 1, round.ok, devices, round.wall_s, round.logins,
                    round.first_error.empty() ? "" : "; first error: ", round.first_error.c_str());
      }
    }
    std::printf("best wall: libssh %.3f s, system (ssh -J) %.3f s: libssh %.1fx faster\n", best[0],
                best[1], best[1] / best[0]);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vty-bench-jump: %s\n", e.what());
    return 2;
  }
}
