// Where the source tree is and where the build put the programs under test. The paths are
// compiled into one file (paths.cpp) rather than given to every test file on its command
// line: a file that names no absolute path compiles to the same object in any checkout, so a
// compiler cache finds it again (CI builds each run in a new folder).
#pragma once

namespace vty::test {

const char* source_dir();     // the repository
const char* test_data_dir();  // tests/data
const char* sim_path();       // the vty-sim program
const char* cli_path();       // the vty program

}  // namespace vty::test

#define VTY_SOURCE_DIR (::vty::test::source_dir())
#define VTY_TEST_DATA_DIR (::vty::test::test_data_dir())
#define VTY_SIM_PATH (::vty::test::sim_path())
#define VTY_CLI_PATH (::vty::test::cli_path())
