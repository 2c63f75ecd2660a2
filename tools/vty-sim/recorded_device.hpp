// --from-recording: a recording (docs/recording.md) plays the device, sans-io. Fed what the
// client types, it checks it against the recording and hands out the recorded output.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "replay_script.hpp"
#include "vty/recording.hpp"

namespace vty::sim {

class RecordedDevice {
 public:
  explicit RecordedDevice(const Recording& recording, std::string source);

  // Input that differs from the recording ends the session: the device prints why (and
  // vty-sim logs it on stderr), then hangs up.
  void feed(std::string_view bytes);
  std::string read(std::size_t max = 16 * 1024);
  // The recorded device closed the session, the recording is over, or input differed.
  bool closed() const;

 private:
  replay::ReplayScript script_;
  std::string complaint_;
  bool mismatched_ = false;
};

}  // namespace vty::sim
