#include "shipped_data.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <string>

namespace vty::detail {

namespace fs = std::filesystem;

namespace {

// The file holding this code: a shared libvty, the Python module, or the program it was
// linked into.
const fs::path& own_file() {
  static const fs::path file = [] {
    std::error_code error;
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&running_from_build_tree), &info) != 0 && info.dli_fname &&
        std::string_view{info.dli_fname}.find(".so") != std::string_view::npos) {
      return fs::canonical(info.dli_fname, error);
    }
    return fs::canonical("/proc/self/exe", error);
  }();
  return file;
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

fs::path installed_data_dir(std::string_view kind, const fs::path& code_file) {
  if (!code_file.is_absolute()) return {};  // the file was not found
  std::error_code error;
  fs::path folder = code_file.parent_path();
  // A Python package built by pip carries its data inside, beside its module.
  if (fs::is_directory(folder / kind, error)) return folder / kind;
  // <prefix>/share/vty/<kind> from <prefix>/bin, <prefix>/lib, <prefix>/lib/<multiarch> or
  // <prefix>/lib/python3.X/dist-packages/vty: the nearest, no higher than that.
  for (int up = 0; up <= 4 && !folder.empty(); ++up, folder = folder.parent_path()) {
    fs::path data = folder / "share" / "vty" / kind;
    if (fs::is_directory(data, error)) return data;
    if (folder == folder.root_path()) break;
  }
  return {};
}

fs::path shipped_data_dir(std::string_view kind, const fs::path& source_dir,
                          const fs::path& install_dir) {
  if (running_from_build_tree()) return source_dir;
  fs::path beside = installed_data_dir(kind, own_file());
  return beside.empty() ? install_dir : beside;
}

}  // namespace vty::detail
