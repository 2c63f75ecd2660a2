// The reader's bulk paths: the echo set aside once it is over (so a huge output is handed
// over without shifting it), and buffers that grow in large steps past a megabyte.
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "vty/prompt_reader.hpp"

#include "prompt_reader_transcripts.hpp"

using namespace vty::test;

namespace {

// `lines` lines of 78 characters ended by CRLF, as `show big` sends them, and the output the
// reader should make of them (LF line ends, the last one dropped before the prompt).
struct Bulk {
  std::string sent;
  std::string output;
};

Bulk bulk_text(std::size_t lines) {
  Bulk bulk;
  for (std::size_t i = 0; i < lines; ++i) {
    std::string line = std::to_string(i);
    line.resize(78, 'x');
    bulk.sent += line + "\r\n";
    bulk.output += line + "\n";
  }
  bulk.output.pop_back();
  return bulk;
}

// Feeds `text` in chunks of `size`, answering pagers; the Read as drive() gives it.
Read drive_chunked(vty::PromptReader& reader, const std::string& text, std::size_t size) {
  std::vector<std::string> chunks;
  for (std::size_t at = 0; at < text.size(); at += size) chunks.push_back(text.substr(at, size));
  return drive(reader, chunks);
}

// The VmFlags of the mapping that holds `address`, from /proc/self/smaps ("" if none does).
std::string mapping_flags(const void* address) {
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> begin >> dash >> end && dash == '-') {
      inside = begin <= at && at < end;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return "";
}

}  // namespace

