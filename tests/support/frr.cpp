#include "support/frr.hpp"

#include <arpa/inet.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
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

constexpr const char* kDaemonDir = "/usr/lib/frr";
constexpr const char* kVtysh = "/usr/bin/vtysh";
constexpr const char* kUnshare = "/usr/bin/unshare";
constexpr const char* kDaemonUser = "frr";
// The daemons' vty sockets belong to this group; vtysh's user must be in it.
constexpr const char* kVtyGroup = "frrvty";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("frr fixture: cannot write " + path);
}

bool accepts_connections(unsigned short port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

// `text` as one word for /bin/sh.
std::string quoted(const std::string& text) {
  std::string word = "'";
  for (char c : text) word += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return word + "'";
}

std::string command_line(const std::vector<std::string>& argv) {
  std::string line;
  for (const auto& arg : argv) line += (line.empty() ? "" : " ") + quoted(arg);
  return line;
}

bool in_group(const std::string& user, const std::string& group_name) {
  const struct group* entry = getgrnam(group_name.c_str());
  if (!entry) return false;
  for (char** member = entry->gr_mem; *member; ++member) {
    if (user == *member) return true;
  }
  return false;
}

// The lines every daemon's configuration starts with: its vty's passwords.
std::string common_config() {
  return std::string("hostname ") + Frr::hostname + "\npassword " + Frr::vty_password +
         "\nenable password " + Frr::enable_password + "\n";
}

}  // namespace

std::string Frr::unavailable() {
  for (const char* daemon : {"zebra", "staticd", "bgpd", "ospfd"}) {
    if (auto missing = missing_program(std::string(kDaemonDir) + "/" + daemon, "frr");
        !missing.empty())
      return missing;
  }
  if (auto missing = missing_program(kVtysh, "frr"); !missing.empty()) return missing;
  if (auto missing = missing_program(kUnshare, "util-linux"); !missing.empty()) return missing;
  if (geteuid() != 0)
    return "FRR's daemons start as root (they change to user frr) and zebra needs a network "
           "namespace of its own; run the tests as root";
  if (!getpwnam(kDaemonUser) || !getgrnam(kVtyGroup))
    return "the frr package's user frr and group frrvty are missing";
  return {};
}

Frr::Frr() {
  if (auto why = unavailable(); !why.empty()) throw std::runtime_error("frr fixture: " + why);
  // vtysh runs as the sshd's login user: it may connect to the daemons' vty sockets.
  const std::string user = Sshd::login_user();
  // Another test process may be editing /etc/group at the same moment: gpasswd then fails
  // to take its lock, and a later try succeeds (or finds the user added).
  for (int attempt = 0; !in_group(user, kVtyGroup); ++attempt) {
    auto added =
        run_program({.argv = {"/usr/bin/gpasswd", "-a", user, kVtyGroup}, .merge_stderr = true});
    if (added.exit_code == 0) break;
    if (attempt == 20)
      throw std::runtime_error("frr fixture: cannot add " + user + " to " + kVtyGroup + ": " +
                               added.output);
    std::this_thread::sleep_for(100ms);
  }
  // The daemons run as frr: the folder is theirs, and open to vtysh's user.
  const passwd* frr = getpwnam(kDaemonUser);
  if (chown(dir_.path().c_str(), frr->pw_uid, frr->pw_gid) != 0)
    throw std::runtime_error("frr fixture: cannot chown " + dir_.path());
  fs::permissions(dir_.path(), fs::perms::owner_all | fs::perms::group_read |
                                   fs::perms::group_exec | fs::perms::others_read |
                                   fs::perms::others_exec);
  for (const char* daemon : {"staticd", "bgpd", "ospfd"}) ports_[daemon] = free_loopback_port();
  write_configs();

  auto daemon_args = [&](const std::string& daemon, unsigned short port) {
    return std::vector<std::string>{
        std::string(kDaemonDir) + "/" + daemon,
        "-f",
        dir_.file(daemon + ".conf"),
        "-i",
        dir_.file(daemon + ".pid"),
        "-z",
        dir_.file("zserv.api"),
        "--vty_socket",
        dir_.path(),
        "-A",
        "127.0.0.1",
        "-P",
        std::to_string(port),
        "--log",
        "file:" + dir_.file(daemon + ".log"),
    };
  };
  // zebra alone in a fresh network namespace, its loopback up so blackhole routes install;
  // -P 0: no TCP vty, which nothing outside the namespace could reach.
  auto zebra = daemon_args("zebra", 0);
  start("zebra", command_line({kUnshare, "--net", "/bin/sh", "-c",
                               "ip link set lo up && exec " + command_line(zebra)}));
  wait_until_serving("zebra");
  start("staticd", command_line(daemon_args("staticd", ports_["staticd"])));
  // -p 0: bgpd listens for no BGP peer (its one neighbour is dead on purpose).
  auto bgpd = daemon_args("bgpd", ports_["bgpd"]);
  bgpd.insert(bgpd.end(), {"-p", "0"});
  start("bgpd", command_line(bgpd));
  start("ospfd", command_line(daemon_args("ospfd", ports_["ospfd"])));
  for (const char* daemon : {"staticd", "bgpd", "ospfd"}) wait_until_serving(daemon);
}

