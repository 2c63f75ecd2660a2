// The device side of a replay, sans-io: a recording, the input the client has sent so far,
// and the output the device may print now. The replay transport and vty-sim's
// --from-recording both play recordings through it.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "vty/errors.hpp"
#include "vty/recording.hpp"

namespace vty::replay {

class ReplayScript {
 public:
  struct Settings {
    bool normalise_whitespace = false;  // compare input modulo spaces, tabs and line ends
    std::string source{};               // the file, for errors
    std::string host{};                 // for errors
  };

  ReplayScript(Recording recording, Settings settings);

  /// What the device does next.
  enum class Next {
    output,      ///< prints output_event()'s bytes (take_output)
    wait_input,  ///< waits for the client's next input
    closed,      ///< closes the session (a recorded "closed" event)
    end,         ///< the recording is over
  };
  Next next() const;
  /// The received event about to be printed (Next::output, or waiting behind input).
  const RecordedEvent* output_event() const;
  /// Up to `max` bytes of the pending output; consecutive received events with no input
  /// between them come as one piece when `merge` says so.
  std::string take_output(std::size_t max, bool merge = true);

  /// Input from the client, split anywhere (whole writes in normalised mode). Throws
  /// ReplayMismatch with the recorded and the actual input and the event's index.
  void input(std::string_view bytes);

  const Recording& recording() const { return recording_; }
  /// Every recorded input was sent.
  bool input_done() const { return in_ >= recording_.events.size(); }
  /// When the last input the client completed was recorded (0 before any).
  std::chrono::microseconds last_input_at() const { return last_input_at_; }

 private:
  void skip_to_input();
  void skip_to_output();
  void input_exact(std::string_view bytes);
  [[noreturn]] void mismatch(std::string_view actual) const;

  Recording recording_;
  Settings settings_;
  std::size_t in_ = 0;         // the next recorded input (a sent event), or events.size()
  std::size_t in_offset_ = 0;  // bytes of it already matched
  std::size_t out_ = 0;        // the next received or closed event
  std::size_t out_offset_ = 0;
  std::chrono::microseconds last_input_at_{};
};

/// Spaces and tabs collapsed, trimmed at line ends, and \r\n, \r, \n all one line end.
std::string normalise_whitespace(std::string_view input);

}  // namespace vty::replay
