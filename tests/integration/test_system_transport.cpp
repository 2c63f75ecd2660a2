// The system transport (OpenSSH's `ssh` in a pseudo-terminal) against real peers: an
// OpenSSH sshd whose ForceCommand is the simulated device, and vty-sim itself.
#include <catch2/catch.hpp>

#include <dirent.h>
#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>

#include <fstream>
#include <optional>
#include <sstream>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/concurrent_sessions.hpp"
#include "support/paths.hpp"
#include "support/session_checks.hpp"
#include "support/sim.hpp"
#include "support/sshd.hpp"

using vty::test::run_async;
using vty::test::Sim;
using vty::test::Sshd;
using Executor = asio::any_io_executor;
using Clock = std::chrono::steady_clock;

namespace {

Sshd::Config device_sshd(std::vector<std::string> extra_config = {}) {
  return {.force_command = Sshd::sim_command(), .extra_config = std::move(extra_config)};
}

// Public-key login as the fixture's user, strict checking against the fixture's known_hosts.
vty::Options sshd_options(const Sshd& sshd) {
  vty::Options o;
  o.host = "127.0.0.1";
  o.port = sshd.port();
  o.transport = "system";
  o.ssh_config_file = "none";
  o.auth.username = Sshd::login_user();
  o.auth.private_key_file = sshd.client_key_path();
  o.auth.secondary = Sim::enable_password;
  o.auth.use_agent = false;
  o.known_hosts_file = sshd.file("known_hosts");
  o.timeout_ops = std::chrono::seconds(10);
  return o;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Processes whose parent is this test, other than `except`.
std::vector<pid_t> children_of_this_process(pid_t except = -1) {
  std::vector<pid_t> children;
  DIR* proc = opendir("/proc");
  while (dirent* entry = proc ? readdir(proc) : nullptr) {
    const std::string stat = read_file("/proc/" + std::string(entry->d_name) + "/stat");
    auto end_of_name = stat.rfind(')');
    if (end_of_name == std::string::npos) continue;
    std::istringstream fields(stat.substr(end_of_name + 2));
    char state = 0;
    pid_t parent = 0;
    fields >> state >> parent;
    const pid_t pid = std::atoi(entry->d_name);
    if (parent == getpid() && pid != except) children.push_back(pid);
  }
  if (proc) closedir(proc);
  return children;
}

// Children left to a background reaper go within a bounded time: waits for their exits
// (pidfds turn readable) rather than for fixed intervals.
std::size_t children_after(std::chrono::milliseconds limit, pid_t except) {
  const auto deadline = Clock::now() + limit;
  for (;;) {
    auto children = children_of_this_process(except);
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (children.empty() || left <= 0) return children.size();
    std::vector<pollfd> exits;
    for (pid_t pid : children) {
      const int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
      if (fd >= 0) exits.push_back({fd, POLLIN, 0});
    }
    ::poll(exits.data(), exits.size(), static_cast<int>(std::min<long long>(left, 100)));
    for (const auto& exit : exits) ::close(exit.fd);
  }
}

using vty::test::open_fails_with;
using vty::test::show_version;

}  // namespace

TEST_CASE("system transport: public-key login through sshd, with and without a passphrase") {
  Sshd sshd(device_sshd());
  std::ofstream(sshd.file("known_hosts")) << sshd.host_key_line() << "\n";
  auto options = sshd_options(sshd);
  SECTION("a key without a passphrase") {
    CHECK_THAT(show_version(options), Catch::Contains("Cisco IOS XE Software"));
  }
  SECTION("a key with a passphrase, typed when ssh asks for it") {
    options.auth.private_key_file = sshd.passphrase_key_path();
    options.auth.private_key_passphrase = Sshd::key_passphrase;
    CHECK_THAT(show_version(options), Catch::Contains("Cisco IOS XE Software"));
  }
  SECTION("a wrong passphrase is an AuthenticationError") {
    options.auth.private_key_file = sshd.passphrase_key_path();
    options.auth.private_key_passphrase = "not the passphrase";
    auto e = open_fails_with<vty::AuthenticationError>(options);
    CHECK_THAT(e.what(), Catch::Contains("passphrase"));
    CHECK(std::string(e.what()).find("not the passphrase") == std::string::npos);
  }
}

TEST_CASE("system transport: a server's pre-login banner is ssh's, never the device's output") {
  char banner_path[] = "/tmp/vty-banner-XXXXXX";
  const int banner_fd = ::mkstemp(banner_path);
  REQUIRE(banner_fd >= 0);
  ::close(banner_fd);
  // Shaped like a device's prompt, which the login must not take for the device speaking.
  std::ofstream(banner_path) << "Authorized access only\nbanner-router#\n";
  // With a password, ssh asks for it after the banner: on the terminal, not the device.
  std::optional<vty::test::LoginPassword> password;
  if (vty::test::LoginPassword::available()) password.emplace();
  auto config = device_sshd({std::string("Banner ") + banner_path});
  config.password_authentication = password.has_value();
  Sshd sshd(config);
  std::ofstream(sshd.file("known_hosts")) << sshd.host_key_line() << "\n";
  auto options = sshd_options(sshd);
  if (password) {
    options.auth.private_key_file.clear();
    options.auth.password = password->value();
  }
  const auto [prompt, version] =
      run_async([&](Executor ex) -> asio::awaitable<std::pair<std::string, std::string>> {
        auto conn = co_await vty::connect(ex, options);
        auto at = co_await conn->get_prompt();
        auto shown = co_await conn->send_command("show version");
        co_await conn->close();
        co_return std::pair{at, shown.result};
      });
  ::unlink(banner_path);
  CHECK(prompt.find("banner-router") == std::string::npos);
  CHECK_THAT(version, Catch::Contains("Cisco IOS XE Software"));
  CHECK(version.find("Authorized access only") == std::string::npos);
}

TEST_CASE("system transport: host keys are checked as the policy says") {
  Sshd sshd(device_sshd());
  auto options = sshd_options(sshd);
  SECTION("an unknown key under strict is a HostKeyError") {
    std::ofstream(sshd.file("known_hosts")) << "";
    auto e = open_fails_with<vty::HostKeyError>(options);
    CHECK(e.host() == "127.0.0.1");
    CHECK_THAT(e.what(), Catch::Contains("not known"));
  }
  SECTION("accept-new connects and adds the key to known_hosts") {
    options.host_key_policy = vty::HostKeyPolicy::accept_new;
    CHECK_THAT(show_version(options), Catch::Contains("Cisco IOS XE Software"));
    const auto known = read_file(sshd.file("known_hosts"));
    CHECK_THAT(known, Catch::Contains("[127.0.0.1]:" + std::to_string(sshd.port())));
    CHECK_THAT(known, Catch::Contains("ssh-ed25519"));
  }
  SECTION("a changed key is a HostKeyMismatch naming the file and line") {
    options.host_key_policy = vty::HostKeyPolicy::accept_new;
    std::ofstream(sshd.file("known_hosts")) << "# devices\n" << sshd.wrong_host_key_line() << "\n";
    auto e = open_fails_with<vty::HostKeyMismatch>(options);
    CHECK_THAT(e.what(), Catch::Contains(sshd.file("known_hosts") + " line 2"));
  }
}

TEST_CASE("system transport: failures are typed errors within the timeout") {
  SECTION("a wrong password against vty-sim is an AuthenticationError") {
    Sim sim;
    auto options = sim.options("system");
    options.auth.password = "wrong";
    const auto started = Clock::now();
    auto e = open_fails_with<vty::AuthenticationError>(options);
    CHECK(Clock::now() - started < std::chrono::seconds(5));
    CHECK(std::string(e.what()).find("wrong") == std::string::npos);
  }
  SECTION("a refused port is a ConnectionRefused") {
    Sim sim;
    auto options = sim.options("system");
    options.port = vty::test::free_loopback_port();
    auto e = open_fails_with<vty::ConnectionRefused>(options);
    CHECK_THAT(e.what(), Catch::Contains("Connection refused"));
  }
  SECTION("no key exchange in common names the option that would allow it") {
    Sshd sshd(device_sshd({"KexAlgorithms diffie-hellman-group14-sha256"}));
    std::ofstream(sshd.file("known_hosts")) << sshd.host_key_line() << "\n";
    auto options = sshd_options(sshd);
    options.ssh_options = {"KexAlgorithms=curve25519-sha256"};
    auto e = open_fails_with<vty::ConnectionError>(options);
    CHECK_THAT(e.what(), Catch::Contains("KexAlgorithms=+diffie-hellman-group14-sha256"));
  }
  SECTION("a missing ssh binary is a ConnectionError naming it") {
    Sim sim;
    auto options = sim.options("system");
    options.ssh_binary = "/nonexistent/bin/ssh";
    auto e = open_fails_with<vty::ConnectionError>(options);
    CHECK_THAT(e.what(), Catch::Contains("/nonexistent/bin/ssh"));
  }
}

TEST_CASE("system transport: password login through sshd, typed only when asked") {
  if (!vty::test::LoginPassword::available()) {
    WARN("skipped: giving the test user a password needs root");
    return;
  }
  const vty::test::LoginPassword login_password;
  const std::string& password = login_password.value();
  auto config = device_sshd();
  config.password_authentication = true;
  Sshd sshd(config);
  std::ofstream(sshd.file("known_hosts")) << sshd.host_key_line() << "\n";
  auto options = sshd_options(sshd);
  options.auth.private_key_file.clear();
  SECTION("the right password logs in") {
    options.auth.password = password;
    CHECK_THAT(show_version(options), Catch::Contains("Cisco IOS XE Software"));
  }
  SECTION("a wrong password is an AuthenticationError that does not show it") {
    options.auth.password = "wrong-secret-123";
    auto e = open_fails_with<vty::AuthenticationError>(options);
    CHECK(std::string(e.what()).find("wrong-secret-123") == std::string::npos);
  }
}

TEST_CASE("system transport: a big answer comes whole through ssh's stdout, not its terminal") {
  Sim sim;  // a password login: ssh asks on its terminal
  auto options = sim.options("system");
  options.timeout_ops = std::chrono::seconds(60);
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, options);
    // ssh's stdin and stderr are its terminal; the stdout it was given, a pipe, it holds
    // under another number (it points 1 at /dev/null once it has its copy).
    auto children = children_of_this_process(sim.pid());
    REQUIRE(children.size() == 1);
    const auto fd_target = [&](const std::string& fd) {
      char target[256] = {};
      const auto path = "/proc/" + std::to_string(children[0]) + "/fd/" + fd;
      (void)!::readlink(path.c_str(), target, sizeof target - 1);
      return std::string(target);
    };
    CHECK_THAT(fd_target("0"), Catch::StartsWith("/dev/pts/"));
    CHECK_THAT(fd_target("2"), Catch::StartsWith("/dev/pts/"));
    std::size_t pipes = 0;
    DIR* fds = opendir(("/proc/" + std::to_string(children[0]) + "/fd").c_str());
    while (dirent* entry = fds ? readdir(fds) : nullptr)
      if (fd_target(entry->d_name).starts_with("pipe:")) ++pipes;
    if (fds) closedir(fds);
    CHECK(pipes == 1);

