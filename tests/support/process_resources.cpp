#include "support/process_resources.hpp"

#include <filesystem>
#include <thread>

namespace vty::test {

int open_descriptor_count() {
  int count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    ++count;
  }
  return count - 1;  // the directory iterator's own descriptor
}

int descriptor_count_settling_at(int expected, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int count = open_descriptor_count();
  while (count > expected && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    count = open_descriptor_count();
  }
  return count;
}

}  // namespace vty::test
