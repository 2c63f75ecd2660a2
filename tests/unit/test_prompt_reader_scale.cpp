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
    // Longer than max_prompt_length, the line is never searched: each byte is looked at once.
    CHECK(reader.bytes_examined() <= text.size() + 100);
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
