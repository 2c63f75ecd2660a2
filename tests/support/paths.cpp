#include "support/paths.hpp"

namespace vty::test {

const char* source_dir() {
  return VTY_TEST_PATHS_SOURCE_DIR;
}
const char* test_data_dir() {
  return VTY_TEST_PATHS_DATA_DIR;
}
const char* sim_path() {
  return VTY_TEST_PATHS_SIM;
}
const char* cli_path() {
  return VTY_TEST_PATHS_CLI;
}

}  // namespace vty::test
