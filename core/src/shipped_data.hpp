// Where the data that ships with vty (platform definitions, vty-sim's devices) is found:
// the source tree for a program of the build tree, its own installed tree otherwise.
#pragma once

#include <filesystem>
#include <string_view>

namespace vty::detail {

/// True when the code calling it was linked from this project's build tree (a test, a
/// developer's `build/tools/vty/vty`), false once installed: an installed program must
/// never read the tree it was built from.
bool running_from_build_tree();

/// The one folder of shipped data of `kind` ("platforms", "scenarios", ...) this program
/// uses: `source_dir` for a build-tree program; otherwise <program>/../share/vty/<kind> when
/// it exists (an installed tree, moved or not), else `install_dir`.
std::filesystem::path shipped_data_dir(std::string_view kind,
                                       const std::filesystem::path& source_dir,
                                       const std::filesystem::path& install_dir);

}  // namespace vty::detail