TEST_CASE("After the echo the reader still reports the whole cleaned text") {
  struct Case {
    const char* what;
    std::string fed;
    std::string cleaned;
  };
  const std::vector<Case> cases = {
      {"the usual answer", "show clock\r\n10:00\r\nrouter1#", "show clock\n10:00\nrouter1#"},
      {"a carriage return and erase-in-line at the output's start keep the echo",
       "show clock\r\nrouter1#\r\x1b[K10:00\r\nrouter1#", "show clock\n10:00\nrouter1#"},
      {"a device that does not echo: all of it is output", "10:00\r\nrouter1#", "10:00\nrouter1#"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    auto reader = ios_reader();
    reader.expect_echo("show clock");
    reader.feed(c.fed);
    REQUIRE(reader.done());
    CHECK(reader.output() == "10:00");
    CHECK(reader.last_line() == "router1#");
    CHECK(reader.cleaned() == c.cleaned);
  }
}

TEST_CASE("A bulk answer is the same however its reads split the echo, lines, CRLF and prompt") {
  const Bulk bulk = bulk_text(2'000);  // 160 KB
  const std::string answer = "show big 1\r\n" + bulk.sent + "router1#";
  // Sizes that put the echo's line end, CR|LF pairs and the prompt across read boundaries.
  for (std::size_t size : {1u, 7u, 11u, 79u, 80u, 81u, 4096u, 16384u, 65536u}) {
    INFO("reads of " << size << " bytes");
    auto reader = ios_reader();
    reader.expect_echo("show big 1");
    auto read = drive_chunked(reader, answer, size);
    CHECK_FALSE(read.done_early);
    REQUIRE(read.done);
    CHECK(read.prompt == "router1#");
    CHECK(read.output == bulk.output);
    CHECK(reader.take_output() == bulk.output);
  }
}

TEST_CASE("A pager prompt inside bulk output is reported and removed, read by any chunking") {
  const std::string erase = std::string(9, '\b') + std::string(9, ' ') + std::string(9, '\b');
  const Bulk first = bulk_text(500);
  const Bulk second = bulk_text(300);
  // The device sends the next page only after the pager response.
  const std::string page1 = "show big 1\r\n" + first.sent + " --More-- ";
  const std::string page2 = erase + second.sent + "router1#";
  for (std::size_t size : {1u, 13u, 4096u, 40'000u}) {
    INFO("reads of " << size << " bytes");
    auto reader = ios_reader();
    reader.expect_echo("show big 1");
    auto read = drive_chunked(reader, page1, size);
    CHECK(read.pagers == 1);
    CHECK_FALSE(read.done);
    read = drive_chunked(reader, page2, size);
    REQUIRE(read.done);
    CHECK(read.output == first.output + "\n" + second.output);
  }
}

TEST_CASE("An answer across the bulk growth steps (1 and 16 MB) arrives whole and is taken") {
  const Bulk bulk = bulk_text(220'000);  // 17.6 MB
  auto reader = ios_reader();
  reader.expect_echo("show big 17");
  reader.feed("show big 17\r");
  reader.feed("\n");
  // 16 KiB reads, as the channel makes them: CRLF pairs and lines split at every boundary.
  for (std::size_t at = 0; at < bulk.sent.size(); at += 16'384) {
    reader.feed(std::string_view(bulk.sent).substr(at, 16'384));
    REQUIRE_FALSE(reader.done());
  }
  reader.feed("router1");
  CHECK_FALSE(reader.done());
  reader.feed("#");
  REQUIRE(reader.done());
  // Past a megabyte each buffer asks for 2 MB pages, where the kernel has them: a 100 MB
  // answer then costs ~50 page faults per buffer, not ~25,000.
  if (std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled")) {
    for (const char* text : {reader.raw().data(), reader.output().data()}) {
      const auto huge =
          (reinterpret_cast<std::uintptr_t>(text) + (1u << 21)) & ~std::uintptr_t{(1u << 21) - 1};
      const std::string flags = mapping_flags(reinterpret_cast<const void*>(huge));
      INFO(flags);
      CHECK(flags.find(" hg") != std::string::npos);
    }
  }
  CHECK(reader.raw().size() == 13 + bulk.sent.size() + 8);
  CHECK(reader.take_raw() == "show big 17\r\n" + bulk.sent + "router1#");
  const std::string output = reader.take_output();
  CHECK(output.size() == bulk.output.size());
  CHECK(output == bulk.output);
}

// The reader takes an exact echo and plain lines whole when a read holds them, and byte by
// byte otherwise: both must make the same of every answer.
TEST_CASE("One read or a byte at a time, the reader makes the same of echoes and lines") {
  struct Case {
    const char* what;
    std::string sent;
    std::string fed;
    std::string output;  // what the user gets
  };
  const std::string line(40, 'x');
  const std::vector<Case> cases = {
      {"an exact echo", "show clock", "show clock\r\n10:00\r\nrouter1#", "10:00"},
      {"an exact echo, lines with tabs, a bell and a NUL", "show clock",
       "show clock\r\n1\t2\a3\r\n" + line + std::string(1, '\0') + line + "\r\n\r\nrouter1#",
       "1\t23\n" + line + line + "\n"},
      {"an echo ended by LF alone", "show clock", "show clock\n10:00\nrouter1#", "10:00"},
      {"an echo ended by LF CR", "show clock", "show clock\n\r10:00\n\rrouter1#", "10:00"},
      {"lines ended by CR CR LF", "show clock", "show clock\r\r\n10:00\r\r\nrouter1#", "10:00"},
      {"an echo the device wrapped", "show running-config interface GigabitEthernet1",
       "show running-config interface Gigabit\r\nEthernet1\r\ninterface Gi1\r\nrouter1#",
       "interface Gi1"},
      {"an echo redrawn after a carriage return", "show clock",
       "show clo\rshow clock\r\n10:00\r\nrouter1#", "10:00"},
      {"an echo with an escape sequence inside", "show clock",
       "show \x1b[Kclock\r\n10:00\r\nrouter1#", "10:00"},
      {"no echo (a hidden input)", "", "\r\nrouter1#", ""},
      {"a device that does not echo", "show clock", "10:00\r\nrouter1#", "10:00"},
      {"a device that echoes something else", "show clock", "sh clock\r\n10:00\r\nrouter1#",
       "sh clock\n10:00"},
      {"colours and a backspace after the echo", "show clock",
       "show clock\r\n\x1b[1m" + line + "\x1b[0m\r\n10:0x\b0\r\nrouter1#", line + "\n10:00"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    auto whole = ios_reader();
    whole.expect_echo(c.sent);
    whole.feed(c.fed);
    auto bytes = ios_reader();
    bytes.expect_echo(c.sent);
    for (char b : c.fed) bytes.feed(std::string_view(&b, 1));
    REQUIRE(whole.done());
    REQUIRE(bytes.done());
    CHECK(whole.output() == c.output);
    CHECK(bytes.output() == c.output);
    CHECK(whole.cleaned() == bytes.cleaned());
    CHECK(whole.prompt() == "router1#");
    CHECK(whole.take_raw() == c.fed);
  }
}

TEST_CASE("A prompt line the pattern matched before ends the next answer without a search") {
  auto reader = ios_reader();
  const std::vector<std::pair<std::string, bool>> answers = {{"router1#", false},
                                                             {"router1#", true},
                                                             {"router1(config)#", false},
                                                             {"router1(config)#", true},
                                                             {"router1#", false}};
  for (const auto& [prompt, seen_last_time] : answers) {
    INFO(prompt);
    reader.reset();
    reader.expect_echo("show clock");
    const std::string answer = "show clock\r\n10:00\r\n" + prompt;
    const auto examined = reader.bytes_examined();
    reader.feed(answer);
    REQUIRE(reader.done());
    CHECK(reader.prompt() == prompt);
    CHECK(reader.output() == "10:00");
    // The bytes fed, and the prompt line once more when the pattern had to look at it.
    const auto searched = reader.bytes_examined() - examined - answer.size();
    CHECK(searched == (seen_last_time ? 0 : prompt.size()));
  }
}
