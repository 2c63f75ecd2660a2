#include "support/environment.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string_view>
#include <vector>

extern char** environ;

namespace vty::test {

IsolatedEnvironment::IsolatedEnvironment() {
  std::vector<std::string> unwanted{"SSH_AUTH_SOCK", "SSH_AGENT_PID", "XDG_CONFIG_HOME",
                                    "XDG_DATA_HOME", "XDG_CACHE_HOME"};
  for (char** entry = environ; *entry; ++entry) {
    std::string_view variable{*entry};
    const std::string_view name = variable.substr(0, variable.find('='));
    if (name.starts_with("VTY_") && !name.starts_with("VTY_TEST_")) unwanted.emplace_back(name);
  }
  for (const auto& name : unwanted) unsetenv(name.c_str());
  std::string pattern = (std::filesystem::temp_directory_path() / "vty-test-home-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed for the test HOME");
  home_ = pattern;
  setenv("HOME", home_.c_str(), 1);
}

IsolatedEnvironment::~IsolatedEnvironment() {
  std::error_code ignored;
  std::filesystem::remove_all(home_, ignored);
}

}  // namespace vty::test
