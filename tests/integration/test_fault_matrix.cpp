// The fault matrix: every vty-sim fault, over every transport, against the verbs open,
// send_command and send_config. Each case checks the outcome a user relies on: the exact
// error type (or a correct answer, for the faults a driver must see through), within the
// timeout and a second, with a message naming host, operation and pattern, and nothing left
// behind: no descriptor, thread or child process.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <chrono>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/child_process.hpp"
#include "support/paths.hpp"
#include "support/process_resources.hpp"
#include "support/sim.hpp"

using vty::test::run_async;
using vty::test::Sim;
using Executor = asio::any_io_executor;
using namespace std::chrono_literals;

namespace {

enum class Outcome { ok, operation_timeout, transport_timeout, closed, authentication, host_key };

const char* describe(Outcome outcome) {
  switch (outcome) {
    case Outcome::ok:
      return "a correct answer";
    case Outcome::operation_timeout:
      return "vty::OperationTimeout";
    case Outcome::transport_timeout:
      return "vty::TransportTimeout";
    case Outcome::closed:
      return "vty::ConnectionClosed";
    case Outcome::authentication:
      return "vty::AuthenticationError";
    case Outcome::host_key:
      return "vty::HostKeyMismatch";
  }
  return "?";
}

// What a fault should come to over each transport. They agree except where a transport
// cannot know more: the system transport sees a silent device after login as ssh not
// reaching it (its login ends with the device's first byte), hence TransportTimeout; over
// telnet, which has no handshake, a silent peer is a login question that never comes.
struct Expect {
  Expect(Outcome all) : libssh(all), system(all), telnet(all) {}  // NOLINT: one for all
  Expect(Outcome libssh_outcome, Outcome system_outcome, Outcome telnet_outcome)
      : libssh(libssh_outcome), system(system_outcome), telnet(telnet_outcome) {}
  Outcome over(const std::string& transport) const {
    if (transport == "system") return system;
    if (transport == "telnet") return telnet;
    return libssh;
  }
  Outcome libssh;
  Outcome system;
  Outcome telnet;
};

constexpr const char* kTransports[] = {"libssh", "system", "telnet"};

// What a correct answer to `show version` is, when the fault replaces it.
using Judge = std::function<std::string(const std::string& result)>;

std::string normal_version(const std::string& result) {
  if (result.find("Cisco IOS XE Software") == std::string::npos ||
      result.find('\x1b') != std::string::npos)
    return "wrong answer: " + result.substr(0, 300);
  return "";
}

enum class Verb { open, send_command, send_config };
constexpr Verb kVerbs[] = {Verb::open, Verb::send_command, Verb::send_config};

const char* verb_name(Verb verb) {
  switch (verb) {
    case Verb::open:
      return "open";
    case Verb::send_command:
      return "send_command";
    case Verb::send_config:
      return "send_config";
  }
  return "?";
}

// The line that sets the fault off for each verb ("" = from login, which open meets).
const char* trigger(Verb verb) {
  switch (verb) {
    case Verb::open:
      return "";
    case Verb::send_command:
      return "show version";
    case Verb::send_config:
      return "interface Loopback7";
  }
  return "";
}

// The deadline a failure is timed against, and the one for answers that must come however
// busy the machine is (a 10 MB line, an ANSI storm).
constexpr auto kTimeout = 1500ms;
constexpr auto kGenerousTimeout = 30s;

int thread_count() {
  int count = 0;
  for ([[maybe_unused]] const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    ++count;
  }
  return count;
}

// Children of this process other than the simulator (ssh, for the system transport).
int transport_children(pid_t simulator) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    auto name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string text;
    try {
      std::ifstream stat(entry.path() / "stat");
      text.assign(std::istreambuf_iterator<char>(stat), std::istreambuf_iterator<char>());
    } catch (const std::ios_base::failure&) {
      continue;  // the process ended while we read (ESRCH): it is no child any more
    }
    auto close = text.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(text.substr(close + 1));
    std::string state;
    pid_t parent = 0;
    rest >> state >> parent;
    if (parent == getpid() && std::stoi(name) != simulator) ++count;
  }
  return count;
}

template <typename Condition>
bool settled(Condition condition) {
  return vty::test::poll_until(condition, 5s);
}

