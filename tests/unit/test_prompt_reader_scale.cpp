// PromptReader: the work stays linear in the bytes fed.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "vty/prompt_reader.hpp"
#include "vty/regex.hpp"

using vty::PromptReader;

#include "prompt_reader_transcripts.hpp"

using namespace vty::test;

TEST_CASE("The work done stays linear in the bytes fed, however large the output") {
  const std::size_t chunk = 4096;
  auto feed_in_chunks = [&](PromptReader& reader, const std::string& text) {
    for (std::size_t i = 0; i < text.size(); i += chunk) {
      reader.feed(std::string_view(text).substr(i, chunk));
    }
  };
  SECTION("50 MB of 80-column lines in 4 KB chunks") {
    // Lines that start like a prompt and only later fail to be one: the worst ordinary case.
    std::string line = "GigabitEthernet1/0/1 is up, line protocol is up (connected)";
    line.resize(78, '.');
    line += "\r\n";
    std::string page;
    while (page.size() < 1 << 20) page += line;
    auto reader = ios_reader();
    reader.expect_echo("show interfaces");
    reader.feed("show interfaces\r\n");
    std::size_t fed = 17;
    for (int i = 0; i < 50; ++i) {
      feed_in_chunks(reader, page);
      fed += page.size();
    }
    CHECK_FALSE(reader.done());
    reader.feed("router1#");
    fed += 8;
    REQUIRE(reader.done());
    CHECK(reader.output().size() == 50 * (page.size() / 80 * 79) - 1);
    CHECK(reader.bytes_examined() <= 2 * fed);
  }
  SECTION("a single 10 MB line in 4 KB chunks") {
    std::string text(10 << 20, 'a');
    auto reader = ios_reader();
    feed_in_chunks(reader, text);
    reader.feed("\r\nrouter1#");
    REQUIRE(reader.done());
    // Longer than max_prompt_length, the line is never searched for the prompt, only for a
    // pager prompt (FRR pages inside long lines): each byte is looked at once as input and
    // once by the pager pattern.
    CHECK(reader.bytes_examined() <= 2 * text.size() + 100);
  }
  SECTION("lines fed one byte at a time are not rescanned") {
    std::string line;
    while (line.size() < 500) line += "abc ";
    line += "\r\n";
    auto reader = ios_reader();
    std::size_t fed = 0;
    for (int i = 0; i < 100; ++i) {
      for (char c : line) reader.feed(std::string_view(&c, 1));
      fed += line.size();
    }
    // Each byte is looked at once as input and once by each of the two patterns.
    CHECK(reader.bytes_examined() <= 3 * fed);
  }
}

TEST_CASE("Settled output can be taken as it arrives, keeping the reader's memory bounded") {
  SECTION("taken pieces plus the rest equal the whole output, however the chunks split") {
    const std::string whole = drive_answer("show ip interface brief", {kShowIpIntBrief}).output;
    for (std::size_t split = 0; split <= kShowIpIntBrief.size(); ++split) {
      auto reader = ios_reader();
      reader.expect_echo("show ip interface brief");
      std::string taken;
      for (std::string_view part : {std::string_view(kShowIpIntBrief).substr(0, split),
                                    std::string_view(kShowIpIntBrief).substr(split)}) {
        reader.feed(part);
        reader.take_settled_output(taken);
      }
      REQUIRE(reader.done());
      INFO("split at " << split);
      CHECK(taken + std::string(reader.output()) == whole);
      CHECK(reader.prompt() == "router1#");
    }
  }
  SECTION("50 MB streamed in 4 KB chunks never holds more than a line and a raw tail") {
    std::string line(78, 'x');
    line += "\r\n";
    std::string page;
    while (page.size() < 1 << 20) page += line;
    auto reader = ios_reader();
    reader.expect_echo("show big 50");
    reader.feed("show big 50\r\n");
    std::size_t taken = 0;
    std::size_t largest = 0;
    std::string piece;
    for (int i = 0; i < 50; ++i) {
      for (std::size_t at = 0; at < page.size(); at += 4096) {
        reader.feed(std::string_view(page).substr(at, 4096));
        piece.clear();
        reader.take_settled_output(piece);
        reader.forget_raw();
        taken += piece.size();
        largest = std::max(largest, reader.cleaned().size() + reader.raw().size());
      }
    }
    reader.feed("router1#");
    REQUIRE(reader.done());
    CHECK(taken + reader.output().size() == 50 * (page.size() / 80 * 79) - 1);
    CHECK(largest < 64 * 1024);
  }
}

TEST_CASE(
    "take_output() and take_raw() give the answer, however large, and reset() reuses the reader") {
  auto reader = ios_reader();
  std::string line(79, 'x');
  std::string sent;
  std::string expected;
  for (int i = 0; i < 30'000; ++i) {  // 2.4 MB: past what the reader keeps between answers
    sent += line + "\r\n";
    expected += line + "\n";
  }
  expected.pop_back();
  reader.expect_echo("show big");
  reader.feed("show big\r\n");
  reader.feed(sent);
  reader.feed("router1#");
  REQUIRE(reader.done());
  CHECK(reader.prompt() == "router1#");
  std::string raw = reader.take_raw();
  CHECK(raw == "show big\r\n" + sent + "router1#");
  CHECK(reader.take_output() == expected);

  reader.reset();
  reader.expect_echo("show clock");
  reader.feed("show clock\r\n10:00\r\nrouter1#");
  REQUIRE(reader.done());
  CHECK(reader.take_output() == "10:00");
  CHECK(reader.take_raw() == "show clock\r\n10:00\r\nrouter1#");
}

TEST_CASE("Control bytes are found wherever they fall within the text") {
  // Plain text is skipped sixteen (or eight) bytes at a time: put a line end, tabs, a bell
  // and a backspace at every offset of such a block, among bytes above 0x7f (UTF-8).
  for (std::size_t at = 0; at < 40; ++at) {
    INFO("at " << at);
    auto reader = ios_reader();
    std::string before(at, 'a');
    if (at > 2) before.replace(at / 2, 2, "\xc3\xa9");
    reader.expect_echo("show x");
    reader.feed("show x\r\n" + before + "\tb\t\x07" + "cd\bX" +
                "efghij\xe2\x82\xacklmnopqrstuvwxyz" + "\r\nline two\tend\r\n\r\nrouter1#");
    REQUIRE(reader.done());
    CHECK(reader.output() == before + "\tb\tcXefghij\xe2\x82\xacklmnopqrstuvwxyz\nline two\tend\n");
  }
}
