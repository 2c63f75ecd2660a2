// What a process holds that a finished session must give back: open descriptors.
#pragma once

#include <chrono>
#include <thread>

namespace vty::test {

// Kernel state seen under /proc (descriptors, threads, sockets, children) gives no notice when
// it changes, so waiting for it is polling: checks `condition` every 20 ms until it holds or
// `limit` passes. Whether it held.
template <typename Condition>
bool poll_until(Condition condition, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

// The number of descriptors open in this process now.
int open_descriptor_count();

// Waits up to `limit` for the count to drop to `expected` (a session's last descriptor may
// be closed by a reaper thread shortly after the session ends); returns the last count.
int descriptor_count_settling_at(int expected,
                                 std::chrono::milliseconds limit = std::chrono::seconds(5));

}  // namespace vty::test