// Runs `verb` against a device with `fault` and returns what came of it.
Outcome run_verb(const vty::Options& options, Verb verb, const Judge& judge, std::string& problem) {
  return run_async([&](Executor ex) -> asio::awaitable<Outcome> {
    try {
      auto conn = co_await vty::connect(ex, options);
      if (verb == Verb::send_command) {
        auto response = co_await conn->send_command("show version");
        problem = judge(response.result);
      } else if (verb == Verb::send_config) {
        std::vector<std::string> lines{"interface Loopback7", "description faults"};
        auto responses = co_await conn->send_configs(lines);
        if (responses.failed()) problem = "a config line failed";
      }
      co_await conn->close();
      co_return Outcome::ok;
    } catch (const vty::DriverException& e) {
      std::string what = e.what();
      if (what.find(options.host) == std::string::npos) problem = "no host in: " + what;
      if (e.context().operation.empty() || what.find(e.context().operation) == std::string::npos)
        problem = "no operation in: " + what;
      if (dynamic_cast<const vty::OperationTimeout*>(&e)) {
        if (e.context().pattern.empty() || what.find(e.context().pattern) == std::string::npos)
          problem = "no pattern in: " + what;
        co_return Outcome::operation_timeout;
      }
      if (dynamic_cast<const vty::TransportTimeout*>(&e)) co_return Outcome::transport_timeout;
      if (dynamic_cast<const vty::ConnectionClosed*>(&e)) co_return Outcome::closed;
      if (dynamic_cast<const vty::AuthenticationError*>(&e)) co_return Outcome::authentication;
      if (dynamic_cast<const vty::HostKeyMismatch*>(&e)) co_return Outcome::host_key;
      problem = std::string("unexpected ") + e.type_name() + ": " + what;
      co_return Outcome::ok;
    }
  });
}

vty::Options faulty_options(const Sim& sim, const std::string& transport,
                            std::chrono::milliseconds timeout = kTimeout) {
  vty::Options options = sim.options(transport);
  options.timeout_socket = timeout;
  options.timeout_transport = timeout;
  options.timeout_ops = timeout;
  return options;
}

void check_case(const std::string& transport, const std::string& fault, Verb verb,
                const Expect& expect, const Judge& judge = normal_version) {
  const Outcome expected = expect.over(transport);
  INFO(fault << " over " << transport << ", " << verb_name(verb) << ": expecting "
             << describe(expected));
  std::vector<std::string> args{"--fault", fault};
  if (*trigger(verb)) args.insert(args.end(), {"--fault-on", trigger(verb)});
  Sim sim({.devices = 1, .extra_args = args});
  const int descriptors = vty::test::open_descriptor_count();
  const int threads = thread_count();

  auto options =
      faulty_options(sim, transport, expected == Outcome::ok ? kGenerousTimeout : kTimeout);
  std::string problem;
  auto started = std::chrono::steady_clock::now();
  Outcome outcome = run_verb(options, verb, judge, problem);
  auto took = std::chrono::steady_clock::now() - started;

  CHECK(describe(outcome) == std::string(describe(expected)));
  CHECK(problem == "");
  // Within the deadline of what failed (the system transport's open has one deadline for
  // connecting and logging in) and a second.
  auto deadline = verb == Verb::open ? 2 * kTimeout : kTimeout;
  if (expected != Outcome::ok) CHECK(took < deadline + 1s);
  // An aborted session's last child and reaper thread may take a moment to go.
  CHECK(vty::test::descriptor_count_settling_at(descriptors) == descriptors);
  CHECK(settled([&] { return thread_count() <= threads; }));
  CHECK(settled([&] { return transport_children(sim.pid()) == 0; }));
}

// Faults of a session's bytes: each verb meets them.
void check_session_fault(const std::string& fault, const Expect& open, const Expect& command,
                         const Expect& config, const Judge& judge = normal_version) {
  for (const char* transport : kTransports) {
    check_case(transport, fault, Verb::open, open);
    check_case(transport, fault, Verb::send_command, command, judge);
    check_case(transport, fault, Verb::send_config, config);
  }
}

}  // namespace

TEST_CASE("fault matrix: a connection dropped mid-output is ConnectionClosed") {
  check_session_fault("drop:30", Outcome::closed, Outcome::closed, Outcome::closed);
}

TEST_CASE("fault matrix: output that stalls is an OperationTimeout") {
  check_session_fault("stall:30", Outcome::operation_timeout, Outcome::operation_timeout,
                      Outcome::operation_timeout);
}

TEST_CASE("fault matrix: a prompt that never comes is an OperationTimeout") {
  check_session_fault(
      "no-prompt",
      {Outcome::operation_timeout, Outcome::transport_timeout, Outcome::operation_timeout},
      Outcome::operation_timeout, Outcome::operation_timeout);
}

TEST_CASE("fault matrix: random garbage is an OperationTimeout") {
  check_session_fault("garbage", Outcome::operation_timeout, Outcome::operation_timeout,
                      Outcome::operation_timeout);
}

