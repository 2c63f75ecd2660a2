// detect_platform(): a PlatformDetector driven over a real session of its own.
#include "vty/channel.hpp"
#include "vty/errors.hpp"
#include "vty/platform_detect.hpp"
#include "vty/transport.hpp"

namespace vty {
namespace {

std::vector<PlatformDefinition> every_platform(const Options& options) {
  std::vector<PlatformDefinition> platforms;
  for (const auto& entry : list_platforms(options.platform_paths)) {
    platforms.push_back(load_platform_file(entry.file, options.platform_paths));
  }
  return platforms;
}

// A platform of one level whose prompt is any candidate's: what the channel reads with.
PlatformDefinition any_of(const PlatformDetector& detector) {
  PlatformDefinition probe;
  probe.name = "auto";
  probe.default_privilege = "any";
  probe.config_privilege = "any";
  probe.pager_pattern = detector.pager_pattern();
  probe.privileges.push_back({.name = "any", .pattern = detector.prompt_pattern()});
  return probe;
}

}  // namespace

asio::awaitable<PlatformGuess> detect_platform(asio::any_io_executor executor, Options options) {
  PlatformDetector detector{every_platform(options)};
  const PlatformDefinition probe = any_of(detector);
  const std::string host = options.label.empty() ? options.host : options.label;
  auto transport = make_transport(options.transport, executor, options);
  co_await transport->open();
  Channel channel{executor, std::move(transport), probe, host};
  try {
    ErrorContext context{.host = host, .operation = "detect_platform"};
    auto first = co_await channel.read_until_prompt(context, options.timeout_ops);
    detector.see_prompt(first.prompt);
    for (auto command = detector.next_command(); !command.empty();
         command = detector.next_command()) {
      ErrorContext sent{.host = host, .operation = "detect_platform", .command = command};
      auto reply = co_await channel.send_input(command, sent, options.timeout_ops);
      detector.see_output(command, reply.output);
    }
  } catch (...) {
    channel.transport().abort();
    throw;
  }
  co_await channel.transport().close();
  co_return detector.result();
}

}  // namespace vty
