#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "vty/prompt_reader.hpp"
#include "vty/regex.hpp"

using vty::PromptReader;

#include "prompt_reader_transcripts.hpp"

using namespace vty::test;

TEST_CASE("A read ends at the prompt with the output between the echo and the prompt") {
  auto reader = ios_reader();
  reader.expect_echo("show version");
  reader.feed("show ver");
  CHECK_FALSE(reader.done());
  reader.feed("sion\r\nIOS XE ...\r\nrouter1#");
  REQUIRE(reader.done());
  CHECK(reader.output() == "IOS XE ...");
  CHECK(reader.prompt() == "router1#");
  CHECK(reader.cleaned() == "show version\nIOS XE ...\nrouter1#");
}

TEST_CASE("Every chunking of an answer gives the same output and prompt") {
  SECTION("split in two at every byte") {
    for (std::size_t split = 0; split <= kShowIpIntBrief.size(); ++split) {
      INFO("split at " << split);
      auto read = drive_answer("show ip interface brief",
                               {kShowIpIntBrief.substr(0, split), kShowIpIntBrief.substr(split)});
      CHECK_FALSE(read.done_early);
      REQUIRE(read.done);
      CHECK(read.output == kShowIpIntBriefOutput);
      CHECK(read.prompt == "router1#");
    }
  }
  SECTION("one byte at a time") {
    auto read = drive_answer("show ip interface brief", bytewise(kShowIpIntBrief));
    CHECK_FALSE(read.done_early);
    REQUIRE(read.done);
    CHECK(read.output == kShowIpIntBriefOutput);
    CHECK(read.prompt == "router1#");
  }
}

TEST_CASE("Escape sequences are stripped from output and prompt, wherever the chunks split") {
  const std::string answer =
      "\x1b]0;router1: show version\x07show version\r\n"
      "\x1b[1mCisco IOS XE Software\x1b[0m, Version 17.3.4\r\n"
      "\x1b[32mup\x1b[0m 3 days\x1b[K\r\n"
      "\x1b(Bcharset\x1b=\x1b]2;title\x1b\\\r\n"
      "\x1b[1;32mrouter1\x1b[0m#\x1b[K";
  const std::string output = "Cisco IOS XE Software, Version 17.3.4\nup 3 days\ncharset";
  for (std::size_t split = 0; split <= answer.size(); ++split) {
    INFO("split at " << split);
    auto read = drive_answer("show version", {answer.substr(0, split), answer.substr(split)});
    REQUIRE(read.done);
    CHECK(read.output == output);
    CHECK(read.prompt == "router1#");
  }
  auto read = drive_answer("show version", bytewise(answer));
  REQUIRE(read.done);
  CHECK(read.output == output);
  CHECK(read.prompt == "router1#");
}

TEST_CASE("Line ends are normalised and stray control characters dropped") {
  auto reader = ios_reader();
  SECTION("CRLF, CR CR LF and lone CR") {
    reader.feed("one\r\ntwo\r\r\nthree\rfour\r\nrouter1#");
    REQUIRE(reader.done());
    CHECK(reader.output() == "one\ntwo\nthreefour");
  }
  SECTION("NUL and BEL") {
    reader.feed(std::string("a") + '\0' + "b\x07" + "c\r\nrouter1#");
    REQUIRE(reader.done());
    CHECK(reader.output() == "abc");
  }
  SECTION("a CRLF pair split across chunks") {
    reader.feed("line\r");
    reader.feed("\nrouter1#");
    REQUIRE(reader.done());
    CHECK(reader.output() == "line");
  }
}

TEST_CASE("Backspace erases the previous character of its own line only") {
  auto reader = ios_reader();
  SECTION("within a line") {
    reader.feed("helo\blo\r\nrouter1#");
    REQUIRE(reader.done());
    CHECK(reader.output() == "hello");
  }
  SECTION("never across a line end") {
    reader.feed("ab\r\n\b\bcd\r\nrouter1#");
    REQUIRE(reader.done());
    CHECK(reader.output() == "ab\ncd");
  }
  SECTION("never into the skipped echo") {
    reader.expect_echo("show clock");
    reader.feed("show clock\r\n\b\b10:00\r\nrouter1#");
    REQUIRE(reader.done());
    CHECK(reader.output() == "10:00");
  }
  SECTION("a backspace can turn a line into a prompt") {
    reader.feed("out\r\nrouter1#x");
    CHECK_FALSE(reader.done());
    reader.feed("\b");
    REQUIRE(reader.done());
    CHECK(reader.prompt() == "router1#");
  }
}

