#include "support/process_resources.hpp"

#include <filesystem>

namespace vty::test {

int open_descriptor_count() {
  int count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    ++count;
  }
  return count - 1;  // the directory iterator's own descriptor
}

int descriptor_count_settling_at(int expected, std::chrono::milliseconds limit) {
  int count = open_descriptor_count();
  poll_until([&] { return (count = open_descriptor_count()) <= expected; }, limit);
  return count;
}

}  // namespace vty::test
