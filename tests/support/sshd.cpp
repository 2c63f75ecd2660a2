#include "support/sshd.hpp"
#include "support/paths.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <shadow.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/types.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace vty::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* sshd_path = "/usr/sbin/sshd";
constexpr const char* keygen_path = "/usr/bin/ssh-keygen";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("sshd fixture: cannot write " + path);
}

void generate_key(const std::string& path, const std::string& passphrase,
                  const std::string& type = "ed25519") {
  ChildProcess::Spec spec;
  spec.argv = {keygen_path, "-q", "-t", type, "-N", passphrase, "-C", "vty-test", "-f", path};
  spec.merge_stderr = true;
  auto result = run_program(std::move(spec));
  if (result.exit_code != 0)
    throw std::runtime_error("sshd fixture: ssh-keygen failed for " + path + ": " + result.output);
}

// "ssh-ed25519 AAAA..." without the comment.
std::string public_key_text(const std::string& public_key_file) {
  std::istringstream line(read_file(public_key_file));
  std::string type, blob;
  line >> type >> blob;
  if (blob.empty()) throw std::runtime_error("sshd fixture: no key in " + public_key_file);
  return type + " " + blob;
}

// Every process below `root` in the process tree (sshd's session children call setsid(),
// so a process group would not find them).
std::vector<pid_t> descendants(pid_t root) {
  std::multimap<pid_t, pid_t> children;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string stat = read_file(entry.path().string() + "/stat");
    auto close_paren = stat.rfind(')');
    if (close_paren == std::string::npos) continue;
    std::istringstream fields(stat.substr(close_paren + 1));
    char state = 0;
    pid_t parent = 0;
    fields >> state >> parent;
    children.emplace(parent, static_cast<pid_t>(std::stol(name)));
  }
  std::vector<pid_t> found;
  std::vector<pid_t> queue{root};
  while (!queue.empty()) {
    pid_t pid = queue.back();
    queue.pop_back();
    auto [first, last] = children.equal_range(pid);
    for (auto it = first; it != last; ++it) {
      found.push_back(it->second);
      queue.push_back(it->second);
    }
  }
  return found;
}

std::string config_text(const Sshd::Config& config, const TempDir& dir, unsigned short port) {
  auto yes_no = [](bool value) { return value ? "yes" : "no"; };
  std::string text;
  text += "Port " + std::to_string(port) + "\n";
  text += "ListenAddress 127.0.0.1\n";
  text += "HostKey " + dir.file("host_key") + "\n";
  text += "PidFile none\n";
  text += "AuthorizedKeysFile " + dir.file("authorized_keys") + "\n";
  text += "PubkeyAuthentication yes\n";
  text += std::string("PasswordAuthentication ") + yes_no(config.password_authentication) + "\n";
  text += std::string("KbdInteractiveAuthentication ") +
          yes_no(config.kbd_interactive_authentication) + "\n";
  text += "PermitRootLogin prohibit-password\n";
  text += "StrictModes no\n";
  text += std::string("UsePAM ") + yes_no(config.use_pam) + "\n";
  text += "UseDNS no\n";
  text += "PrintMotd no\n";
  text += "PrintLastLog no\n";
  text += "X11Forwarding no\n";
  text += "MaxStartups 200\n";
  text += "MaxSessions 200\n";
  text += "LogLevel " + config.log_level + "\n";
  for (const auto& line : config.extra_config) text += line + "\n";
  // A sanitizer build's vty-sim, run here on a terminal, must not check for leaks at exit:
  // the SIGCONT the closing terminal sends can end LeakSanitizer's stop-the-world stop,
  // leaving the process spinning for ever. Its leaks are checked where tests start it.
  text += "SetEnv ASAN_OPTIONS=detect_leaks=0\n";
  text += "ForceCommand " + config.force_command + "\n";
  return text;
}

}  // namespace

Sshd::Sshd(Config config) {
  // Privilege separation needs this directory; a fresh container may not have it.
  if (geteuid() == 0) {
    std::error_code ec;
    fs::create_directories("/run/sshd", ec);
    fs::permissions("/run/sshd",
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec,
                    ec);
  }
  generate_key(dir_.file("host_key"), "", config.host_key_type);
  generate_key(client_key_path(), "");
  generate_key(passphrase_key_path(), key_passphrase);
  generate_key(unauthorized_key_path(), "");
  write_file(dir_.file("authorized_keys"),
             read_file(client_key_path() + ".pub") + read_file(passphrase_key_path() + ".pub"));
  // sshd reads authorized_keys as the login user, who is not root when root runs the tests.
  const auto readable = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec;
  std::error_code ec;
  fs::permissions(dir_.path(), readable, ec);
  fs::permissions(dir_.file("authorized_keys"),
                  fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                      fs::perms::others_read,
                  ec);
  start(config);
}

