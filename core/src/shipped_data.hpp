// Where the data that ships with vty (platform definitions, vty-sim's devices) is found:
// the source tree for a program of the build tree, the installed tree of the file holding
// vty's code otherwise.
#pragma once

#include <filesystem>
#include <string_view>

namespace vty::detail {

/// True when the code calling it was linked from this project's build tree (a test, a
/// developer's `build/tools/vty/vty`), false once installed: an installed program must
/// never read the tree it was built from.
bool running_from_build_tree();

/// The shipped data of `kind` installed with the file `code_file` (the program, the shared
/// libvty or the Python module holding vty's code), moved or not: `<folder>/<kind>` beside
/// it (a pip-built Python package), else `share/vty/<kind>` of the nearest of its folder and
/// the 4 above it (enough for <prefix>/lib/python3.X/dist-packages/vty); empty if none is.
std::filesystem::path installed_data_dir(std::string_view kind,
                                         const std::filesystem::path& code_file);

/// The one folder of shipped data of `kind` ("platforms", "devices", ...) this program
/// uses: `source_dir` for a build-tree program; otherwise installed_data_dir() of the file
/// holding this code when there is one, else `install_dir`.
std::filesystem::path shipped_data_dir(std::string_view kind,
                                       const std::filesystem::path& source_dir,
                                       const std::filesystem::path& install_dir);

}  // namespace vty::detail
