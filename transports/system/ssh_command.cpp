#include "ssh_command.hpp"

#include <unistd.h>

#include <algorithm>

namespace vty::detail {
namespace {

std::string whole_seconds(std::chrono::milliseconds limit) {
  return std::to_string(std::max<long long>(1, (limit.count() + 999) / 1000));
}

}  // namespace

std::vector<std::string> ssh_arguments(const Options& options) {
  std::vector<std::string> args;
  auto option = [&](std::string text) {
    args.push_back("-o");
    args.push_back(std::move(text));
  };
  if (options.ssh_config_file == "none")
    args.insert(args.end(), {"-F", "/dev/null"});
  else if (!options.ssh_config_file.empty())
    args.insert(args.end(), {"-F", options.ssh_config_file});
  if (options.port) args.insert(args.end(), {"-p", std::to_string(options.port)});
  if (!options.auth.username.empty()) args.insert(args.end(), {"-l", options.auth.username});
  if (!options.auth.private_key_file.empty())
    args.insert(args.end(), {"-i", options.auth.private_key_file});
  if (!options.jump_host.empty()) args.insert(args.end(), {"-J", options.jump_host});
  // The caller's options come first: for each keyword ssh keeps the first value it sees.
  for (const auto& text : options.ssh_options) option(text);
  switch (options.host_key_policy) {
    case HostKeyPolicy::strict:
      option("StrictHostKeyChecking=yes");
      break;
    case HostKeyPolicy::accept_new:
      option("StrictHostKeyChecking=accept-new");
      break;
    case HostKeyPolicy::off:
      option("StrictHostKeyChecking=no");
      option("UserKnownHostsFile=/dev/null");
      break;
  }
  if (options.host_key_policy != HostKeyPolicy::off && !options.known_hosts_file.empty())
    option("UserKnownHostsFile=" + options.known_hosts_file.string());
  if (!options.auth.use_agent) option("IdentityAgent=none");
  // Only a deadline the caller chose: otherwise the config's ConnectTimeout (or ssh's) holds.
  if (options.timeout_socket != Options{}.timeout_socket)
    option("ConnectTimeout=" + whole_seconds(options.timeout_socket));
  // A pty on both ends; no escape character, so a line starting with "~." is sent as typed.
  args.insert(args.end(), {"-tt", "-e", "none", "--", options.host});
  return args;
}

std::optional<std::string> find_ssh_binary(const Options& options, std::string_view path_variable) {
  const std::string name = options.ssh_binary.empty() ? "ssh" : options.ssh_binary;
  if (name.find('/') != std::string::npos)
    return ::access(name.c_str(), X_OK) == 0 ? std::optional(name) : std::nullopt;
  while (true) {
    auto end = path_variable.find(':');
    auto dir = path_variable.substr(0, end);
    auto candidate = (dir.empty() ? std::string(".") : std::string(dir)) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    if (end == std::string_view::npos) return std::nullopt;
    path_variable.remove_prefix(end + 1);
  }
}

}  // namespace vty::detail
