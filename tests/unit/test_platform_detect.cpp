// Autodetection without a device: prompts and command outputs in, a platform and the
// reason out.
#include <catch2/catch.hpp>

#include "vty/errors.hpp"
#include "vty/platform_detect.hpp"

using Catch::Matchers::Contains;

namespace {

vty::PlatformDetector detector_of(std::initializer_list<const char*> names) {
  std::vector<vty::PlatformDefinition> platforms;
  for (const char* name : names) platforms.push_back(vty::load_platform(name));
  return vty::PlatformDetector{std::move(platforms)};
}

}  // namespace

TEST_CASE("a prompt that only one platform has decides at once") {
  auto detector = detector_of({"cisco_iosxe", "mikrotik_routeros", "huawei_vrp"});
  CHECK_FALSE(detector.decided());
  detector.see_prompt("[admin@MikroTik] > ");
  REQUIRE(detector.decided());
  CHECK(detector.next_command().empty());
  auto guess = detector.result();
  CHECK(guess.platform == "mikrotik_routeros");
  CHECK_THAT(guess.reason, Contains("\"[admin@MikroTik] > \" fits mikrotik_routeros"));
}

TEST_CASE("a prompt several platforms share is settled by their [detect] commands") {
  auto detector = detector_of({"cisco_iosxe", "cisco_nxos", "arista_eos", "linux"});
  detector.see_prompt("leaf1#");
  CHECK(detector.candidates() ==
        std::vector<std::string>{"cisco_iosxe", "cisco_nxos", "arista_eos", "linux"});
  SECTION("the command most of them name goes first") {
    REQUIRE(detector.next_command() == "show version");
    detector.see_output("show version", "Arista DCS-7050TX-64\nSoftware image version: 4.31.1F");
    REQUIRE(detector.decided());
    CHECK(detector.result().platform == "arista_eos");
    CHECK_THAT(detector.result().reason, Contains("the output of `show version` fits arista_eos"));
  }
  SECTION("an output none of them expects moves on to the others' commands") {
    detector.see_output("show version", "-bash: show: command not found");
    CHECK(detector.candidates() == std::vector<std::string>{"linux"});
    CHECK(detector.decided());
    CHECK(detector.result().platform == "linux");
  }
}

TEST_CASE("Huawei VRP 5 and VRP 8 share their prompts and differ in display version") {
  auto detector = detector_of({"huawei_vrp", "huawei_vrpv8", "hp_comware"});
  detector.see_prompt("<CE1>");
  REQUIRE(detector.next_command() == "display version");
  detector.see_output("display version", "VRP (R) software, Version 8.191 (CE6881 V300R020C00)");
  CHECK(detector.result().platform == "huawei_vrpv8");
}

TEST_CASE("a device no definition fits is refused with the evidence") {
  auto detector = detector_of({"cisco_iosxe", "juniper_junos"});
  detector.see_prompt("Welcome!");
  CHECK(detector.decided());
  CHECK_THROWS_WITH(detector.result(), Contains("no platform fits this device") &&
                                           Contains("\"Welcome!\" fits no platform"));
}
