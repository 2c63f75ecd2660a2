// Finds platform definitions: the user's folders, $VTY_PLATFORM_PATH, then the shipped ones.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "suggestions.hpp"
#include "vty/errors.hpp"
#include "vty/platform.hpp"

namespace vty {

namespace fs = std::filesystem;
using detail::did_you_mean;
using detail::join;

PlatformDefinition load_platform_file(const fs::path& file) {
  std::error_code error;
  if (!fs::is_regular_file(file, error)) {
    throw UnknownPlatform("no platform definition file at " + file.string());
  }
  std::ifstream in{file, std::ios::binary};
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw PlatformError("cannot read platform definition " + file.string());
  PlatformDefinition platform = parse_platform(text.str(), file);
  platform.source = file;
  return platform;
}

std::vector<fs::path> platform_search_path(const std::vector<fs::path>& extra_dirs) {
  std::vector<fs::path> dirs = extra_dirs;
  if (const char* env = std::getenv("VTY_PLATFORM_PATH")) {
    std::string_view rest = env;
    while (!rest.empty()) {
      auto colon = rest.find(':');
      std::string_view entry = rest.substr(0, colon);
      if (!entry.empty()) dirs.emplace_back(entry);
      rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    }
  }
  // The shipped definitions: the source tree (a build that was not installed), the
  // install prefix, and <exe>/../share/vty/platforms for an installed tree that was moved.
  // Only folders that exist are listed; with none, the install folder names where to put them.
  std::vector<fs::path> shipped{VTY_SOURCE_PLATFORM_DIR, VTY_INSTALL_PLATFORM_DIR};
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    shipped.push_back(
        (self.parent_path() / ".." / "share" / "vty" / "platforms").lexically_normal());
  }
  const auto first_shipped = static_cast<std::ptrdiff_t>(dirs.size());
  for (const auto& dir : shipped) {
    if (!fs::is_directory(dir, error)) continue;
    const bool listed =
        std::any_of(dirs.begin() + first_shipped, dirs.end(),
                    [&](const fs::path& d) { return fs::equivalent(d, dir, error); });
    if (!listed) dirs.push_back(dir);
  }
  if (dirs.size() == static_cast<std::size_t>(first_shipped)) {
    dirs.emplace_back(VTY_INSTALL_PLATFORM_DIR);
  }
  return dirs;
}

PlatformDefinition load_platform(std::string_view name, const std::vector<fs::path>& extra_dirs) {
  const auto dirs = platform_search_path(extra_dirs);
  const bool plain_name =
      !name.empty() && name.find('/') == std::string_view::npos && name != "." && name != "..";
  if (plain_name) {
    for (const auto& dir : dirs) {
      fs::path file = dir / (std::string{name} + ".toml");
      std::error_code error;
      if (fs::is_regular_file(file, error)) return load_platform_file(file);
    }
  }
  std::set<std::string> available;
  for (const auto& dir : dirs) {
    std::error_code error;
    for (fs::directory_iterator it{dir, error}, end; !error && it != end; it.increment(error)) {
      if (it->path().extension() == ".toml") available.insert(it->path().stem().string());
    }
  }
  std::vector<std::string> searched;
  for (const auto& dir : dirs) searched.push_back(dir.string());
  throw UnknownPlatform("no platform named \"" + std::string{name} + "\"" +
                        did_you_mean(name, available) + "; looked for " + std::string{name} +
                        ".toml in " + join(searched) +
                        " (extra folders, then $VTY_PLATFORM_PATH, "
                        "then the shipped definitions); available: " +
                        (available.empty() ? std::string{"none"} : join(available)));
}

}  // namespace vty
