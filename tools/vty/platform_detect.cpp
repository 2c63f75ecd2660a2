#include "platform_detect.hpp"

#include <asio/co_spawn.hpp>
#include <asio/experimental/deferred.hpp>
#include <asio/experimental/parallel_group.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include <array>
#include <vector>

#include <vty/errors.hpp>
#include <vty/transport.hpp>

namespace vty::cli {
namespace {

struct Signature {
  std::string_view text;  // appears in `show version`
  std::string_view platform;
};

// Most specific first: IOS XE's output also says "Cisco IOS Software".
constexpr std::array<Signature, 9> signatures{{
    {"Cisco IOS XE", "cisco_iosxe"},
    {"IOS-XE", "cisco_iosxe"},
    {"Cisco IOS XR", "cisco_iosxr"},
    {"IOS-XR", "cisco_iosxr"},
    {"Cisco Nexus Operating System", "cisco_nxos"},
    {"NX-OS", "cisco_nxos"},
    {"Arista", "arista_eos"},
    {"JUNOS", "juniper_junos"},
    {"Junos:", "juniper_junos"},
}};

}  // namespace

std::string platform_from_version(std::string_view text) {
  for (const auto& signature : signatures)
    if (text.find(signature.text) != std::string_view::npos) return std::string(signature.platform);
  return "";
}

asio::awaitable<std::string> detect_platform(const Options& options) {
  using namespace asio::experimental;
  auto executor = co_await asio::this_coro::executor;
  auto transport = make_transport(options.transport, executor, options);
  co_await transport->open();
  // No pager, then the question; a platform that does not know the first says so and
  // still answers the second.
  co_await transport->write("terminal length 0\n");
  co_await transport->write("show version\n");
  std::string seen;
  std::vector<char> buffer(16384);
  asio::steady_timer deadline(executor, options.timeout_ops);
  for (;;) {
    auto [order, read_error, bytes, timer_error] =
        co_await make_parallel_group(
            asio::co_spawn(executor, transport->read_some(buffer), deferred),
            deadline.async_wait(deferred))
            .async_wait(wait_for_one(), asio::use_awaitable);
    if (order[0] == 1 || read_error) break;
    seen.append(buffer.data(), bytes);
    if (auto platform = platform_from_version(seen); !platform.empty()) {
      transport->abort();
      co_return platform;
    }
  }
  transport->abort();
  ErrorContext context{.host = options.label.empty() ? options.host : options.label,
                       .operation = "detect platform",
                       .command = "show version",
                       .tail = seen.substr(seen.size() > 300 ? seen.size() - 300 : 0)};
  throw UnknownPlatform(
      "platform = \"auto\": no known platform's signature in what the "
      "device answered to show version; name the platform in the inventory",
      context);
}

}  // namespace vty::cli
