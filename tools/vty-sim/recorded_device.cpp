#include "vty-sim/recorded_device.hpp"

#include <iostream>
#include <utility>

namespace vty::sim {

RecordedDevice::RecordedDevice(const Recording& recording, std::string source)
    : script_(recording, {.source = std::move(source), .host = recording.header.host}) {}

void RecordedDevice::feed(std::string_view bytes) {
  if (mismatched_) return;
  try {
    script_.input(bytes);
  } catch (const ReplayMismatch& mismatch) {
    std::cerr << "vty-sim: " << mismatch.what() << "\n";
    complaint_ = std::string("\r\n% vty-sim: ") + mismatch.summary() + "\r\n";
    mismatched_ = true;
  }
}

std::string RecordedDevice::read(std::size_t max) {
  if (mismatched_) return std::exchange(complaint_, {});
  if (script_.next() != replay::ReplayScript::Next::output) return {};
  return script_.take_output(max);
}

bool RecordedDevice::closed() const {
  using Next = replay::ReplayScript::Next;
  auto next = script_.next();
  return mismatched_ || next == Next::closed || (next == Next::end && script_.input_done());
}

}  // namespace vty::sim