TEST_CASE("The echo of the input is skipped however the device draws it") {
  std::string command = "show running-config | include ";
  for (int i = 0; command.size() < 300; ++i)
    command += "description uplink-" + std::to_string(i) + "|";
  command.resize(300);
  const std::string answer = "output line\r\nrouter1#";

  SECTION("wrapped with a line end every 80 characters") {
    std::string echo;
    for (std::size_t i = 0; i < command.size(); i += 80) {
      echo += command.substr(i, 80) + (i + 80 < command.size() ? "\r\n" : "");
    }
    auto read = drive_answer(command, {echo + "\r\n" + answer});
    REQUIRE(read.done);
    CHECK(read.output == "output line");
    read = drive_answer(command, bytewise(echo + "\r\n" + answer));
    CHECK(read.output == "output line");
  }
  SECTION("scrolled IOS-style: backspaces, then '$' and the line shifted by 10") {
    const std::size_t width = 71;
    std::string echo = command.substr(0, width);
    for (std::size_t first = 10; first - 10 + width < command.size(); first += 10) {
      echo += std::string(width, '\b');
      echo += "$" + command.substr(first + 1, std::min(command.size(), first + width) - first - 1);
    }
    auto read = drive_answer(command, {echo + "\r\n" + answer});
    REQUIRE(read.done);
    CHECK(read.output == "output line");
  }
  SECTION("redrawn from the line start after a carriage return") {
    auto read = drive_answer(command, {command.substr(0, 80) + "\r" + command + "\r\n" + answer});
    REQUIRE(read.done);
    CHECK(read.output == "output line");
  }
  SECTION("a device that does not echo") {
    auto read = drive_answer("show clock", {"*10:00:00.000 UTC Mon Jan 1 2024\r\nrouter1#"});
    REQUIRE(read.done);
    CHECK(read.output == "*10:00:00.000 UTC Mon Jan 1 2024");
  }
  SECTION("output that starts like the input is kept whole") {
    auto read = drive_answer("show clock", bytewise("shelf 1 ok\r\nrouter1#"));
    REQUIRE(read.done);
    CHECK(read.output == "shelf 1 ok");
  }
  SECTION("an empty input skips only the line end") {
    CHECK(drive_answer("", {"\r\nrouter1#"}).prompt == "router1#");
    CHECK(drive_answer("", {"\r\nrouter1#"}).output.empty());
    CHECK(drive_answer("", {"router1#"}).prompt == "router1#");
    CHECK(drive_answer("", {"\r\nbanner\r\nrouter1#"}).output == "banner");
  }
  SECTION("no prompt is found inside an unfinished echo") {
    auto reader = ios_reader();
    reader.expect_echo("router1# show clock");
    reader.feed("router1#");
    CHECK_FALSE(reader.done());
    reader.feed(" show clock\r\n10:00\r\nrouter1#");
    REQUIRE(reader.done());
    CHECK(reader.output() == "10:00");
  }
}

TEST_CASE("Prompt-like text inside the output does not end the read") {
  const std::string body =
      "show running-config | include description|router\r\n"
      " description to core#1\r\n"
      "router1#show clock\r\n"
      "router2>\r\n"
      "Router3#\r\n"
      "hostname router1\r\n";
  auto reader = ios_reader();
  reader.expect_echo("show running-config | include description|router");
  reader.feed(body);
  CHECK_FALSE(reader.done());
  reader.feed("router1#");
  REQUIRE(reader.done());
  CHECK(reader.output() ==
        " description to core#1\nrouter1#show clock\nrouter2>\nRouter3#\nhostname router1");
}

TEST_CASE("A terminator pattern ends the read instead of the prompt") {
  auto reader = ios_reader();
  SECTION("a password prompt") {
    vty::Regex password("Password: ?$");
    reader.reset(password);
    reader.expect_echo("enable");
    reader.feed("enable\r\nPass");
    CHECK_FALSE(reader.done());
    reader.feed("word: ");
    REQUIRE(reader.done());
    CHECK(reader.prompt() == "Password:");
    CHECK(reader.output().empty());
  }
  SECTION("a confirmation at the end of a line") {
    vty::Regex confirm("\\[confirm\\]");
    reader.reset(confirm);
    reader.expect_echo("reload");
    reader.feed(
        "reload\r\nSystem configuration has been modified.\r\nProceed with reload? [confirm]");
    REQUIRE(reader.done());
    CHECK(reader.output() == "System configuration has been modified.");
    CHECK(reader.prompt() == "Proceed with reload? [confirm]");
  }
  SECTION("the prompt does not end a read awaiting a terminator") {
    vty::Regex destination("^Destination filename \\[.*\\]\\? $");
    reader.reset(destination);
    reader.feed("router1#");
    CHECK_FALSE(reader.done());
    reader.feed("\r\nDestination filename [running-config]? ");
    REQUIRE(reader.done());
    CHECK(reader.prompt() == "Destination filename [running-config]?");
  }
  SECTION("reset() awaits the prompt again") {
    vty::Regex password("Password:");
    reader.reset(password);
    reader.reset();
    reader.feed("Password:");
    CHECK_FALSE(reader.done());
    reader.feed("\r\nrouter1#");
    CHECK(reader.done());
  }
}

