// Passwords stay secret: never in a child's argv or environment, never in an error
// message, whatever the transport and whether the password was right or wrong.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/sim.hpp"

using vty::test::run_async;
using vty::test::Sim;
using Executor = asio::any_io_executor;

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

pid_t parent_of(const std::string& pid) {
  // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after ')'.
  auto stat = read_file("/proc/" + pid + "/stat");
  auto close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream rest(stat.substr(close + 1));
  std::string state;
  pid_t ppid = -1;
  rest >> state >> ppid;
  return ppid;
}

// Every process descended from this one: the transports' children (ssh) and the simulator.
std::vector<std::string> descendants() {
  std::vector<std::string> found{std::to_string(getpid())};
  for (std::size_t i = 0; i < found.size(); ++i) {
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
      auto name = entry.path().filename().string();
      if (name.find_first_not_of("0123456789") != std::string::npos) continue;
      if (std::to_string(parent_of(name)) == found[i]) found.push_back(name);
    }
  }
  found.erase(found.begin());
  return found;
}

}  // namespace

TEST_CASE("no child process holds a password in its command line or environment") {
  const std::string transport = GENERATE(as<std::string>{}, "libssh", "system");
  INFO(transport);
  Sim sim;  // its credentials are its defaults: nothing secret in its own command line
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, sim.options(transport));  // logged in and enabled
    auto children = descendants();
    CHECK(children.size() >= (transport == "system" ? 2u : 1u));  // the simulator, and ssh
    for (const auto& pid : children) {
      INFO("process " << pid << ": " << read_file("/proc/" + pid + "/cmdline"));
      for (const char* secret : {Sim::password, Sim::enable_password}) {
        CHECK(read_file("/proc/" + pid + "/cmdline").find(secret) == std::string::npos);
        CHECK(read_file("/proc/" + pid + "/environ").find(secret) == std::string::npos);
      }
    }
    co_await conn->close();
  });
}

TEST_CASE("a refused password or enable secret is not repeated in the error") {
  const std::string transport = GENERATE(as<std::string>{}, "libssh", "system");
  INFO(transport);
  Sim sim;
  const std::string wrong = "Wr0ng-S3cret-7731";

  auto bad_login = sim.options(transport);
  bad_login.auth.password = wrong;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    try {
      co_await vty::connect(ex, bad_login);
      FAIL("a wrong password logged in");
    } catch (const vty::AuthenticationError& e) {
      CHECK(std::string(e.what()).find(wrong) == std::string::npos);
      CHECK(e.context().tail.find(wrong) == std::string::npos);
      CHECK(e.context().command.find(wrong) == std::string::npos);
    }
  });

  auto bad_enable = sim.options(transport);
  bad_enable.auth.secondary = wrong;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    try {
      co_await vty::connect(ex, bad_enable);
      FAIL("a wrong enable secret escalated");
    } catch (const vty::PrivilegeAuthError& e) {
      CHECK(std::string(e.what()).find(wrong) == std::string::npos);
      CHECK(e.context().tail.find(wrong) == std::string::npos);
      CHECK(e.context().command.find(wrong) == std::string::npos);
    }
  });
}
