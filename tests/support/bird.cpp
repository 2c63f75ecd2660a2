#include "support/bird.hpp"

#include <pwd.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/real_peers.hpp"

namespace vty::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kBird = "/usr/sbin/bird";
constexpr const char* kBirdc = "/usr/sbin/birdc";
// birdcl, not birdc: birdc (readline) draws its prompt again while a command runs and wipes
// it when the answer comes, and over SSH the two often arrive apart (docs/real-peers.md).
constexpr const char* kBirdcl = "/usr/sbin/birdcl";
constexpr const char* kUnshare = "/usr/bin/unshare";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string Bird::unavailable() {
  if (auto missing = missing_program(kBird, "bird2"); !missing.empty()) return missing;
  if (auto missing = missing_program(kBirdc, "bird2"); !missing.empty()) return missing;
  if (auto missing = missing_program(kBirdcl, "bird2"); !missing.empty()) return missing;
  if (geteuid() != 0)
    return "bird starts as root in a network namespace of its own; run the tests as root";
  return {};
}

Bird::Bird() {
  if (auto why = unavailable(); !why.empty()) throw std::runtime_error("bird fixture: " + why);
  // bird changes to the sshd's login user, so that birdcl, run as that user, may use the
  // control socket; the folder is that user's.
  const std::string user = Sshd::login_user();
  const passwd* account = getpwnam(user.c_str());
  if (!account || chown(dir_.path().c_str(), account->pw_uid, account->pw_gid) != 0)
    throw std::runtime_error("bird fixture: cannot give " + dir_.path() + " to " + user);
  fs::permissions(dir_.path(), fs::perms::owner_all | fs::perms::group_read |
                                   fs::perms::group_exec | fs::perms::others_read |
                                   fs::perms::others_exec);
  {
    std::ofstream config(dir_.file("bird.conf"));
    config << "router id 10.255.0.2;\n"
           << "log \"" << dir_.file("bird.log") << "\" all;\n"
           << "protocol device { }\n"
           << "protocol static static4 {\n  ipv4;\n";
    for (int i = 0; i < static_routes; ++i)
      config << "  route 10.210." << i << ".0/24 blackhole;\n";
    config << "}\n";
  }
  ChildProcess::Spec spec;
  // No kernel protocol: bird installs nothing. The namespace keeps it so if one is added.
  spec.argv = {kUnshare, "--net",
               kBird,    "-f",
               "-c",     dir_.file("bird.conf"),
               "-s",     dir_.file("bird.ctl"),
               "-P",     dir_.file("bird.pid"),
               "-u",     user,
               "-g",     std::to_string(account->pw_gid)};
  spec.merge_stderr = true;
  daemon_ = std::make_unique<ChildProcess>(std::move(spec));
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  for (;;) {
    auto probe = run_program(
        {.argv = {kBirdc, "-s", dir_.file("bird.ctl"), "show status"}, .merge_stderr = true}, 10s);
    if (probe.exit_code == 0 && probe.output.find("Daemon is up") != std::string::npos) return;
    if (!daemon_->running() || std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("bird fixture: bird did not start: " + probe.output + "\n" + log());
    std::this_thread::sleep_for(50ms);
  }
}

Bird::~Bird() = default;  // ChildProcess: SIGTERM, then SIGKILL

std::string Bird::birdcl_command() const {
  return std::string(kBirdcl) + " -s " + dir_.file("bird.ctl");
}

std::string Bird::log() const {
  return read_file(dir_.file("bird.log"));
}

BirdOverSsh::BirdOverSsh()
    : sshd_(std::make_unique<Sshd>(Sshd::Config{.force_command = bird_.birdcl_command()})) {}

Options BirdOverSsh::options(const std::string& transport) const {
  Options o;
  o.host = "127.0.0.1";
  o.port = sshd_->port();
  o.transport = transport;
  o.platform = "bird";
  o.auth.username = Sshd::login_user();
  o.auth.private_key_file = sshd_->client_key_path();
  o.auth.use_agent = false;
  o.host_key_policy = HostKeyPolicy::off;
  o.timeout_ops = std::chrono::seconds(10);
  if (transport == "system") o.ssh_config_file = "none";
  return o;
}

}  // namespace vty::test
