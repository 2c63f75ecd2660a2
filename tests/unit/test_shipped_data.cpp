// Where an installed vty finds its shipped data: from the file holding its code (a program,
// a shared libvty, the Python module), in the layouts `cmake --install` and pip make.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "shipped_data.hpp"
#include "support/child_process.hpp"

namespace fs = std::filesystem;
using vty::detail::installed_data_dir;

namespace {

fs::path make_folder(const fs::path& root, const std::string& relative) {
  fs::create_directories(root / relative);
  return root / relative;
}

fs::path make_file(const fs::path& root, const std::string& relative) {
  fs::create_directories((root / relative).parent_path());
  std::ofstream{root / relative};
  return root / relative;
}

}  // namespace

TEST_CASE("installed data is found from the file holding vty's code, in every install layout") {
  vty::test::TempDir dir;
  const fs::path prefix = fs::path(dir.path()) / "prefix";
  const fs::path platforms = make_folder(prefix, "share/vty/platforms");
  for (const char* code : {"bin/vty", "lib/libvty_core.so.0", "lib/x86_64-linux-gnu/libvty_core.so",
                           "lib/python3.11/dist-packages/vty/_vty.cpython-311.so",
                           "lib/python3/dist-packages/vty/_vty.so"}) {
    INFO(code);
    CHECK(installed_data_dir("platforms", make_file(prefix, code)) == platforms);
  }
  SECTION("a package that carries its data beside its module (pip) uses that") {
    const fs::path package = fs::path(dir.path()) / "site/vty";
    const fs::path carried = make_folder(package, "platforms");
    CHECK(installed_data_dir("platforms", make_file(package, "_vty.so")) == carried);
  }
  SECTION("none, where there is no such data near the file") {
    CHECK(installed_data_dir("devices", prefix / "bin/vty").empty());
    CHECK(installed_data_dir("platforms", make_file(prefix, "a/b/c/d/e/program")).empty());
    CHECK(installed_data_dir("platforms", "").empty());
  }
}