void Sshd::start(const Config& config) {
  const std::string log_path = dir_.file("sshd.log");
  // The port may be taken between choosing and binding it: try a few.
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_loopback_port();
    write_file(dir_.file("sshd_config"), config_text(config, dir_, port_));
    write_file(log_path, "");
    // -E: a log file, not a pipe nobody drains, so a long test cannot stall sshd.
    ChildProcess::Spec spec;
    spec.argv = {sshd_path, "-D", "-E", log_path, "-f", dir_.file("sshd_config")};
    spec.merge_stderr = true;
    process_ = std::make_unique<ChildProcess>(std::move(spec));
    const std::string ready = "Server listening on 127.0.0.1 port " + std::to_string(port_);
    const auto deadline = Clock::now() + config.start_timeout;
    // Woken by every write to the log; the timeout only notices an sshd that died silently.
    const int log_changes = inotify_init1(IN_CLOEXEC);
    inotify_add_watch(log_changes, log_path.c_str(), IN_MODIFY);
    struct CloseOnExit {
      int fd;
      ~CloseOnExit() { close(fd); }
    } log_changes_guard{log_changes};
    for (;;) {
      std::string log_text = read_file(log_path);
      if (log_text.find(ready) != std::string::npos) return;
      if (!process_->running()) {
        process_.reset();
        if (log_text.find("Address already in use") != std::string::npos) break;
        throw std::runtime_error("sshd fixture: sshd exited at start: " + log_text);
      }
      if (Clock::now() > deadline)
        throw std::runtime_error("sshd fixture: sshd not listening in time: " + log_text);
      pollfd changed{log_changes, POLLIN, 0};
      if (poll(&changed, 1, 100) > 0) {
        char events[4096];
        [[maybe_unused]] auto n = read(log_changes, events, sizeof events);
      }
    }
  }
  throw std::runtime_error("sshd fixture: no free port after 5 attempts");
}

Sshd::~Sshd() {
  if (!process_) return;
  kill_sessions();
  process_.reset();  // SIGTERM to the listener, then reaped
}

