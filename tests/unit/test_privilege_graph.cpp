// Identifying the privilege level from a prompt and the commands between two levels.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "vty/errors.hpp"
#include "vty/platform.hpp"
#include "vty/privilege_graph.hpp"

using Catch::Matchers::Contains;

namespace {

std::vector<std::string> commands(const std::vector<vty::PrivilegeGraph::Step>& steps) {
  std::vector<std::string> sent;
  for (const auto& step : steps) sent.push_back(step.command);
  return sent;
}

// Two branches under one root, a second root, and two levels whose patterns overlap.
const char* const kForest = R"toml(
name = "forest"
default_privilege = "root"
[config]
privilege = "left"
[[privilege]]
name = "root"
pattern = '^r>$'
[[privilege]]
name = "left"
pattern = '^l>$'
previous = "root"
escalate = "go left"
deescalate = "back from left"
[[privilege]]
name = "left_deep"
pattern = '^ld>$'
previous = "left"
escalate = "go deeper"
deescalate = "back from deep"
[[privilege]]
name = "right"
pattern = '^\w+\(x\)>$'
not_contains = ["(x)"]
previous = "root"
escalate = "go right"
deescalate = "back from right"
[[privilege]]
name = "right_fallback"
pattern = '^\w+\(\w\)>$'
previous = "root"
escalate = "go right too"
deescalate = "back too"
[[privilege]]
name = "island"
pattern = '^i>$'
)toml";

}  // namespace

TEST_CASE("level_of identifies cisco_iosxe prompts") {
  const auto platform = vty::load_platform("cisco_iosxe");
  const vty::PrivilegeGraph graph{platform};
  auto level_name = [&](std::string_view prompt) {
    const vty::PrivilegeLevel* level = graph.level_of(prompt);
    return level ? level->name : std::string{"(none)"};
  };

  SECTION("each level") {
    CHECK(level_name("router1>") == "exec");
    CHECK(level_name("router1#") == "privilege_exec");
    CHECK(level_name("core-sw01.dc1# ") == "privilege_exec");
    CHECK(level_name("router1(config)#") == "configuration");
    CHECK(level_name("router1(config-if)#") == "configuration");
    CHECK(level_name("sw-01.lab(config-router)#") == "configuration");
    CHECK(level_name("R1(config-sg-tacacs+)#") == "configuration");
    CHECK(level_name("819HGW(ipsec-profile)#") == "configuration");
  }
  SECTION("text that is no prompt") {
    CHECK(graph.level_of("router1 #x") == nullptr);
    CHECK(graph.level_of(" description uplink-to-core#") == nullptr);
    CHECK(graph.level_of("") == nullptr);
  }
  SECTION("not_contains keeps the Tcl shell out of configuration") {
    CHECK(level_name("819HGW(tcl)#") == "tclsh");
  }
}

TEST_CASE("level_of skips a level whose not_contains the prompt has") {
  const auto platform = vty::parse_platform(kForest, "forest.toml");
  const vty::PrivilegeGraph graph{platform};

  CHECK(graph.level_of("r>")->name == "root");
  SECTION("the next matching level wins") {
    CHECK(graph.level_of("sw(x)>")->name == "right_fallback");
    CHECK(graph.level_of("sw(y)>")->name == "right_fallback");
  }
  SECTION("no level matches") {
    CHECK(graph.level_of("sw(xy)>") == nullptr);
  }
}

TEST_CASE("path climbs with deescalate and descends with escalate") {
  const auto platform = vty::load_platform("cisco_iosxe");
  const vty::PrivilegeGraph graph{platform};

  SECTION("exec to configuration") {
    const auto steps = graph.path("exec", "configuration");
    CHECK(commands(steps) == std::vector<std::string>{"enable", "configure terminal"});
    REQUIRE(steps.size() == 2);
    CHECK(steps[0].from == platform.find("exec"));
    CHECK(steps[0].to == platform.find("privilege_exec"));
    CHECK(steps[0].escalation);
    CHECK(steps[1].to == platform.find("configuration"));
  }
  SECTION("configuration to exec") {
    const auto steps = graph.path("configuration", "exec");
    CHECK(commands(steps) == std::vector<std::string>{"end", "disable"});
    REQUIRE(steps.size() == 2);
    CHECK_FALSE(steps[0].escalation);
    CHECK(steps[1].from == platform.find("privilege_exec"));
    CHECK(steps[1].to == platform.find("exec"));
  }
  SECTION("one step") {
    CHECK(commands(graph.path("privilege_exec", "exec")) == std::vector<std::string>{"disable"});
  }
  SECTION("the same level") {
    CHECK(graph.path("privilege_exec", "privilege_exec").empty());
  }
}

TEST_CASE("path between branches goes through their common level") {
  const auto platform = vty::parse_platform(kForest, "forest.toml");
  const vty::PrivilegeGraph graph{platform};

  CHECK(commands(graph.path("left_deep", "right")) ==
        std::vector<std::string>{"back from deep", "back from left", "go right"});
  CHECK(commands(graph.path("right", "left_deep")) ==
        std::vector<std::string>{"back from right", "go left", "go deeper"});
}

TEST_CASE("path refuses unknown levels and unreachable pairs with PrivilegeError") {
  const auto platform = vty::parse_platform(kForest, "forest.toml");
  const vty::PrivilegeGraph graph{platform};

  SECTION("unknown from") {
    CHECK_THROWS_AS(graph.path("nowhere", "root"), vty::PrivilegeError);
    CHECK_THROWS_WITH(graph.path("nowhere", "root"),
                      Contains("platform forest has no privilege level \"nowhere\"") &&
                          Contains("levels: root, left"));
  }
  SECTION("unknown to") {
    CHECK_THROWS_WITH(graph.path("root", "enable"), Contains("no privilege level \"enable\""));
  }
  SECTION("different roots") {
    CHECK_THROWS_AS(graph.path("left", "island"), vty::PrivilegeError);
    CHECK_THROWS_WITH(graph.path("left", "island"),
                      Contains("platform forest has no way from \"left\" to \"island\""));
  }
}

TEST_CASE("a graph survives being moved") {
  const auto platform = vty::load_platform("cisco_iosxe");
  vty::PrivilegeGraph first{platform};
  vty::PrivilegeGraph second = std::move(first);
  CHECK(second.level_of("router1#")->name == "privilege_exec");
}
