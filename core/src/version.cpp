#include "vty/vty.hpp"

namespace vty {
const char* version() noexcept {
  return VTY_VERSION;
}
}  // namespace vty
