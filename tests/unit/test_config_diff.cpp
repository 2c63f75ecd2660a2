// vty::unified_diff, the diff vty computes where a platform has none: its hunks read as GNU
// diff -u prints them, for hand-picked cases and for random edits of a configuration.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "support/child_process.hpp"
#include "vty/config_diff.hpp"

namespace fs = std::filesystem;

namespace {

// What GNU diff -u says about the two texts (each given a final newline), labels as vty's.
std::string gnu_diff(const std::string& from, const std::string& to) {
  std::string pattern = (fs::temp_directory_path() / "vty-diff-XXXXXX").string();
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  const fs::path dir = pattern;
  std::ofstream(dir / "a") << from << (from.empty() ? "" : "\n");
  std::ofstream(dir / "b") << to << (to.empty() ? "" : "\n");
  auto result =
      vty::test::run_program({.argv = {"/usr/bin/diff", "-u", "-d", "--label", "running", "--label",
                                       "candidate", (dir / "a").string(), (dir / "b").string()}});
  fs::remove_all(dir);
  std::string out = result.output;
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += (text.empty() ? "" : "\n") + line;
  return text;
}

}  // namespace

TEST_CASE("unified_diff: the same text has no diff") {
  CHECK(vty::unified_diff("hostname a\nip routing\n", "hostname a\nip routing") == "");
  CHECK(vty::unified_diff("", "") == "");
}

TEST_CASE("unified_diff: a changed line shows with its context and a hunk header") {
  std::string from = "hostname a\n!\ninterface Ethernet1\n description old\n!\nend";
  std::string to = "hostname a\n!\ninterface Ethernet1\n description new\n!\nend";
  CHECK(vty::unified_diff(from, to) ==
        "--- running\n+++ candidate\n@@ -1,6 +1,6 @@\n hostname a\n !\n interface Ethernet1\n"
        "- description old\n+ description new\n !\n end");
  CHECK(vty::unified_diff(from, to) == gnu_diff(from, to));
}

TEST_CASE("unified_diff: additions to and removals from an empty text") {
  CHECK(vty::unified_diff("", "hostname a\nip routing") == gnu_diff("", "hostname a\nip routing"));
  CHECK(vty::unified_diff("hostname a", "") == gnu_diff("hostname a", ""));
}

TEST_CASE("unified_diff: labels and context are the caller's") {
  CHECK(vty::unified_diff("a\nb\nc\nd", "a\nb\nX\nd",
                          {.from_name = "r", .to_name = "c", .context = 0}) ==
        "--- r\n+++ c\n@@ -3 +3 @@\n-c\n+X");
  CHECK(vty::unified_diff("a\r\nb", "a\nb") == "");
}

TEST_CASE("unified_diff: random edits of a long configuration read as diff -u's") {
  std::mt19937 random(24);
  std::vector<std::string> base;
  for (int i = 0; i < 300; ++i)
    base.push_back("line " + std::to_string(i % 37) + " of " + std::to_string(i));
  for (int round = 0; round < 30; ++round) {
    std::vector<std::string> edited = base;
    int changes = 1 + static_cast<int>(random() % 12);
    for (int c = 0; c < changes; ++c) {
      std::size_t at = random() % (edited.size() + 1);
      switch (random() % 3) {
        case 0:
          edited.insert(edited.begin() + at, "added " + std::to_string(c));
          break;
        case 1:
          if (at < edited.size()) edited.erase(edited.begin() + at);
          break;
        default:
          if (at < edited.size()) edited[at] = "changed " + std::to_string(c);
      }
    }
    INFO("round " << round);
    CHECK(vty::unified_diff(join(base), join(edited)) == gnu_diff(join(base), join(edited)));
  }
}