    auto big = co_await conn->send_command("show big 5");
    // vty-sim's lines: "%08u " then letters shifted by one each line, 79 characters.
    constexpr std::size_t lines = 5'000'000 / 80;
    std::istringstream text(big.result);
    std::string line, last;
    std::size_t count = 0;
    while (std::getline(text, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      ++count;
      last = line;
    }
    CHECK(count == lines);
    std::string expected = "00062499 ";
    for (std::size_t i = 0; expected.size() < 79; ++i)
      expected.push_back(static_cast<char>('a' + (lines - 1 + i) % 26));
    CHECK(last == expected);
    // The session goes on after it.
    auto version = co_await conn->send_command("show version");
    CHECK_THAT(version.result, Catch::Contains("Cisco IOS XE Software"));
    co_await conn->close();
  });
}

TEST_CASE("system transport: a device that hangs up is reported in ssh's own words") {
  Sim sim;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, sim.options("system"));
    try {
      co_await conn->send_command("exit");
      FAIL("exit returned a prompt");
    } catch (const vty::ConnectionClosed& e) {
      // ssh prints it on its terminal after the device's output has ended.
      CHECK_THAT(e.what(), Catch::Contains("ssh ended: Connection to 127.0.0.1 closed."));
    }
  });
}

TEST_CASE("system transport: ProxyJump through a second sshd from the user's ssh_config") {
  Sshd jump;  // forwards only: its ForceCommand never runs for `ssh -W`
  Sshd device(device_sshd());
  std::ofstream(device.file("ssh_config"))
      << "Host jump\n  HostName 127.0.0.1\n  Port " << jump.port() << "\n  User "
      << Sshd::login_user() << "\n  IdentityFile " << jump.client_key_path()
      << "\n  IdentitiesOnly yes\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n"
      << "Host device\n  HostName 127.0.0.1\n  ProxyJump jump\n";
  std::ofstream(device.file("known_hosts")) << device.host_key_line() << "\n";
  auto options = sshd_options(device);
  options.host = "device";
  options.ssh_config_file = device.file("ssh_config");
  CHECK_THAT(show_version(options), Catch::Contains("Cisco IOS XE Software"));
  CHECK_THAT(jump.log(), Catch::Contains("Accepted publickey"));
}

