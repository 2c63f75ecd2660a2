// vty-bench-sshd: a real OpenSSH sshd for tools/bench/run's `--targets sshd`: the tests'
// fixture (tests/support/sshd.*: 127.0.0.1 only, a free port, its own keys and config, no
// service, the test account's rules) with an IOS-like `vty-sim --stdio` shell as the
// ForceCommand. Prints
//   listening ssh 127.0.0.1:PORT
//   user NAME
//   key PATH
// then serves until SIGTERM or SIGINT (or its parent's death), and stops sshd with every
// session it spawned. Needs root (the fixture's test account).
#include <signal.h>
#include <sys/prctl.h>

#include <cstdio>
#include <exception>

#include "support/sshd.hpp"

int main() {
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  sigprocmask(SIG_BLOCK, &stop, nullptr);  // taken by sigwait below, so destructors run
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  try {
    vty::test::Sshd::Config config;
    config.force_command = vty::test::Sshd::sim_command("--stdio");
    vty::test::Sshd sshd(config);
    std::printf("listening ssh 127.0.0.1:%u\nuser %s\nkey %s\n", sshd.port(),
                vty::test::Sshd::login_user().c_str(), sshd.client_key_path().c_str());
    std::fflush(stdout);
    int signal = 0;
    sigwait(&stop, &signal);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vty-bench-sshd: %s\n", e.what());
    return 1;
  }
  return 0;
}
