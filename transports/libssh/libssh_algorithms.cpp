#include "libssh_algorithms.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace vty::detail {
namespace {

// libssh 0.10's own defaults (kex.c): what a session offers when nothing is set.
constexpr std::string_view default_kex =
    "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,"
    "ecdh-sha2-nistp521,diffie-hellman-group18-sha512,diffie-hellman-group16-sha512,"
    "diffie-hellman-group-exchange-sha256,diffie-hellman-group14-sha256";
constexpr std::string_view default_ciphers =
    "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,"
    "aes192-ctr,aes128-ctr";
constexpr std::string_view default_macs =
    "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha2-512";
constexpr std::string_view default_key_types =
    "ssh-ed25519,ecdsa-sha2-nistp521,ecdsa-sha2-nistp384,ecdsa-sha2-nistp256,"
    "sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256";

std::vector<std::string> split(std::string_view list) {
  std::vector<std::string> items;
  while (!list.empty()) {
    const auto comma = list.find(',');
    if (auto item = list.substr(0, comma); !item.empty()) items.emplace_back(item);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
  return items;
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ",") + item;
  return text;
}

bool wildcard(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '*')
    return wildcard(pattern.substr(1), text) ||
           (!text.empty() && wildcard(pattern, text.substr(1)));
  if (text.empty()) return false;
  return (pattern.front() == '?' || pattern.front() == text.front()) &&
         wildcard(pattern.substr(1), text.substr(1));
}

void add_unique(std::vector<std::string>& into, const std::vector<std::string>& items) {
  for (const auto& item : items)
    if (std::find(into.begin(), into.end(), item) == into.end()) into.push_back(item);
}

struct Method {
  std::string_view libssh_name;  // in libssh's "no match for method" message
  std::string_view keyword;      // the ssh_config keyword
  std::string_view what;         // for people
};
constexpr std::array methods{
    Method{"kex algos", "KexAlgorithms", "key exchange method"},
    Method{"server host key algo", "HostKeyAlgorithms", "host key type"},
    Method{"encryption client->server", "Ciphers", "cipher"},
    Method{"encryption server->client", "Ciphers", "cipher"},
    Method{"mac algo client->server", "MACs", "MAC"},
    Method{"mac algo server->client", "MACs", "MAC"},
};

}  // namespace

std::string resolve_algorithms(std::string_view spec, std::string_view defaults) {
  std::vector<std::string> result;
  if (spec.starts_with('+')) {
    add_unique(result, split(defaults));
    add_unique(result, split(spec.substr(1)));
  } else if (spec.starts_with('^')) {
    add_unique(result, split(spec.substr(1)));
    add_unique(result, split(defaults));
  } else if (spec.starts_with('-')) {
    const auto removed = split(spec.substr(1));
    for (const auto& item : split(defaults))
      if (std::none_of(removed.begin(), removed.end(),
                       [&](const std::string& pattern) { return wildcard(pattern, item); }))
        result.push_back(item);
  } else {
    add_unique(result, split(spec));
  }
  return join(result);
}

void apply_algorithms(ssh_session session, const SshHostConfig& config,
                      const ErrorContext& context) {
  auto set = [&](const std::optional<std::string>& spec, std::string_view defaults,
                 std::initializer_list<ssh_options_e> options, std::string_view keyword) {
    if (!spec) return;
    const std::string list = resolve_algorithms(*spec, defaults);
    for (auto option : options)
      if (list.empty() || ssh_options_set(session, option, list.c_str()) != SSH_OK)
        throw UsageError(std::string(keyword) + "=" + *spec + " leaves nothing this libssh " +
                             "supports (" + ssh_get_error(session) + ")",
                         context);
  };
  set(config.kex_algorithms, default_kex, {SSH_OPTIONS_KEY_EXCHANGE}, "KexAlgorithms");
  set(config.ciphers, default_ciphers, {SSH_OPTIONS_CIPHERS_C_S, SSH_OPTIONS_CIPHERS_S_C},
      "Ciphers");
  set(config.macs, default_macs, {SSH_OPTIONS_HMAC_C_S, SSH_OPTIONS_HMAC_S_C}, "MACs");
  set(config.host_key_algorithms, default_key_types, {SSH_OPTIONS_HOSTKEYS}, "HostKeyAlgorithms");
  set(config.pubkey_accepted_algorithms, default_key_types, {SSH_OPTIONS_PUBLICKEY_ACCEPTED_TYPES},
      "PubkeyAcceptedAlgorithms");
}

std::optional<std::string> explain_negotiation_failure(std::string_view error) {
  constexpr std::string_view marker = "no match for method ";
  const auto at = error.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  const auto rest = error.substr(at + marker.size());
  const auto server_at = rest.find(": server [");
  if (server_at == std::string_view::npos) return std::nullopt;
  const auto method_name = rest.substr(0, server_at);
  const auto server_list = rest.substr(server_at + 10, rest.find(']', server_at) - server_at - 10);
  const auto method = std::find_if(methods.begin(), methods.end(),
                                   [&](const Method& m) { return m.libssh_name == method_name; });
  if (method == methods.end()) return std::nullopt;
  // The device's list without the pseudo-algorithms that announce extensions.
  std::vector<std::string> offered;
  for (auto& name : split(server_list))
    if (name != "ext-info-s" && !name.starts_with("kex-strict-")) offered.push_back(name);
  const std::string offer = join(offered);
  return "no " + std::string(method->what) + " in common with the device: the device offers " +
         offer + "; the option " + std::string(method->keyword) + "=+" + offer +
         " (Options::ssh_options, inventory ssh_options, or `vty run -o`) would allow it";
}

}  // namespace vty::detail
