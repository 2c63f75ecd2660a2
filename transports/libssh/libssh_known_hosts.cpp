#include "libssh_known_hosts.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace vty::detail {
namespace {

// How known_hosts names the server: "host", or "[host]:port" off port 22.
std::string known_hosts_name(const Options& options) {
  const unsigned port = options.port ? options.port : 22;
  if (port == 22) return options.host;
  return "[" + options.host + "]:" + std::to_string(port);
}

// "ssh-ed25519 SHA256:...", or "" when libssh cannot say.
std::string fingerprint(ssh_session session) {
  ssh_key key = nullptr;
  if (ssh_get_server_publickey(session, &key) != SSH_OK) return "";
  std::string text = ssh_key_type_to_char(ssh_key_type(key));
  unsigned char* hash = nullptr;
  size_t length = 0;
  if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length) == SSH_OK) {
    if (char* printable = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length)) {
      text += std::string(" ") + printable;
      ssh_string_free_char(printable);
    }
    ssh_clean_pubkey_hash(&hash);
  }
  ssh_key_free(key);
  return text;
}

// The 1-based line of the first plain (unhashed) entry for `name`, or 0.
int find_entry_line(const std::filesystem::path& file, const std::string& name) {
  std::ifstream in(file);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::istringstream fields(line);
    std::string hosts;
    fields >> hosts;
    if (hosts.empty() || hosts[0] == '#' || hosts[0] == '|' || hosts[0] == '@') continue;
    std::istringstream names(hosts);
    for (std::string candidate; std::getline(names, candidate, ',');)
      if (candidate == name) return number;
  }
  return 0;
}

}  // namespace

std::filesystem::path known_hosts_path(const Options& options) {
  if (!options.known_hosts_file.empty()) return options.known_hosts_file;
  const char* home = std::getenv("HOME");
  if (!home || !*home) {
    const passwd* entry = getpwuid(getuid());
    home = entry ? entry->pw_dir : "/";
  }
  return std::filesystem::path(home) / ".ssh" / "known_hosts";
}

void check_host_key(ssh_session session, const Options& options, const ErrorContext& context) {
  if (options.host_key_policy == HostKeyPolicy::off) return;
  const auto file = known_hosts_path(options);
  const std::string name = known_hosts_name(options);
  const std::string offered = fingerprint(session);

  switch (ssh_session_is_known_server(session)) {
    case SSH_KNOWN_HOSTS_OK:
      return;
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER: {
      const int line = find_entry_line(file, name);
      throw HostKeyMismatch(
          "host key for " + name + " does not match " + file.string() +
              (line ? " line " + std::to_string(line) : std::string()) + "; the server offered " +
              offered +
              ". If the device was replaced on purpose, remove the old entry (ssh-keygen -R '" +
              name + "' -f " + file.string() +
              "); otherwise someone may be intercepting the session",
          context);
    }
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
      if (options.host_key_policy == HostKeyPolicy::accept_new) {
        if (ssh_session_update_known_hosts(session) != SSH_OK)
          throw HostKeyError("cannot add the host key for " + name + " to " + file.string() + ": " +
                                 ssh_get_error(session),
                             context);
        return;
      }
      throw HostKeyError("host key for " + name + " is not in " + file.string() + " (" + offered +
                             "); verify it and add it, or use host_key_policy accept-new to add "
                             "it on first connection",
                         context);
    case SSH_KNOWN_HOSTS_ERROR:
    default:
      throw HostKeyError("cannot check the host key for " + name + " against " + file.string() +
                             ": " + ssh_get_error(session),
                         context);
  }
}

}  // namespace vty::detail
