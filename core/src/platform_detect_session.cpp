// detect_platform(): a PlatformDetector driven over a real session.
#include "platform_detect_session.hpp"

#include <cstdio>

#include "in_band_login.hpp"
#include "session_events.hpp"
#include "vty/errors.hpp"
#include "vty/transport.hpp"

namespace vty {
namespace detail {
namespace {

std::vector<PlatformDefinition> every_platform(const Options& options) {
  std::vector<PlatformDefinition> platforms;
  for (const auto& entry : list_platforms(options.platform_paths)) {
    platforms.push_back(load_platform_file(entry.file, options.platform_paths));
  }
  return platforms;
}

PlatformDefinition any_of(const PlatformDetector& detector) {
  PlatformDefinition probe;
  probe.name = "auto";
  probe.default_privilege = "any";
  probe.config_privilege = "any";
  probe.pager_pattern = detector.pager_pattern();
  probe.privileges.push_back({.name = "any", .pattern = detector.prompt_pattern()});
  return probe;
}

std::string seconds(std::chrono::milliseconds d) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", static_cast<double>(d.count()) / 1000.0);
  return std::string(text) + "s";
}

}  // namespace

Detection::Detection(const Options& options)
    : detector(every_platform(options)), probe(any_of(detector)) {
  candidates = detector.candidates().size();
}

asio::awaitable<Detected> detect_over(Channel& channel, const Options& options,
                                      Detection& detection) {
  auto& detector = detection.detector;
  Detected found;
  try {
    if (channel.transport().authenticates_in_band() || options.login.wake_console) {
      InBandLogin login(channel, options, detection.probe);
      found.last = co_await login.run();
    } else {
      ErrorContext context{.host = channel.host(), .operation = "detect_platform"};
      found.last = co_await channel.read_until_prompt(context, options.timeout_ops);
    }
    detector.see_prompt(found.last.prompt);
    for (auto command = detector.next_command(); !command.empty();
         command = detector.next_command()) {
      ErrorContext sent{.host = channel.host(), .operation = "detect_platform", .command = command};
      found.last = co_await channel.send_input(command, sent, options.timeout_ops);
      detector.see_output(command, found.last.output);
    }
  } catch (const OperationTimeout& timeout) {
    // The awaited pattern is every candidate's prompt (kilobytes): pattern() keeps it, the
    // message says what it stands for.
    throw OperationTimeout("no prompt of any of the " + std::to_string(detection.candidates) +
                               " known platforms within " + seconds(options.timeout_ops),
                           timeout.context());
  }
  found.guess = detector.result();
  co_return found;
}

}  // namespace detail

asio::awaitable<PlatformGuess> detect_platform(asio::any_io_executor executor, Options options) {
  detail::Detection detection(options);
  const std::string host = options.label.empty() ? options.host : options.label;
  auto transport = options.transport.make(executor, options);
  using Kind = SessionEvent::Kind;
  detail::SessionEvents events(options, "auto", transport->name(),
                               transport->authenticates_in_band());
  events.note(Kind::operation_started, "detect_platform");
  bool done = false;
  struct Finish {  // the last events, however it ends
    detail::SessionEvents& events;
    const bool& done;
    ~Finish() {
      events.note(Kind::operation_finished, "detect_platform", {}, !done);
      events.note(Kind::ended, done ? "close" : "abort");
    }
  } finish{events, done};
  events.opening();
  co_await transport->open();
  events.note(Kind::opened);
  Channel channel{executor, std::move(transport), detection.probe, host};
  channel.observe(&events);
  channel.fail_on_unknown_prompt(options.timeout_unknown_prompt);
  PlatformGuess guess;
  try {
    auto detected = co_await detail::detect_over(channel, options, detection);
    guess = std::move(detected.guess);
  } catch (...) {
    channel.transport().abort();
    throw;
  }
  co_await channel.transport().close();
  done = true;
  co_return guess;
}

}  // namespace vty
