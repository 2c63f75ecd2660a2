#include "libssh_jump.hpp"

#include <asio/execution/context.hpp>
#include <asio/query.hpp>

#include <functional>

#include "libssh_bastion.hpp"

namespace vty::detail {
namespace {

std::string hop_name(const SshTarget& hop) {
  return (hop.user.empty() ? "" : hop.user + "@") + hop.host + ":" + std::to_string(hop.port);
}

// Who shares a bastion: same event loop, same hop chain, same credentials and checks.
std::string bastion_key(const asio::any_io_executor& executor, const std::string& chain,
                        const SshTarget& hop, const Options& options) {
  const void* loop = &asio::query(executor, asio::execution::context);
  std::string key = std::to_string(reinterpret_cast<std::uintptr_t>(loop)) + "|" + chain;
  for (const auto& file : hop.identity_files) key += "|k:" + file;
  key += "|p:" + std::to_string(std::hash<std::string>{}(options.auth.password));
  key += "|h:" + std::to_string(static_cast<int>(options.host_key_policy)) + ":" +
         options.known_hosts_file.string();
  key += "|a:" + hop.config.kex_algorithms.value_or("") + hop.config.ciphers.value_or("") +
         hop.config.host_key_algorithms.value_or("");
  return key;
}

asio::awaitable<Tunnel> tunnel_through(asio::any_io_executor executor, const Options& options,
                                       const SshConfig& config, const SshTarget& target,
                                       const ErrorContext& context) {
  std::shared_ptr<Bastion> previous;
  std::shared_ptr<void> previous_hold;
  std::string chain;
  for (const auto& jump : target.jumps) {
    const SshTarget hop = resolve_hop(jump, options, config);
    chain += (chain.empty() ? "" : ">") + hop_name(hop);
    const std::string key = bastion_key(executor, chain, hop, options);
    auto [bastion, first] =
        Bastion::shared(executor, key, context, "jump host " + hop_name(hop) + ": ");
    auto hold = bastion->share();
    if (first) {
      // A second hop and beyond is reached through the previous one, which it then holds.
      std::optional<Tunnel> via;
      if (previous) {
        // (Not co_await inside a braced initializer: GCC 12 miscompiles that.)
        const int fd = co_await previous->forward(hop.host, hop.port);
        via = Tunnel{.hold = std::move(previous_hold), .fd = fd};
      }
      Auth auth = options.auth;
      auth.username = hop.user;
      auth.private_key_file.clear();  // already among the hop's identity files
      co_await bastion->log_in(hop, options_for(options, hop), auth, std::move(via));
    } else {
      co_await bastion->ready();
    }
    previous = std::move(bastion);
    previous_hold = std::move(hold);
  }
  const int fd = co_await previous->forward(target.host, target.port);
  co_return Tunnel{.hold = std::move(previous_hold), .fd = fd};
}

}  // namespace

asio::awaitable<Tunnel> open_tunnel(asio::any_io_executor executor, const Options& options,
                                    const SshConfig& config, const SshTarget& target,
                                    const ErrorContext& context) {
  try {
    co_return co_await tunnel_through(executor, options, config, target, context);
  } catch (...) {
    rethrow_with("", &context);  // a shared jump host's error, told to this device
  }
}

}  // namespace vty::detail
