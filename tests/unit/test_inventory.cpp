// The inventory loader, credentials loader and host selection of `vty run`: text in,
// hosts (or a positioned error) out.
#include <catch2/catch.hpp>

#include <set>

#include "vty/credentials.hpp"
#include "vty/inventory.hpp"
#include "vty/selection.hpp"

using namespace vty::cli;

namespace {

std::string error_of(const std::string& text) {
  try {
    parse_inventory(text, "inv.toml");
  } catch (const InventoryError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("an inventory's hosts inherit from their groups, the groups' groups, then defaults") {
  auto inventory = parse_inventory(R"(
[defaults]
platform = "cisco_iosxe"
port = 22
credentials = "lab"
timeout_ops = 30

[groups.dc1]
tags = ["dc1"]
timeout_ops = 60

[groups.core]
groups = ["dc1"]
platform = "arista_eos"
tags = ["core"]

[hosts.zeta]
address = "10.0.0.9"
groups = ["core"]
port = 2222
tags = ["edge"]

[hosts.alpha]
)",
                                   "inv.toml");
  REQUIRE(inventory.hosts.size() == 2);
  const auto& zeta = inventory.hosts[0];  // file order, not key order
  CHECK(zeta.name == "zeta");
  CHECK(zeta.address == "10.0.0.9");
  CHECK(zeta.settings.port == 2222);
  CHECK(zeta.settings.platform == "arista_eos");
  CHECK(zeta.settings.timeout_ops == 60);
  CHECK(zeta.settings.credentials == "lab");
  CHECK(zeta.groups == std::vector<std::string>{"core", "dc1"});
  CHECK(zeta.tags == std::vector<std::string>{"edge", "core", "dc1"});
  const auto& alpha = inventory.hosts[1];
  CHECK(alpha.address == "alpha");
  CHECK(alpha.settings.platform == "cisco_iosxe");
  CHECK(alpha.settings.timeout_ops == 30);
  CHECK(inventory.credential_refs == std::vector<std::string>{"lab"});
}

TEST_CASE("a bad inventory is refused with file:line:col and what is wrong") {
  SECTION("invalid TOML") {
    CHECK_THAT(error_of("[hosts.r1\n"),
               Catch::StartsWith("inv.toml:1:") && Catch::Contains("not valid TOML"));
  }
  SECTION("an unknown key, at its position") {
    CHECK(error_of("[hosts.r1]\nadress = \"x\"\n").rfind("inv.toml:2:1: unknown key `adress`", 0) ==
          0);
  }
  SECTION("a wrong type") {
    CHECK_THAT(error_of("[hosts.r1]\nport = \"22\"\n"),
               Catch::StartsWith("inv.toml:2:") && Catch::Contains("port"));
    CHECK_THAT(error_of("[hosts.r1]\nport = 70000\n"), Catch::Contains("1 to 65535"));
    // Floats are refused, also those too big for an integer (a fuzz finding).
    CHECK_THAT(error_of("[hosts.r1]\nport = 22.0\n"), Catch::Contains("1 to 65535"));
    CHECK_THAT(error_of("[groups.g]\nport = 2e222\n[hosts.r1]\n"),
               Catch::StartsWith("inv.toml:2:") && Catch::Contains("1 to 65535"));
    CHECK_THAT(error_of("[hosts.r1]\ntimeout_ops = -1\n"), Catch::Contains("positive"));
    CHECK_THAT(error_of("[hosts.r1]\ntags = [1]\n"), Catch::Contains("strings"));
  }
  SECTION("an unknown group, listing the known ones") {
    CHECK_THAT(error_of("[groups.core]\n[hosts.r1]\ngroups = [\"cor\"]\n"),
               Catch::StartsWith("inv.toml:3:") && Catch::Contains("unknown group `cor`") &&
                   Catch::Contains("core"));
  }
  SECTION("a group that inherits from itself") {
    CHECK_THAT(error_of("[groups.a]\ngroups = [\"b\"]\n[groups.b]\ngroups = [\"a\"]\n"
                        "[hosts.r1]\ngroups = [\"a\"]\n"),
               Catch::Contains("inherits from itself"));
  }
  SECTION("no hosts at all") {
    CHECK_THAT(error_of("[defaults]\nport = 22\n"), Catch::Contains("no [hosts.NAME]"));
  }
}

TEST_CASE("a credentials file holds named sets, bad ones are refused without echoing secrets") {
  auto sets = parse_credentials(
      "[default]\nusername = \"admin\"\npassword = \"pw\"\n[core]\nsecondary = \"en\"\n", "c.toml");
  REQUIRE(sets.size() == 2);
  CHECK(sets.at("default").username == "admin");
  CHECK(sets.at("default").password == "pw");
  CHECK(sets.at("core").secondary == "en");
  CHECK_FALSE(sets.at("core").username);

  try {
    parse_credentials("[core]\npassword = \"s3cret\n", "c.toml");
    FAIL("no error");
  } catch (const CredentialsError& error) {
    CHECK_THAT(error.what(), Catch::StartsWith("c.toml:2:"));
    CHECK_THAT(error.what(), !Catch::Contains("s3cret"));
  }
  CHECK_THROWS_WITH(parse_credentials("[core]\npasswd = \"x\"\n", "c.toml"),
                    Catch::Contains("unknown key `passwd`"));
  CHECK_THROWS_AS(parse_credentials("password = \"x\"\n", "c.toml"), CredentialsError);
}

TEST_CASE("the limit expression selects hosts by name, group and tag globs") {
  std::vector<std::string> groups{"core", "dc1"}, tags{"edge"}, none;
  HostLabels r1{"r1", &groups, &tags}, sw2{"sw2", &none, &none};
  CHECK(LimitExpression("r*").matches(r1));
  CHECK_FALSE(LimitExpression("r*").matches(sw2));
  CHECK(LimitExpression("core").matches(r1));
  CHECK(LimitExpression("tag:edge").matches(r1));
  CHECK_FALSE(LimitExpression("host:core").matches(r1));
  CHECK(LimitExpression("sw2,core").matches(sw2));
  CHECK_FALSE(LimitExpression("*,!dc1").matches(r1));
  CHECK(LimitExpression("*,!dc1").matches(sw2));
  CHECK_FALSE(LimitExpression("*,&edge").matches(sw2));
  CHECK_THROWS_AS(LimitExpression("r1,,r2"), std::invalid_argument);
  CHECK_THROWS_AS(LimitExpression("site:x"), std::invalid_argument);
}

TEST_CASE("the limit expression's @FILE matches the names a file lists, exactly") {
  std::vector<std::string> none;
  HostLabels r1{"r1", &none, &none}, v6{"[::1]:22", &none, &none}, r10{"r10", &none, &none};
  auto files = [](const std::string& file) -> std::string {
    if (file == "failed.txt") return "# rerun\nr1\n\n  [::1]:22  \n";
    if (file == "empty.txt") return "";
    throw std::invalid_argument("no file " + file);
  };
  LimitExpression failed("@failed.txt", files);
  CHECK(failed.matches(r1));
  CHECK(failed.matches(v6));  // not a glob: brackets are plain characters
  CHECK_FALSE(failed.matches(r10));
  CHECK(LimitExpression("@failed.txt,!r1", files).matches(v6));
  CHECK_FALSE(LimitExpression("@failed.txt,!r1", files).matches(r1));
  CHECK(LimitExpression("@empty.txt", files).only_empty_files());
  CHECK_FALSE(failed.only_empty_files());
  CHECK(failed.unmatched_terms({r10}) == std::vector<std::string>{"@failed.txt"});
  CHECK(LimitExpression("r*,group:core,x").unmatched_terms({r10}) ==
        std::vector<std::string>{"group:core", "x"});
  CHECK(LimitExpression("group:core,group:e*").named_groups() == std::vector<std::string>{"core"});
  CHECK_THROWS_AS(LimitExpression("@failed.txt"), std::invalid_argument);  // no reader
  CHECK(names_of("a\r\n# c\n b \n") == std::vector<std::string>{"a", "b"});
}

TEST_CASE("shards split hosts deterministically, K/N and JOB_COMPLETION_INDEX agree") {
  CHECK(parse_shard("2/4").index == 2);
  CHECK(parse_shard("2/4").count == 4);
  CHECK_THROWS_AS(parse_shard("0/4"), std::invalid_argument);
  CHECK_THROWS_AS(parse_shard("5/4"), std::invalid_argument);
  CHECK_THROWS_AS(parse_shard("x"), std::invalid_argument);
  CHECK(shard_from_index("0", 4).index == 1);
  CHECK(shard_from_index("3", 4).index == 4);
  CHECK_THROWS_AS(shard_from_index("4", 4), std::invalid_argument);

  std::set<int> seen;
  for (int i = 0; i < 1000; ++i) {
    int shard = shard_of("host" + std::to_string(i), 7);
    CHECK(shard == shard_of("host" + std::to_string(i), 7));
    REQUIRE(shard >= 1);
    REQUIRE(shard <= 7);
    seen.insert(shard);
  }
  CHECK(seen.size() == 7);
}
