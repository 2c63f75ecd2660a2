// PromptReader: pager prompts and the erasure devices send after them.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "vty/prompt_reader.hpp"
#include "vty/regex.hpp"

using vty::PromptReader;

#include "prompt_reader_transcripts.hpp"

using namespace vty::test;

TEST_CASE("Pager prompts are reported, then removed with the device's erasure of them") {
  const std::string erase = std::string(9, '\b') + std::string(9, ' ') + std::string(9, '\b');
  SECTION("IOS pages, however each page is chunked") {
    // The device writes a page and waits for the pager response before the next one.
    const std::vector<std::string> pages = {"show running-config\r\nline1\r\nline2\r\n --More-- ",
                                            erase + "line3\r\n  indented\r\n --More-- ",
                                            erase + "  line5\r\nrouter1#"};
    const std::string output = "line1\nline2\nline3\n  indented\n  line5";
    for (std::size_t page = 0; page < pages.size(); ++page) {
      for (std::size_t split = 0; split <= pages[page].size(); ++split) {
        INFO("page " << page << " split at " << split);
        std::vector<std::string> chunks;
        for (std::size_t i = 0; i < pages.size(); ++i) {
          if (i != page) {
            chunks.push_back(pages[i]);
          } else {
            chunks.push_back(pages[i].substr(0, split));
            chunks.push_back(pages[i].substr(split));
          }
        }
        auto read = drive_answer("show running-config", chunks);
        CHECK(read.pagers == 2);
        REQUIRE(read.done);
        CHECK(read.output == output);
        CHECK(read.prompt == "router1#");
      }
    }
    std::string all;
    for (const auto& text : pages) all += text;
    auto read = drive_answer("show running-config", bytewise(all));
    CHECK(read.pagers == 2);
    CHECK(read.output == output);
  }
  SECTION("at_pager at each page, not done") {
    auto reader = ios_reader();
    reader.expect_echo("show logging");
    reader.feed("show logging\r\nentry 1\r\n --More-- ");
    CHECK(reader.at_pager());
    CHECK_FALSE(reader.done());
    reader.continue_after_pager();
    CHECK_FALSE(reader.at_pager());
    reader.feed(erase + "entry 2\r\n --More-- ");
    CHECK(reader.at_pager());
    reader.continue_after_pager();
    reader.feed(erase + "entry 3\r\nrouter1#");
    REQUIRE(reader.done());
    CHECK(reader.output() == "entry 1\nentry 2\nentry 3");
  }
  SECTION("spaces that no erasing character follows are output") {
    auto reader = ios_reader();
    reader.feed("a\r\n--More--");
    REQUIRE(reader.at_pager());
    reader.continue_after_pager();
    reader.feed("\r   b\r\nrouter1#");
    REQUIRE(reader.done());
    CHECK(reader.output() == "a\n   b");
  }
  SECTION("a pager prompt at the end of a line of output") {
    auto reader = ios_reader();
    reader.feed("first\r\nsecond --More--");
    REQUIRE(reader.at_pager());
    reader.continue_after_pager();
    SECTION("erased with backspaces: the line's own text stays") {
      reader.feed(erase);
    }
    SECTION("followed by a line end") {}
    reader.feed("\r\nthird\r\nrouter1#");
    REQUIRE(reader.done());
    CHECK(reader.output() == "first\nsecond\nthird");
  }
  SECTION("erased by carriage return, spaces, carriage return") {
    PromptReader junos(kIosPrompt, {.pager_pattern = R"(---\(more( \d+%)?\)---)"});
    junos.feed("first\r\n---(more 40%)---");
    REQUIRE(junos.at_pager());
    junos.continue_after_pager();
    junos.feed("\r" + std::string(20, ' ') + "\rsecond\r\nrouter1#");
    REQUIRE(junos.done());
    CHECK(junos.output() == "first\nsecond");
  }
  SECTION("a pager prompt on its own line takes its line end with it") {
    auto reader = ios_reader();
    reader.feed("first\r\n--More--");
    REQUIRE(reader.at_pager());
    reader.continue_after_pager();
    reader.feed("\r\nsecond\r\nrouter1#");
    REQUIRE(reader.done());
    CHECK(reader.output() == "first\nsecond");
  }
  SECTION("no pager pattern, no pager") {
    PromptReader reader(kIosPrompt);
    reader.feed("a\r\n --More-- ");
    CHECK_FALSE(reader.at_pager());
  }
}

TEST_CASE("A pager prompt after a line longer than max_prompt_length is still reported") {
  // FRR pages a wrapped JSON line mid-line: the last line is long when --More-- comes.
  const std::string long_line(503, 'x');
  PromptReader reader(kIosPrompt, {.pager_pattern = R"(--More--\s*$)"});
  reader.expect_echo("show x");
  SECTION("in one chunk") {
    reader.feed("show x\r\n" + long_line + " --More-- ");
  }
  SECTION("a byte at a time") {
    for (char c : "show x\r\n" + long_line + " --More-- ") reader.feed(std::string(1, c));
  }
  REQUIRE(reader.at_pager());
  CHECK_FALSE(reader.done());
  reader.continue_after_pager();
  reader.feed("yy\r\nrouter1#");
  REQUIRE(reader.done());
  CHECK(reader.output() == long_line + "yy");
  CHECK(reader.prompt() == "router1#");
}

TEST_CASE("A long line is still never taken for a prompt") {
  PromptReader reader(kIosPrompt, {.pager_pattern = R"(--More--\s*$)", .max_prompt_length = 8});
  reader.feed("router123456#");
  CHECK_FALSE(reader.done());
  CHECK_FALSE(reader.at_pager());
}
