// The environment every test program runs in: what the developer's shell holds must not
// reach the programs under test (their $VTY_* settings, ssh-agent, ~/.ssh, ~/.config).
#pragma once

#include <string>

namespace vty::test {

// For the life of the test program: HOME is a fresh empty folder (removed at exit);
// VTY_* (except VTY_TEST_*, the suite's own switches), SSH_AUTH_SOCK, SSH_AGENT_PID and
// XDG_CONFIG_HOME/XDG_DATA_HOME/XDG_CACHE_HOME are unset. A test that needs one sets it.
class IsolatedEnvironment {
 public:
  IsolatedEnvironment();
  ~IsolatedEnvironment();
  IsolatedEnvironment(const IsolatedEnvironment&) = delete;
  IsolatedEnvironment& operator=(const IsolatedEnvironment&) = delete;

 private:
  std::string home_;
};

}  // namespace vty::test
