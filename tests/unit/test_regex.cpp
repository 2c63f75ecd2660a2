#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "shipped_plugins.hpp"
#include "vty/errors.hpp"
#include "vty/regex.hpp"

using vty::Regex;

TEST_CASE("A pattern that does not compile is refused with the offset and PCRE2's reason") {
  try {
    Regex bad("^router(#|>\\s*$");
    FAIL("the pattern compiled");
  } catch (const vty::PlatformDefinitionError& error) {
    CHECK_THAT(error.summary(), Catch::Contains("^router(#|>\\s*$"));
    CHECK_THAT(error.summary(), Catch::Contains("offset 15"));
    CHECK_THAT(error.summary(), Catch::Contains("missing closing parenthesis"));
  }
}

TEST_CASE("find reports where the first match begins and ends") {
  Regex regex("[0-9]+");
  SECTION("from the start") {
    auto match = regex.find("uptime 12 weeks 3 days");
    REQUIRE(match);
    CHECK(match->begin == 7);
    CHECK(match->end == 9);
  }
  SECTION("from a later offset") {
    auto match = regex.find("uptime 12 weeks 3 days", 10);
    REQUIRE(match);
    CHECK(match->begin == 16);
    CHECK(match->end == 17);
  }
  SECTION("nothing matches") {
    CHECK_FALSE(regex.find("no digits here"));
    CHECK_FALSE(regex.search(""));
  }
  SECTION("an offset past the end finds nothing") {
    CHECK_FALSE(regex.find("12", 3));
  }
}

TEST_CASE("^ and $ match at every line start and end") {
  Regex prompt("^router1#$");
  std::string text = "show clock\nrouter1#\n10:00 UTC";
  auto match = prompt.find(text);
  REQUIRE(match);
  CHECK(match->begin == 11);
  CHECK(match->end == 19);
  CHECK_FALSE(prompt.search("xrouter1#\nrouter1#x"));
}

TEST_CASE("A caseless pattern ignores case, a default one does not") {
  CHECK(Regex("% invalid input", true).search("% Invalid input detected"));
  CHECK_FALSE(Regex("% invalid input").search("% Invalid input detected"));
}

TEST_CASE("Subjects are byte ranges: embedded NULs and no terminator") {
  SECTION("a NUL inside the subject") {
    std::string subject("abc\0router1#", 12);
    auto match = Regex("router1#").find(subject);
    REQUIRE(match);
    CHECK(match->begin == 4);
  }
  SECTION("a NUL in the pattern") {
    std::string subject("a\0b", 3);
    CHECK(Regex("a\\x00b").search(subject));
  }
  SECTION("the subject ends at its length, not at a NUL or beyond") {
    std::string buffer = "router1#trailing";
    CHECK_FALSE(Regex("^router1#$").search(buffer));
    CHECK(Regex("^router1#$").search(std::string_view(buffer).substr(0, 8)));
  }
}

TEST_CASE("find_partial tells a match cut short by the end of the text") {
  Regex prompt("^router1#\\s*$");
  SECTION("a complete match") {
    auto search = prompt.find_partial("router1# ");
    CHECK(search.found == Regex::Found::match);
    CHECK(search.span.end == 9);
  }
  SECTION("a prefix of a match") {
    auto search = prompt.find_partial("route");
    CHECK(search.found == Regex::Found::partial);
    CHECK(search.span.begin == 0);
  }
  SECTION("text that no continuation can match") {
    CHECK(prompt.find_partial("router2#").found == Regex::Found::nothing);
  }
  SECTION("a partial match later in the text") {
    auto search = Regex("--More--").find_partial("line one --Mo");
    CHECK(search.found == Regex::Found::partial);
    CHECK(search.span.begin == 9);
  }
}

TEST_CASE("A Regex moves but does not copy") {
  STATIC_REQUIRE(std::is_nothrow_move_constructible_v<Regex>);
  STATIC_REQUIRE(std::is_nothrow_move_assignable_v<Regex>);
  STATIC_REQUIRE_FALSE(std::is_copy_constructible_v<Regex>);

  Regex original("^[\\w.-]+#\\s*$");
  SECTION("move construction") {
    Regex moved(std::move(original));
    CHECK(moved.pattern() == "^[\\w.-]+#\\s*$");
    CHECK(moved.search("router1#"));
  }
  SECTION("move assignment") {
    Regex target("unrelated");
    target = std::move(original);
    CHECK(target.search("router1#"));
    CHECK_FALSE(target.search("unrelated"));
  }
}

TEST_CASE("Regexes of one pattern match independently, from several threads at once") {
  // Sessions of one platform compile the same prompt patterns, whose compiled code they
  // share; each Regex keeps its own match state.
  const std::string pattern = R"(^[\w.\-]{1,63}(\(config[^)]*\))?#\s*$)";
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      vty::Regex mine(pattern);
      vty::Regex caseless(pattern, true);
      const std::string subject = "output\nrouter" + std::to_string(t) + "(config-if)#";
      for (int i = 0; i < 2000; ++i) {
        auto found = mine.find(subject);
        if (!found || found->begin != 7 || found->end != subject.size()) ++wrong;
        if (mine.search("no prompt here\n")) ++wrong;
        if (!caseless.search("ROUTER(CONFIG)#")) ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  REQUIRE(wrong == 0);
  // The same pattern with other options is another pattern.
  REQUIRE_FALSE(vty::Regex("abc").search("ABC"));
  REQUIRE(vty::Regex("abc", true).search("ABC"));
  REQUIRE_THROWS_AS(vty::Regex("(unclosed"), vty::PlatformDefinitionError);
  REQUIRE_THROWS_AS(vty::Regex("(unclosed"), vty::PlatformDefinitionError);  // not cached
}

TEST_CASE("A shipped plugin's one Regex is matched from many threads at once") {
  // The FortiOS plugin's pattern is one object for the process, matched by every FortiOS
  // session from whichever thread runs it: find() must keep no match state in the Regex.
  // Each thread's subject puts the match elsewhere, so shared state shows as wrong spans
  // (and as a data race under the tsan preset).
  const vty::Regex& paged = vty::detail::fortios_paged_pattern();
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      const std::string subject =
          std::string(static_cast<std::size_t>(t) * 7, 'x') + "\noutput  : more\n";
      const std::size_t begin = static_cast<std::size_t>(t) * 7 + 1;
      for (int i = 0; i < 20000; ++i) {
        auto found = paged.find(subject);
        if (!found || found->begin != begin || found->end != begin + 14) ++wrong;
        auto partial = paged.find_partial(subject);
        if (partial.found != vty::Regex::Found::match || partial.span.begin != begin) ++wrong;
        if (paged.search("output : standard")) ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  REQUIRE(wrong == 0);
}