Frr::~Frr() {
  // The clients first, zebra last: each SIGTERM, then SIGKILL after 5 s (ChildProcess).
  while (!daemons_.empty()) daemons_.pop_back();
}

void Frr::write_configs() const {
  write_file(dir_.file("zebra.conf"), common_config());
  std::string statics = common_config();
  for (int i = 0; i < static_routes; ++i)
    statics += "ip route 10.200." + std::to_string(i) + ".0/24 blackhole\n";
  write_file(dir_.file("staticd.conf"), statics);
  write_file(dir_.file("bgpd.conf"), common_config() + "router bgp " + local_as +
                                         "\n"
                                         " bgp router-id 10.255.0.1\n"
                                         " no bgp ebgp-requires-policy\n"
                                         " no bgp network import-check\n"
                                         " neighbor 127.0.0.2 remote-as 65002\n"
                                         " neighbor 127.0.0.2 description dead-on-purpose\n"
                                         " address-family ipv4 unicast\n"
                                         "  network 10.201.0.0/24\n"
                                         "  network 10.201.1.0/24\n"
                                         "  network 10.201.2.0/24\n"
                                         " exit-address-family\n");
  write_file(dir_.file("ospfd.conf"), common_config() +
                                          "router ospf\n"
                                          " ospf router-id 10.255.0.1\n"
                                          " network 10.255.0.0/24 area 0\n");
  write_file(dir_.file("vtysh.conf"), "service integrated-vtysh-config\n");
  const passwd* frr = getpwnam(kDaemonUser);
  for (const char* name : {"zebra.conf", "staticd.conf", "bgpd.conf", "ospfd.conf", "vtysh.conf"}) {
    const std::string path = dir_.file(name);
    if (chown(path.c_str(), frr->pw_uid, frr->pw_gid) != 0)
      throw std::runtime_error("frr fixture: cannot chown " + path);
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                              fs::perms::others_read);
  }
}

void Frr::start(const std::string& daemon, const std::string& command) {
  write_file(dir_.file(daemon + ".out"), "");
  ChildProcess::Spec spec;
  // The daemons log to their files; what they print before that (option errors) goes to
  // the .out file, so that nothing waits on a pipe no one reads. exec: the child is the daemon.
  spec.argv = {"/bin/sh", "-c",
               "exec " + command + " >" + quoted(dir_.file(daemon + ".out")) + " 2>&1"};
  daemons_.push_back(std::make_unique<ChildProcess>(std::move(spec)));
}

void Frr::wait_until_serving(const std::string& daemon) const {
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  const std::string socket = dir_.file(daemon + ".vty");
  for (;;) {
    const auto port = ports_.find(daemon);
    const bool listening = port == ports_.end() || accepts_connections(port->second);
    std::error_code ec;
    const bool ready = fs::exists(socket, ec) && listening &&
                       (daemon != "zebra" || fs::exists(dir_.file("zserv.api"), ec));
    if (ready) return;
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("frr fixture: " + daemon + " did not start in 20 s:\n" + logs());
    std::this_thread::sleep_for(20ms);
  }
}

Options Frr::telnet_options(const std::string& daemon) const {
  Options o;
  o.host = "127.0.0.1";
  o.port = vty_port(daemon);
  o.transport = "telnet";
  o.platform = "frr";
  o.auth.password = vty_password;
  o.auth.secondary = enable_password;
  o.timeout_ops = std::chrono::seconds(10);
  return o;
}

std::string Frr::vtysh_command() const {
  return std::string(kVtysh) + " --vty_socket " + dir_.path() + " --config_dir " + dir_.path();
}

std::string Frr::vtysh(const std::string& command) const {
  auto result = run_program(
      {.argv = {kVtysh, "--vty_socket", dir_.path(), "--config_dir", dir_.path(), "-c", command},
       .merge_stderr = true},
      std::chrono::seconds(30));
  return result.output;
}

std::string Frr::logs() const {
  std::string text;
  for (const char* daemon : {"zebra", "staticd", "bgpd", "ospfd"}) {
    text += "--- " + std::string(daemon) + ".out\n" +
            read_file(dir_.file(std::string(daemon) + ".out"));
    text += "--- " + std::string(daemon) + ".log\n" +
            read_file(dir_.file(std::string(daemon) + ".log"));
  }
  return text;
}

FrrOverSsh::FrrOverSsh()
    : sshd_(std::make_unique<Sshd>(Sshd::Config{.force_command = frr_.vtysh_command()})) {}

Options FrrOverSsh::options(const std::string& transport) const {
  if (transport == "telnet") return frr_.telnet_options();
  Options o;
  o.host = "127.0.0.1";
  o.port = sshd_->port();
  o.transport = transport;
  o.platform = "frr";
  o.auth.username = Sshd::login_user();
  o.auth.private_key_file = sshd_->client_key_path();
  o.auth.use_agent = false;
  o.auth.secondary = Frr::enable_password;
  o.host_key_policy = HostKeyPolicy::off;
  o.timeout_ops = std::chrono::seconds(10);
  if (transport == "system") o.ssh_config_file = "none";
  return o;
}

}  // namespace vty::test
