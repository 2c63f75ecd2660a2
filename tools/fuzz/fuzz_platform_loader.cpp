// The platform definition loader on any text: a definition is either accepted, and then
// usable (its prompt pattern compiles and its levels form a tree), or refused with
// PlatformDefinitionError naming file:line:col. Nothing else may come out of it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "vty/errors.hpp"
#include "vty/platform.hpp"
#include "vty/privilege_graph.hpp"
#include "vty/regex.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  vty::PlatformDefinition platform;
  try {
    platform = vty::parse_platform(text, "fuzz.toml");
  } catch (const vty::PlatformDefinitionError& error) {
    // Every refusal names the source.
    if (std::string_view(error.what()).find("fuzz.toml") == std::string_view::npos) std::abort();
    return 0;
  }
  // Accepted: the pieces the driver builds from it must build.
  vty::Regex prompt{platform.prompt_pattern()};
  vty::PrivilegeGraph graph{platform};
  for (const auto& level : platform.privileges) {
    try {
      (void)graph.path(level.name, platform.default_privilege);
    } catch (const vty::PrivilegeError&) {
      // Format v1 allows several root levels; between two trees there is no way, and the
      // driver says so with this typed error (found by fuzzing: not a crash).
    }
  }
  return 0;
}
