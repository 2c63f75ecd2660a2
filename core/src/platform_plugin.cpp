// The plugin registry, with the shipped plugins registered on first use (a static
// initializer in a static library could be dropped by the linker).
#include "vty/platform_plugin.hpp"

#include <map>
#include <mutex>

#include "shipped_plugins.hpp"
#include "vty/errors.hpp"

namespace vty {
namespace {

struct Registry {
  std::mutex mutex;
  // Nodes of a std::map stay put, so a pointer handed out survives later registrations.
  std::map<std::string, PlatformPlugin, std::less<>> plugins;
};

Registry& registry() {
  static Registry* instance = [] {
    auto* r = new Registry;
    detail::register_shipped_plugins(
        [r](std::string name, PlatformPlugin plugin) { r->plugins[name] = std::move(plugin); });
    return r;
  }();
  return *instance;
}

}  // namespace

void register_platform_plugin(std::string name, PlatformPlugin plugin) {
  auto& r = registry();
  std::lock_guard guard{r.mutex};
  r.plugins[std::move(name)] = std::move(plugin);
}

const PlatformPlugin* platform_plugin_for(const PlatformDefinition& platform) {
  auto& r = registry();
  std::lock_guard guard{r.mutex};
  const std::string& name = platform.plugin.empty() ? platform.name : platform.plugin;
  auto found = r.plugins.find(name);
  if (found != r.plugins.end()) return &found->second;
  if (!platform.plugin.empty()) {
    throw UnknownPlatform("platform " + platform.name + " names plugin \"" + platform.plugin +
                          "\", which is not registered (register_platform_plugin)");
  }
  return nullptr;
}

}  // namespace vty
