// C++ platform plugins: the shipped ones do what their definitions cannot say, and a
// user's plugin is found by a definition's `plugin` key.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include <vty/platform_plugin.hpp>
#include <vty/vty.hpp>

#include "support/sim.hpp"

using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

vty::Options sim_options(const vty::test::Sim& sim, const std::string& platform) {
  vty::Options options = sim.options();
  options.platform = platform;
  return options;
}

}  // namespace

TEST_CASE("the fortinet_fortios plugin turns the console's paging off at open") {
  vty::test::Sim sim({.extra_args = {"--platform", "fortinet_fortios"}});
  vty::Driver driver(sim_options(sim, "fortinet_fortios"));
  driver.open();
  auto big = driver.send_command("show big 0.02");
  CHECK_FALSE(big.failed);
  CHECK(big.raw_result.find("--More--") == std::string::npos);
  driver.close();
}

TEST_CASE("the cisco_asa plugin sets the terminal width in configuration mode") {
  vty::test::Sim sim({.extra_args = {"--platform", "cisco_asa"}});
  vty::Driver driver(sim_options(sim, "cisco_asa"));
  driver.open();
  CHECK(driver.current_privilege() == "privilege_exec");
  CHECK_THAT(driver.send_command("show running-config").result, Contains("terminal width 511"));
  driver.close();
}

TEST_CASE("a definition's plugin key names a plugin the program registered") {
  std::string folder_pattern = (fs::temp_directory_path() / "vty-plugin-XXXXXX").string();
  REQUIRE(mkdtemp(folder_pattern.data()) != nullptr);
  const fs::path folder = folder_pattern;
  std::ofstream{folder / "lab_ios.toml"} << "extends = \"cisco_iosxe\"\nname = \"lab_ios\"\n"
                                            "plugin = \"lab_hooks\"\n";
  std::ofstream{folder / "lab_broken.toml"} << "extends = \"cisco_iosxe\"\nname = \"lab_broken\"\n"
                                               "plugin = \"no_such_plugin\"\n";
  vty::test::Sim sim;

  SECTION("its hooks run around the session") {
    static std::vector<std::string> calls;
    calls.clear();
    vty::register_platform_plugin(
        "lab_hooks", {.prepare = [](vty::Options& o) { calls.push_back("prepare " + o.platform); },
                      .on_open = [](vty::AsyncDriver& d) -> asio::awaitable<void> {
                        auto clock = co_await d.send_command("show clock");
                        calls.push_back("open: " + clock.result);
                      },
                      .on_close = [](vty::AsyncDriver& d) -> asio::awaitable<void> {
                        calls.push_back("close at " + d.current_privilege());
                        co_return;
                      }});
    vty::Options options = sim_options(sim, "lab_ios");
    options.platform_paths = {folder};
    vty::Driver driver(options);
    driver.open();
    CHECK(driver.platform().plugin == "lab_hooks");
    driver.close();
    CHECK(calls == std::vector<std::string>{"prepare lab_ios",
                                            "open: *10:41:07.482 UTC Tue Mar 25 2025",
                                            "close at privilege_exec"});
  }
  SECTION("an unregistered one is refused at open") {
    vty::Options options = sim_options(sim, "lab_broken");
    options.platform_paths = {folder};
    vty::Driver driver(options);
    CHECK_THROWS_AS(driver.open(), vty::UnknownPlatform);
    CHECK_FALSE(driver.is_open());
  }
  std::error_code ignored;
  fs::remove_all(folder, ignored);
}
