// The platform loader's file search is not fuzzed (it reads folders, not input); the
// fuzz build links this instead of core/src/platform_search.cpp.
#include <filesystem>
#include <string_view>
#include <vector>

#include "vty/errors.hpp"
#include "vty/platform.hpp"

namespace vty {

std::vector<std::filesystem::path> platform_search_path(const std::vector<std::filesystem::path>&) {
  return {};
}

PlatformDefinition load_platform(std::string_view name, const std::vector<std::filesystem::path>&) {
  throw UnknownPlatform("the fuzz build has no platform search: " + std::string(name));
}

}  // namespace vty
