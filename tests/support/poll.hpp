// Waiting for something that gives no notice when it changes (kernel state under /proc, a
// device's running configuration after its confirm timer): checking it until it holds.
#pragma once

#include <chrono>
#include <thread>

namespace vty::test {

// Checks `check` until it holds or `deadline` passes, with a short `pause` between checks;
// whether the last check held. Returns as soon as one does.
template <typename Check>
bool poll_until(Check check, std::chrono::steady_clock::time_point deadline,
                std::chrono::milliseconds pause = std::chrono::milliseconds(20)) {
  while (!check()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(pause);
  }
  return true;
}

// The same, for at most `limit` from now.
template <typename Check>
bool poll_until(Check check, std::chrono::milliseconds limit) {
  return poll_until(check, std::chrono::steady_clock::now() + limit);
}

}  // namespace vty::test
