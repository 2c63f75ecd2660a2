/// @file
/// Platform autodetection: which definition fits a device, from its first prompt and, when
/// several fit, the output of identifying commands. PlatformDetector is sans-io (fed text,
/// it says what to send next); detect_platform() drives it over a real session.
#pragma once

#include "vty/detail/asio.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vty/options.hpp"
#include "vty/platform.hpp"

namespace vty {

/// What detection chose, and why, in words for a log or a report.
struct PlatformGuess {
  std::string platform{};
  std::string reason{};
};

class PlatformDetector {
 public:
  /// `candidates` are tried in this order when the evidence cannot tell them apart.
  explicit PlatformDetector(std::vector<PlatformDefinition> candidates);
  ~PlatformDetector();
  PlatformDetector(PlatformDetector&&) noexcept;
  PlatformDetector& operator=(PlatformDetector&&) noexcept;

  /// A pattern matching the prompt of any candidate: read until it after login.
  std::string prompt_pattern() const;
  /// A pattern matching any candidate's pager prompt ("" when none pages).
  std::string pager_pattern() const;

  /// The first prompt line the device showed: keeps the candidates with a level matching it.
  void see_prompt(std::string_view prompt);
  /// The next identifying command to send; "" when decided or nothing is left to try.
  std::string next_command() const;
  /// The output of `command`: keeps the candidates whose [detect] pattern it matches.
  void see_output(std::string_view command, std::string_view output);

  bool decided() const;
  /// The names still in the running.
  std::vector<std::string> candidates() const;
  /// The choice. Throws UnknownPlatform when no candidate fits the evidence.
  PlatformGuess result() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Connects with `options` (its `platform` is ignored), reads the first prompt, sends the
/// identifying commands the candidates' [detect] tables name until one platform is left,
/// and disconnects. Candidates: every definition along the search path of
/// `options.platform_paths`. Throws UnknownPlatform when none fits, and the usual
/// connection, authentication and timeout errors.
asio::awaitable<PlatformGuess> detect_platform(asio::any_io_executor executor, Options options);

}  // namespace vty
