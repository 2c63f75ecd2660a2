/// @file
/// What a command returns: its output, timing and whether the device said it failed.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace vty {

struct Response {
  using Clock = std::chrono::system_clock;

  std::string host{};
  std::string command{};
  std::string result{};      ///< cleaned: no echo, no prompt, no escapes, "\n" line ends
  std::string raw_result{};  ///< every byte received, as received
  Clock::time_point start_time;
  Clock::time_point finish_time;
  bool failed = false;
  std::string failed_when_contains{};  ///< the platform failure string that was found, if any

  std::chrono::duration<double> elapsed() const { return finish_time - start_time; }
  /// Throws vty::CommandFailed when failed is set.
  void raise_for_status() const;
};

struct MultiResponse : std::vector<Response> {
  bool failed() const;
  /// Throws vty::CommandFailed for the first failed response.
  void raise_for_status() const;
  /// Each response's result, joined by newlines.
  std::string result() const;
  std::chrono::duration<double> elapsed() const;
};

}  // namespace vty
