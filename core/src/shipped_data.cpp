#include "shipped_data.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <string>

namespace vty::detail {

namespace fs = std::filesystem;

namespace {

// The file holding this code: a shared libvty, or the program it was linked into.
fs::path own_file() {
  std::error_code error;
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&running_from_build_tree), &info) != 0 && info.dli_fname &&
      std::string_view{info.dli_fname}.find(".so") != std::string_view::npos) {
    return fs::canonical(info.dli_fname, error);
  }
  return fs::canonical("/proc/self/exe", error);
}

bool inside(const fs::path& file, const fs::path& folder) {
  auto [folder_end, file_at] =
      std::mismatch(folder.begin(), folder.end(), file.begin(), file.end());
  return folder_end == folder.end();
}

}  // namespace

bool running_from_build_tree() {
  static const bool from_build_tree = [] {
    std::error_code error;
    const fs::path build = fs::canonical(VTY_BUILD_DIR, error);
    if (error) return false;
    const fs::path self = own_file();
    return !self.empty() && inside(self, build);
  }();
  return from_build_tree;
}

fs::path shipped_data_dir(std::string_view kind, const fs::path& source_dir,
                          const fs::path& install_dir) {
  if (running_from_build_tree()) return source_dir;
  std::error_code error;
  const fs::path program = fs::canonical("/proc/self/exe", error);
  if (!error) {
    fs::path beside = (program.parent_path() / ".." / "share" / "vty" / kind).lexically_normal();
    if (fs::is_directory(beside, error)) return beside;
  }
  return install_dir;
}

}  // namespace vty::detail