namespace {

constexpr const char* kTestUser = "vtytest";
// Its own empty home, so that `userdel -r` removes only what the suite made.
constexpr const char* kTestHome = "/var/lib/vtytest";
// A hash no password matches, which OpenSSH (without PAM) does not take for a locked account,
// as it does useradd's "!".
constexpr const char* kNoPassword = "*";
// Held by the LoginPassword of the one password test running on this machine.
constexpr const char* kPasswordLock = "/tmp/vty-test-password.lock";
// Held while a test process creates the account: two processes of a first run would
// otherwise both run useradd, and one of them go on before the account is whole.
constexpr const char* kAccountLock = "/tmp/vty-test-account.lock";

std::string password_hash(const std::string& user) {
  const spwd* entry = getspnam(user.c_str());
  return entry && entry->sp_pwdp ? entry->sp_pwdp : "";
}

void set_password_hash(const std::string& user, const std::string& hash) {
  auto set = run_program({.argv = {"/usr/sbin/usermod", "-p", hash, user}, .merge_stderr = true});
  if (set.exit_code != 0)
    throw std::runtime_error("usermod -p failed for " + user + ": " + set.output);
}

int open_password_lock() {
  int fd = open(kPasswordLock, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error(std::string("cannot open ") + kPasswordLock);
  return fd;
}

void make_test_user() {
  if (getpwnam(kTestUser)) return;
  const int lock = open(kAccountLock, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  if (lock < 0) throw std::runtime_error(std::string("cannot open ") + kAccountLock);
  flock(lock, LOCK_EX);
  struct Unlock {
    int fd;
    ~Unlock() { close(fd); }
  } unlock{lock};
  if (getpwnam(kTestUser)) return;  // made by another test process meanwhile
  auto made = run_program({.argv = {"/usr/sbin/useradd", "-M", "-d", kTestHome, "-s", "/bin/sh",
                                    "-p", kNoPassword, kTestUser},
                           .merge_stderr = true});
  const passwd* user = getpwnam(kTestUser);
  if (!user)
    throw std::runtime_error(std::string("useradd ") + kTestUser + " failed: " + made.output);
  // sshd starts each session in the home folder, and says so on the terminal if it cannot.
  std::error_code ec;
  fs::create_directories(kTestHome, ec);
  if (chown(kTestHome, user->pw_uid, user->pw_gid) != 0 || ec)
    throw std::runtime_error(std::string("cannot make ") + kTestHome);
}

// An account locked by useradd or `passwd -l` refuses keys, and a password left by a test
// that was killed must not stay: both become kNoPassword, unless a password test is running.
void make_test_user_usable() {
  if (password_hash(kTestUser) == kNoPassword) return;
  const int lock = open_password_lock();
  if (flock(lock, LOCK_EX | LOCK_NB) == 0) set_password_hash(kTestUser, kNoPassword);
  close(lock);
}

std::string random_password() {
  static constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::ifstream random("/dev/urandom", std::ios::binary);
  std::string password;
  for (int i = 0; i < 24; ++i) {
    const auto byte = static_cast<unsigned char>(random.get());
    password += alphabet[byte % alphabet.size()];
  }
  if (!random) throw std::runtime_error("cannot read /dev/urandom");
  return password;
}

// Copies `from` into `to`, readable (and folders enterable) by every user.
void copy_readable(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  const auto folder = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                      fs::perms::others_read | fs::perms::others_exec;
  const auto file = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                    fs::perms::others_read;
  fs::permissions(to, folder);
  for (const auto& entry : fs::recursive_directory_iterator(to))
    fs::permissions(entry.path(), entry.is_directory() ? folder : file);
}

}  // namespace

std::string Sshd::login_user() {
  if (geteuid() != 0) {
    const passwd* self = getpwuid(geteuid());
    return self ? self->pw_name : "root";
  }
  static const bool ready = [] {
    make_test_user();
    make_test_user_usable();
    return true;
  }();
  (void)ready;
  return kTestUser;
}

std::string Sshd::sim_command(const std::string& args) {
  // An installed tree's layout, so that the copy finds its device models beside it (a vty-sim
  // outside the build tree never reads the source tree; it reads no platform definitions at
  // all). Once per test process.
  static const TempDir staged;
  static const std::string program = [] {
    const fs::path root = staged.path();
    copy_readable(fs::path{VTY_SOURCE_DIR} / "tools/vty-sim/devices", root / "share/vty/devices");
    fs::create_directories(root / "bin");
    fs::copy_file(VTY_SIM_PATH, root / "bin/vty-sim", fs::copy_options::overwrite_existing);
    const auto folder = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec;
    for (const auto& path :
         {root, root / "bin", root / "bin/vty-sim", root / "share", root / "share/vty"})
      fs::permissions(path, folder);
    return (root / "bin/vty-sim").string();
  }();
  return program + " " + args;
}

bool LoginPassword::available() {
  return geteuid() == 0;
}

LoginPassword::LoginPassword() {
  if (!available()) throw std::runtime_error("LoginPassword needs root");
  const std::string user = Sshd::login_user();
  lock_fd_ = open_password_lock();
  flock(lock_fd_, LOCK_EX);
  value_ = random_password();
  auto set = run_program({.argv = {"/usr/sbin/chpasswd"},
                          .stdin_text = user + ":" + value_ + "\n",
                          .merge_stderr = true});
  if (set.exit_code != 0) {
    close(lock_fd_);
    throw std::runtime_error("chpasswd failed: " + set.output);
  }
}

LoginPassword::~LoginPassword() {
  try {
    set_password_hash(kTestUser, kNoPassword);
  } catch (const std::exception&) {
    // lock_login_user(), the suite's last step, finds and reports it.
  }
  close(lock_fd_);
}

bool lock_login_user() {
  if (geteuid() != 0 || !getpwnam(kTestUser)) return true;
  // After a password test of another suite on this machine, if one is running.
  const int lock = open_password_lock();
  flock(lock, LOCK_EX);
  struct Unlock {
    int fd;
    ~Unlock() { close(fd); }
  } unlock{lock};
  const std::string hash = password_hash(kTestUser);
  const bool none = hash == kNoPassword || hash.starts_with("!");
  if (hash != kNoPassword) set_password_hash(kTestUser, kNoPassword);
  return none;
}

std::string Sshd::host_key_line() const {
  return known_hosts_line(dir_.file("host_key.pub"));
}

std::string Sshd::wrong_host_key_line() const {
  return known_hosts_line(unauthorized_key_path() + ".pub");
}

std::string Sshd::known_hosts_line(const std::string& public_key_file) const {
  return "[127.0.0.1]:" + std::to_string(port_) + " " + public_key_text(public_key_file);
}

std::string Sshd::log() const {
  return read_file(dir_.file("sshd.log"));
}

void Sshd::kill_sessions() {
  if (!process_) return;
  for (pid_t pid : descendants(process_->pid())) ::kill(pid, SIGKILL);
}

void Sshd::freeze_sessions() {
  if (!process_) return;
  for (pid_t pid : descendants(process_->pid())) ::kill(pid, SIGSTOP);
}

}  // namespace vty::test