TEST_CASE("The prompt is the whole last line, without trailing spaces") {
  auto reader = ios_reader();
  SECTION("trailing spaces are dropped") {
    reader.feed("out\r\nrouter1(config-if)# ");
    REQUIRE(reader.done());
    CHECK(reader.prompt() == "router1(config-if)#");
  }
  SECTION("a pattern match inside a longer line is not a prompt") {
    PromptReader unanchored("router1#");
    unanchored.feed("out\r\nsee router1# here");
    CHECK_FALSE(unanchored.done());
    unanchored.feed("\r\nrouter1#");
    CHECK(unanchored.done());
  }
  SECTION("a last line longer than max_prompt_length is never a prompt") {
    PromptReader reader8(kIosPrompt, {.max_prompt_length = 8});
    reader8.feed("out\r\nrouter12#");
    CHECK_FALSE(reader8.done());
    reader8.feed("\r\nrouter1#");
    CHECK(reader8.done());
  }
}

TEST_CASE("raw() keeps every byte fed and tail() the last ones") {
  auto reader = ios_reader();
  reader.feed("\x1b[1mshow\x1b[0m\r\n");
  reader.feed("router1#");
  CHECK(reader.raw() == "\x1b[1mshow\x1b[0m\r\nrouter1#");
  CHECK(reader.tail(10) == "\r\nrouter1#");
  CHECK(reader.tail(1000) == reader.raw());
}

TEST_CASE("reset() starts a new answer but bytes_examined() counts since construction") {
  auto reader = ios_reader();
  reader.expect_echo("show clock");
  reader.feed("show clock\r\n10:00\r\nrouter1#");
  REQUIRE(reader.done());
  auto examined = reader.bytes_examined();
  CHECK(examined >= 27);
  reader.reset();
  CHECK_FALSE(reader.done());
  CHECK(reader.raw().empty());
  CHECK(reader.cleaned().empty());
  CHECK(reader.bytes_examined() == examined);
  reader.feed("\r\nrouter1#");
  CHECK(reader.done());
  CHECK(reader.output().empty());
  CHECK(reader.bytes_examined() > examined);
}

TEST_CASE("A moved reader carries on where it was") {
  auto reader = ios_reader();
  reader.expect_echo("show clock");
  reader.feed("show cl");
  PromptReader moved(std::move(reader));
  moved.feed("ock\r\n10:00\r\nrouter1#");
  REQUIRE(moved.done());
  CHECK(moved.output() == "10:00");
}

TEST_CASE("last_line() is the text after the last line end, once the echo is past") {
  auto reader = ios_reader();
  reader.expect_echo("show x");
  reader.feed("show");
  CHECK(reader.last_line().empty());
  reader.feed(" x\r\nline one\r\nstrange-box$ ");
  CHECK(reader.last_line() == "strange-box$ ");
  CHECK_FALSE(reader.done());
}

TEST_CASE("A carriage return then erase-in-line wipes the line (birdc's redrawn prompt)") {
  PromptReader reader(R"(^bird>\s*$)");
  reader.expect_echo("show status");
  const std::string answer =
      "show status\r\n\x1b[?2004l\r\x1b[?2004hbird> \r\x1b[KBIRD 2.0.12\r\nRouter ID is "
      "10.255.0.2\r\nbird> ";
  SECTION("in one chunk") {
    reader.feed(answer);
  }
  SECTION("a byte at a time, but the wipe with the redrawn prompt") {
    const std::size_t wipe = answer.find("\r\x1b[K");
    const std::size_t redraw = answer.find("bird> ");
    for (std::size_t i = 0; i < redraw; ++i) reader.feed(answer.substr(i, 1));
    reader.feed(answer.substr(redraw, wipe + 4 - redraw));
    CHECK_FALSE(reader.done());
    for (std::size_t i = wipe + 4; i < answer.size(); ++i) reader.feed(answer.substr(i, 1));
  }
  REQUIRE(reader.done());
  CHECK(reader.output() == "BIRD 2.0.12\nRouter ID is 10.255.0.2");
}

TEST_CASE("Erase-in-line after text, with the cursor at the line end, keeps the line") {
  PromptReader reader(R"(^bird>\s*$)");
  reader.feed("line one\x1b[K\r\nbird> ");
  REQUIRE(reader.done());
  CHECK(reader.output() == "line one");
}
