#include "libssh_target.hpp"

#include <glob.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace vty::detail {
namespace {

namespace fs = std::filesystem;

std::string home_dir() {
  if (const char* home = std::getenv("HOME"); home && *home) return home;
  const passwd* entry = getpwuid(getuid());
  return entry ? entry->pw_dir : "/";
}

std::string local_user() {
  const passwd* entry = getpwuid(getuid());
  return entry ? entry->pw_name : "";
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string tilde(const std::string& path) {
  if (path == "~" || path.starts_with("~/")) return home_dir() + path.substr(1);
  return path;
}

// Include: relative patterns are taken from `base` (~/.ssh for the user's file).
SshConfigIncluder includer(std::string base) {
  return [base](const std::string& pattern) {
    std::string full = tilde(pattern);
    if (!full.starts_with('/')) full = base + "/" + full;
    std::vector<std::pair<std::string, std::string>> files;
    glob_t found{};
    if (::glob(full.c_str(), 0, nullptr, &found) == 0)
      for (std::size_t i = 0; i < found.gl_pathc; ++i)
        if (auto text = read_file(found.gl_pathv[i])) files.emplace_back(found.gl_pathv[i], *text);
    ::globfree(&found);
    return files;
  };
}

// ssh_config(5)'s TOKENS for IdentityFile and ProxyCommand.
std::string expand(const std::string& text, const SshTarget& target) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    switch (text[++i]) {
      case 'h':
        out += target.host;
        break;
      case 'n':
        out += target.name;
        break;
      case 'p':
        out += std::to_string(target.port);
        break;
      case 'r':
        out += target.user.empty() ? local_user() : target.user;
        break;
      case 'u':
        out += local_user();
        break;
      case 'd':
        out += home_dir();
        break;
      case '%':
        out += '%';
        break;
      default:
        out += '%';
        out += text[i];
        break;
    }
  }
  return out;
}

void fill_from(SshTarget& target, const SshHostConfig& found, const Options& options) {
  target.host = found.hostname.value_or(target.name);
  target.config = found;
  for (const auto& file : found.identity_files)
    target.identity_files.push_back(tilde(expand(file, target)));
  target.timeout_socket = options.timeout_socket;
  // ConnectTimeout counts unless the caller changed the library's default.
  if (found.connect_timeout && *found.connect_timeout > 0 &&
      options.timeout_socket == Options{}.timeout_socket)
    target.timeout_socket = std::chrono::seconds(*found.connect_timeout);
}

}  // namespace

SshConfig load_ssh_config(const Options& options, const ErrorContext& context) {
  SshConfig config;
  try {
    for (const auto& option : options.ssh_options) config.add_option(option);
    const std::string& file = options.ssh_config_file;
    if (file == "none") return config;
    if (!file.empty()) {
      auto text = read_file(tilde(file));
      if (!text) throw UsageError("cannot read the ssh config file " + file, context);
      config.add(*text, file, includer(home_dir() + "/.ssh"));
      return config;
    }
    const std::string user_file = home_dir() + "/.ssh/config";
    if (auto text = read_file(user_file))
      config.add(*text, user_file, includer(home_dir() + "/.ssh"));
    if (auto text = read_file("/etc/ssh/ssh_config"))
      config.add(*text, "/etc/ssh/ssh_config", includer("/etc/ssh"));
  } catch (const std::invalid_argument& problem) {
    throw UsageError(std::string("ssh config: ") + problem.what(), context);
  }
  return config;
}

SshTarget resolve_target(const Options& options, const SshConfig& config,
                         const ErrorContext& context) {
  SshTarget target{.name = options.host};
  try {
    const auto found = config.lookup(options.host);
    target.port = options.port ? options.port : found.port.value_or(22);
    target.user = !options.auth.username.empty() ? options.auth.username : found.user.value_or("");
    if (!options.auth.private_key_file.empty())
      target.identity_files.push_back(options.auth.private_key_file);
    fill_from(target, found, options);
    const std::string jump =
        !options.jump_host.empty() ? options.jump_host : found.proxy_jump.value_or("none");
    if (jump != "none") target.jumps = parse_proxy_jump(jump);
    if (target.jumps.empty() && found.proxy_command && *found.proxy_command != "none")
      target.proxy_command = expand(*found.proxy_command, target);
  } catch (const std::invalid_argument& problem) {
    throw UsageError(std::string("ssh config: ") + problem.what(), context);
  }
  return target;
}

SshTarget resolve_hop(const JumpHop& hop, const Options& options, const SshConfig& config) {
  SshTarget target{.name = hop.host};
  const auto found = config.lookup(hop.host, false);
  target.port = hop.port ? hop.port : found.port.value_or(22);
  target.user = !hop.user.empty() ? hop.user : found.user.value_or("");
  fill_from(target, found, options);
  if (!options.auth.private_key_file.empty())
    target.identity_files.push_back(options.auth.private_key_file);
  return target;
}

Options options_for(const Options& options, const SshTarget& target) {
  Options copy = options;
  copy.host = target.host;
  copy.port = target.port;
  return copy;
}

}  // namespace vty::detail
