/// @file
/// Where a command's output can go as it arrives, instead of into its Response: for
/// outputs too large to hold (a full `show tech`, a routing table of a million lines).
#pragma once

#include <string_view>

namespace vty {

class OutputSink {
 public:
  virtual ~OutputSink() = default;
  /// Receives the cleaned output in order, in chunks that end at line boundaries (the
  /// line end before the prompt is never sent). Called on the driver's executor; an
  /// exception thrown here ends the command with that exception.
  virtual void write(std::string_view text) = 0;
};

}  // namespace vty