TEST_CASE("system transport: 50 concurrent sessions in one io_context leave no child behind") {
  Sim sim({.devices = 2});
  constexpr int sessions = 50;
  auto outcome = vty::test::run_concurrent_sessions(sim, "system", sessions, 2, 5);
  INFO((outcome.errors.empty() ? std::string() : outcome.errors.front()));
  CHECK(outcome.errors.empty());
  CHECK(outcome.ok == sessions);
  CHECK(children_after(std::chrono::seconds(5), sim.pid()) == 0);
}

TEST_CASE("system transport: a session aborted in the middle of a read leaves no child") {
  Sim sim;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    vty::AsyncDriver driver(ex, sim.options("system"));
    co_await driver.open();
    vty::CommandOptions briefly{.timeout = std::chrono::milliseconds(200)};
    CHECK_THROWS_AS(co_await driver.send_command("show hang", briefly), vty::OperationTimeout);
    driver.abort();
  });
  CHECK(children_after(std::chrono::seconds(5), sim.pid()) == 0);
}

TEST_CASE("system transport: `vty run --transport system` logs in and runs the command") {
  Sim sim;
  vty::test::ChildProcess::Spec spec;
  spec.argv = {VTY_CLI_PATH,
               "run",
               "--user",
               Sim::user,
               "--host-key-policy",
               "off",
               "--transport",
               "system",
               "-c",
               "show version",
               "127.0.0.1:" + std::to_string(sim.port())};
  spec.env = {std::string("VTY_PASSWORD=") + Sim::password,
              std::string("VTY_SECONDARY=") + Sim::enable_password};
  spec.merge_stderr = true;
  auto r = vty::test::run_program(spec, std::chrono::seconds(60));
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("Cisco IOS XE Software"));
}
