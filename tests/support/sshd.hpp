// An OpenSSH sshd of the test's own on a free 127.0.0.1 port: own host key, own client
// keys, own config, one ForceCommand; stopped (with every session it spawned) on destruction.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.hpp"

namespace vty::test {

class Sshd {
 public:
  struct Config {
    // What every session runs, in place of a login shell (e.g. "/bin/cat", "vty-sim --stdio").
    std::string force_command = "/bin/cat";
    bool password_authentication = false;
    bool kbd_interactive_authentication = false;
    // sshd's LogLevel (DEBUG3 shows keepalive requests).
    std::string log_level = "INFO";
    // The server's host key: "ed25519", or "rsa" for servers limited to legacy algorithms.
    std::string host_key_type = "ed25519";
    // PAM (/etc/pam.d/sshd) runs the keyboard-interactive dialogue and the account and
    // session checks: "(user@host) Password: " as Debian's sshd asks it.
    bool use_pam = false;
    // Appended to sshd_config verbatim, one directive per entry.
    std::vector<std::string> extra_config{};
    std::chrono::milliseconds start_timeout{20'000};
  };

  // The passphrase of passphrase_key_path().
  static constexpr const char* key_passphrase = "vty test passphrase";

  Sshd() : Sshd(Config{}) {}
  explicit Sshd(Config config);  // returns once sshd is listening; throws with its log if not
  ~Sshd();
  Sshd(const Sshd&) = delete;
  Sshd& operator=(const Sshd&) = delete;

  // Who the tests log in as. As root: "vtytest", created on first use with /bin/sh as its
  // shell (so that no start-up file of root's runs before the ForceCommand) and `*` for a
  // password: usable for key login, no password accepted, `passwd -S` shows it locked.
  // Otherwise the current user.
  static std::string login_user();
  // The command for ForceCommand that runs vty-sim with `args` as login_user(): a copy of
  // the build's vty-sim, with its shipped data beside it, in a folder anyone can read, so that
  // a checkout in a folder other users cannot enter (/root/vty, 0700) works too.
  static std::string sim_command(const std::string& args = "--stdio");

  unsigned short port() const { return port_; }
  // Private keys (ed25519, OpenSSH format) whose public halves are authorized for every user.
  std::string client_key_path() const { return dir_.file("client_ed25519"); }
  std::string passphrase_key_path() const { return dir_.file("client_ed25519_pass"); }
  // A valid private key that this sshd does not accept.
  std::string unauthorized_key_path() const { return dir_.file("stranger_ed25519"); }
  // "[127.0.0.1]:PORT ssh-ed25519 AAAA...": this server's line for a known_hosts file.
  std::string host_key_line() const;
  // The same host with a different ed25519 key: a known_hosts line that must not match.
  std::string wrong_host_key_line() const;
  // A scratch file path inside the fixture's temporary directory.
  std::string file(const std::string& name) const { return dir_.file(name); }
  // Everything sshd has logged so far (useful in failure messages).
  std::string log() const;

  // Kills (SIGKILL) the processes serving current sessions; the listener keeps running.
  void kill_sessions();
  // Stops (SIGSTOP) them instead: the connections stay up but nothing answers, as with a
  // peer behind a dead link. The destructor still kills them.
  void freeze_sessions();

 private:
  void start(const Config& config);
  std::string known_hosts_line(const std::string& public_key_file) const;

  TempDir dir_;
  unsigned short port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

// A random password for Sshd::login_user() while it lives; then the account accepts no
// password again. Password tests hold one; one at a time across test processes (a lock
// file), so that two tests never set each other's password. Needs root: check
// available() first and skip the test, saying why, when it is false.
class LoginPassword {
 public:
  static bool available();
  LoginPassword();
  ~LoginPassword();
  LoginPassword(const LoginPassword&) = delete;
  LoginPassword& operator=(const LoginPassword&) = delete;
  const std::string& value() const { return value_; }

 private:
  int lock_fd_ = -1;
  std::string value_;
};

// The end of a suite run: true when login_user() accepts no password (no test left one),
// and in any case takes away any password it has.
bool lock_login_user();

}  // namespace vty::test
