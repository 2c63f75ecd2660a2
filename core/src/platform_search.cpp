// Finds platform definitions: the user's folders, $VTY_PLATFORM_PATH, then the shipped ones.
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "platform_toml.hpp"
#include "shipped_data.hpp"
#include "suggestions.hpp"
#include "vty/errors.hpp"
#include "vty/platform.hpp"

namespace vty {

namespace fs = std::filesystem;
using detail::did_you_mean;
using detail::join;

namespace {

struct Folder {
  fs::path path;
  PlatformOrigin origin;
};

std::vector<Folder> search_folders(const std::vector<fs::path>& extra_dirs) {
  std::vector<Folder> dirs;
  for (const auto& dir : extra_dirs) dirs.push_back({dir, PlatformOrigin::kExtra});
  if (const char* env = std::getenv("VTY_PLATFORM_PATH")) {
    std::string_view rest = env;
    while (!rest.empty()) {
      auto colon = rest.find(':');
      std::string_view entry = rest.substr(0, colon);
      if (!entry.empty()) dirs.push_back({fs::path{entry}, PlatformOrigin::kEnvironment});
      rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    }
  }
  // The shipped definitions: one folder, the source tree's for a program of the build tree
  // and the installed one otherwise (see shipped_data.hpp).
  dirs.push_back(
      {detail::shipped_data_dir("platforms", VTY_SOURCE_PLATFORM_DIR, VTY_INSTALL_PLATFORM_DIR),
       PlatformOrigin::kShipped});
  return dirs;
}

// Every definition this process has parsed: drivers share them instead of parsing the
// TOML (and checking every pattern) each time one is made. A definition is known by its
// file as it is on disk now and by where its `extends` would be looked for.
class Catalog {
 public:
  static Catalog& instance() {
    static Catalog catalog;
    return catalog;
  }

  PlatformDefinition load(const fs::path& file, const std::vector<fs::path>& extra_dirs) {
    const std::string key = key_of(file, extra_dirs);
    std::lock_guard lock(mutex_);
    auto found = loaded_.find(key);
    if (found == loaded_.end()) {
      // Parsed under the lock: each file once, however many drivers ask at the same time.
      // A bad definition is not kept: it throws again next time, with its position.
      auto platform = std::make_shared<PlatformDefinition>(
          parse_platform(detail::read_definition_text(file), file, extra_dirs));
      platform->source = file;
      parsed_.fetch_add(1, std::memory_order_relaxed);
      found = loaded_.emplace(key, std::move(platform)).first;
    }
    return *found->second;
  }

  std::size_t parsed() const noexcept { return parsed_.load(std::memory_order_relaxed); }

 private:
  // The file's identity and state (a changed file is parsed again), and the search path.
  static std::string key_of(const fs::path& file, const std::vector<fs::path>& extra_dirs) {
    std::error_code error;
    std::string key = fs::absolute(file, error).lexically_normal().string();
    key += '\0' + std::to_string(fs::last_write_time(file, error).time_since_epoch().count());
    key += '\0' + std::to_string(fs::file_size(file, error));
    for (const auto& dir : platform_search_path(extra_dirs)) key += '\0' + dir.string();
    return key;
  }

  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const PlatformDefinition>> loaded_;
  std::atomic<std::size_t> parsed_{0};
};

}  // namespace

PlatformDefinition load_platform_file(const fs::path& file,
                                      const std::vector<fs::path>& extra_dirs) {
  return Catalog::instance().load(file, extra_dirs);
}

std::size_t platform_files_parsed() noexcept {
  return Catalog::instance().parsed();
}

std::vector<fs::path> platform_search_path(const std::vector<fs::path>& extra_dirs) {
  std::vector<fs::path> dirs;
  for (auto& folder : search_folders(extra_dirs)) dirs.push_back(std::move(folder.path));
  return dirs;
}

std::string_view to_string(PlatformOrigin origin) {
  switch (origin) {
    case PlatformOrigin::kExtra:
      return "user folder";
    case PlatformOrigin::kEnvironment:
      return "VTY_PLATFORM_PATH";
    case PlatformOrigin::kShipped:
      return "shipped";
  }
  return "shipped";
}

std::vector<PlatformListing> list_platforms(const std::vector<fs::path>& extra_dirs) {
  std::map<std::string, PlatformListing> found;
  for (const auto& folder : search_folders(extra_dirs)) {
    std::error_code error;
    std::vector<fs::path> files;
    for (fs::directory_iterator it{folder.path, error}, end; !error && it != end;
         it.increment(error)) {
      if (it->path().extension() == ".toml") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      const std::string name = file.stem().string();
      auto [entry, fresh] = found.try_emplace(name);
      if (fresh) {
        entry->second = {name, file, folder.origin, {}};
      } else {
        entry->second.overridden.push_back(file);
      }
    }
  }
  std::vector<PlatformListing> listing;
  for (auto& [name, entry] : found) listing.push_back(std::move(entry));
  return listing;
}

PlatformDefinition load_platform(std::string_view name, const std::vector<fs::path>& extra_dirs) {
  const auto dirs = platform_search_path(extra_dirs);
  const bool plain_name =
      !name.empty() && name.find('/') == std::string_view::npos && name != "." && name != "..";
  if (plain_name) {
    for (const auto& dir : dirs) {
      fs::path file = dir / (std::string{name} + ".toml");
      std::error_code error;
      if (fs::is_regular_file(file, error)) return load_platform_file(file, extra_dirs);
    }
  }
  std::set<std::string> available;
  for (const auto& entry : list_platforms(extra_dirs)) available.insert(entry.name);
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