TEST_CASE("fault matrix: a slow link past the timeout is an OperationTimeout") {
  check_session_fault("slow:100", Outcome::operation_timeout, Outcome::operation_timeout,
                      Outcome::operation_timeout);
}

TEST_CASE("fault matrix: an ANSI escape storm is seen through") {
  check_session_fault("ansi-storm", Outcome::ok, Outcome::ok, Outcome::ok);
}

TEST_CASE("fault matrix: a 10 MB line without a newline is read whole") {
  check_session_fault("long-line:10", Outcome::ok, Outcome::ok, Outcome::ok,
                      [](const std::string& result) -> std::string {
                        if (result.size() != 10'000'000 || !result.starts_with("0123456789"))
                          return "a long line of " + std::to_string(result.size()) + " bytes";
                        return "";
                      });
}

TEST_CASE("fault matrix: a pager that ignores terminal length 0 is answered") {
  check_session_fault("pager-ignores-length", Outcome::ok, Outcome::ok, Outcome::ok);
}

TEST_CASE("fault matrix: an echo the device rewrote does not lose the answer") {
  check_session_fault("echo-rewrite", Outcome::ok, Outcome::ok, Outcome::ok);
}

TEST_CASE("fault matrix: a banner slower than the timeout is an OperationTimeout at open") {
  for (const char* transport : kTransports) {
    check_case(transport, "slow-banner:4000", Verb::open, Outcome::operation_timeout);
  }
}

TEST_CASE("fault matrix: a device refusing every password is an AuthenticationError") {
  for (const char* transport : kTransports) {
    check_case(transport, "wrong-password-loop", Verb::open, Outcome::authentication);
  }
}

TEST_CASE("fault matrix: a device closing during authentication is ConnectionClosed") {
  for (const char* transport : kTransports) {
    check_case(transport, "close-in-auth", Verb::open, Outcome::closed);
  }
}

TEST_CASE(
    "fault matrix: a peer that never speaks is a TransportTimeout (SSH), OperationTimeout "
    "(telnet)") {
  for (const char* transport : kTransports) {
    check_case(
        transport, "silent", Verb::open,
        {Outcome::transport_timeout, Outcome::transport_timeout, Outcome::operation_timeout});
  }
}

TEST_CASE("fault matrix: a host key that changed between connections is HostKeyMismatch") {
  for (const char* transport : {"libssh", "system"}) {
    INFO(transport);
    Sim sim({.devices = 1, .extra_args = {"--fault", "new-host-key"}});
    vty::test::TempDir dir;
    auto options = faulty_options(sim, transport);
    options.known_hosts_file = dir.file("known_hosts");
    options.host_key_policy = vty::HostKeyPolicy::accept_new;
    std::string problem;
    CHECK(describe(run_verb(options, Verb::open, normal_version, problem)) ==
          std::string(describe(Outcome::ok)));  // the first key is recorded
    options.host_key_policy = vty::HostKeyPolicy::strict;
    CHECK(describe(run_verb(options, Verb::open, normal_version, problem)) ==
          std::string(describe(Outcome::host_key)));
    CHECK(problem == "");
  }
}

TEST_CASE("fault matrix: a fault named in a device model strikes as --fault would") {
  // The shipped cisco_iosxe device model, with a stall after 30 bytes of `show version`.
  std::ifstream shipped(std::string(VTY_SOURCE_DIR) + "/tools/vty-sim/devices/cisco_iosxe.toml");
  std::string text((std::istreambuf_iterator<char>(shipped)), std::istreambuf_iterator<char>());
  auto device = text.find("\n[device]\n");
  REQUIRE(device != std::string::npos);
  text.insert(device + 10, "fault = \"stall:30\"\nfault_on = \"show version\"\n");
  vty::test::TempDir dir;
  auto scenario = dir.file("stalling.toml");
  std::ofstream(scenario) << text;

  Sim sim({.devices = 1, .extra_args = {"--device-file", scenario}});
  std::string problem;
  auto options = faulty_options(sim, "libssh");
  CHECK(describe(run_verb(faulty_options(sim, "libssh", kGenerousTimeout), Verb::send_config,
                          normal_version, problem)) ==
        std::string(describe(Outcome::ok)));  // other lines are answered
  auto started = std::chrono::steady_clock::now();
  CHECK(describe(run_verb(options, Verb::send_command, normal_version, problem)) ==
        std::string(describe(Outcome::operation_timeout)));
  CHECK(std::chrono::steady_clock::now() - started < kTimeout + 1s);
  CHECK(problem == "");
}
