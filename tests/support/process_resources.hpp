// What a process holds that a finished session must give back: open descriptors.
#pragma once

#include <chrono>

#include "support/poll.hpp"

namespace vty::test {

// The number of descriptors open in this process now.
int open_descriptor_count();

// Waits up to `limit` for the count to drop to `expected` (a session's last descriptor may
// be closed by a reaper thread shortly after the session ends); returns the last count.
int descriptor_count_settling_at(int expected,
                                 std::chrono::milliseconds limit = std::chrono::seconds(5));

}  // namespace vty::test
