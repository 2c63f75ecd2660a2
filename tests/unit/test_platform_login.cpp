// The [login] table of a platform definition: the in-band login's questions and refusals.
#include <catch2/catch.hpp>

#include <string>

#include "vty/errors.hpp"
#include "vty/platform.hpp"
#include "vty/regex.hpp"

namespace {

const std::string kLevels = R"(
name = "t"
default_privilege = "exec"
[config]
privilege = "exec"
[[privilege]]
name = "exec"
pattern = '^\w+>\s*$'
)";

vty::PlatformDefinition parse(const std::string& text) {
  return vty::parse_platform(text, "t.toml");
}

}  // namespace

TEST_CASE("without a [login] table the usual questions and refusals are known") {
  auto platform = parse(kLevels);
  vty::Regex username(platform.login.username_pattern);
  vty::Regex password(platform.login.password_pattern);
  for (const char* question : {"Username: ", "username:", "login: ", "router1 login: ",
                               "User Name:", "user: ", "Login Name: ", "UserName :"}) {
    INFO(question);
    CHECK(username.search(question));
    CHECK_FALSE(password.search(question));
  }
  for (const char* question : {"Password: ", "password:", "Enter password: ", "Passcode:"}) {
    INFO(question);
    CHECK(password.search(question));
    CHECK_FALSE(username.search(question));
  }
  for (const char* line : {"Last login: Mon Jan  1 10:00:00 2024", "router1>", "superuser:"}) {
    INFO(line);
    CHECK_FALSE(username.search(line));
    CHECK_FALSE(password.search(line));
  }
  CHECK(platform.login.failed_when_contains.size() >= 4);
}

TEST_CASE("a [login] table replaces the questions and the refusals") {
  auto platform = parse(kLevels + R"(
[login]
username_pattern = '^Who:\s*$'
password_pattern = '^Secret:\s*$'
failed_when_contains = ["Go away"]
)");
  CHECK(platform.login.username_pattern == R"(^Who:\s*$)");
  CHECK(platform.login.password_pattern == R"(^Secret:\s*$)");
  CHECK(platform.login.failed_when_contains == std::vector<std::string>{"Go away"});
}

TEST_CASE("a bad [login] table is refused at load, with its position") {
  auto [extra, message] = GENERATE(table<std::string, std::string>({
      {"[login]\nusername = 'x'\n", "t.toml:10:1: unknown key `username` in [login]"},
      {"[login]\npassword_pattern = '('\n", "t.toml:10:20: [login]: `password_pattern` is not a"},
      {"[login]\nusername_pattern = ''\n", "t.toml:10:20: [login]: `username_pattern` must not"},
      {"[login]\nfailed_when_contains = 'x'\n", "t.toml:10:24: [login]: `failed_when_contains`"},
  }));
  INFO(extra);
  try {
    parse(kLevels + extra);
    FAIL("accepted");
  } catch (const vty::PlatformDefinitionError& error) {
    CHECK_THAT(error.what(), Catch::Contains(message));
  }
}

TEST_CASE("a [login] that is not a table is refused") {
  try {
    parse("login = 1\n" + kLevels);
    FAIL("accepted");
  } catch (const vty::PlatformDefinitionError& error) {
    CHECK_THAT(error.what(), Catch::Contains("t.toml:1:9: `login` must be a table"));
  }
}
