// The recording file format (docs/recording.md): any bytes round-trip, the file is readable
// text, and a broken file is refused with its line.
#include <catch2/catch.hpp>

#include <string>

#include <vty/errors.hpp>
#include <vty/recording.hpp>

using vty::RecordedEvent;
using Kind = vty::RecordedEvent::Kind;
using namespace std::chrono_literals;

namespace {

vty::Recording round_trip(const vty::Recording& recording) {
  return vty::parse_recording(vty::format_recording(recording), "test");
}

vty::Recording with_events(std::vector<RecordedEvent> events) {
  vty::Recording recording;
  recording.header = {.platform = "cisco_iosxe",
                      .transport = "libssh",
                      .host = "router1",
                      .vty_version = "0.1.0",
                      .recorded_at = "2026-11-25T20:00:00Z"};
  recording.events = std::move(events);
  return recording;
}

}  // namespace

TEST_CASE("every byte value round-trips through the file") {
  std::string all;
  for (int byte = 0; byte < 256; ++byte) all += static_cast<char>(byte);
  SECTION("escaping alone") {
    CHECK(vty::unescape_recorded_bytes(vty::escape_recorded_bytes(all)) == all);
  }
  SECTION("in an event") {
    auto back = round_trip(with_events({{.at = 1500us, .kind = Kind::received, .bytes = all}}));
    REQUIRE(back.events.size() == 1);
    CHECK(back.events[0].bytes == all);
    CHECK(back.events[0].at == 1500us);
  }
}

TEST_CASE("invalid UTF-8 is escaped, valid UTF-8 and ANSI stay readable") {
  const std::string invalid = "\xc3\x28 \xe2\x82 \xff\xfe \xed\xa0\x80 \xf0\x9f\x98";
  const std::string text = "caf\xc3\xa9 \xe2\x9c\x93 \x1b[1;32mOK\x1b[0m\r\n";
  CHECK(vty::escape_recorded_bytes(text) == "caf\xc3\xa9 \xe2\x9c\x93 \\e[1;32mOK\\e[0m\\r\\n");
  auto escaped = vty::escape_recorded_bytes(invalid);
  CHECK(escaped == "\\xc3( \\xe2\\x82 \\xff\\xfe \\xed\\xa0\\x80 \\xf0\\x9f\\x98");
  auto back = round_trip(with_events({{.kind = Kind::received, .bytes = invalid + text},
                                      {.at = 2s, .kind = Kind::sent, .bytes = "show\tver\\\"\n"}}));
  CHECK(back.events[0].bytes == invalid + text);
  CHECK(back.events[1].bytes == "show\tver\\\"\n");
}

TEST_CASE("a recording is readable text: a header, then one event per line") {
  auto recording = with_events(
      {{.at = 12345us, .kind = Kind::received, .bytes = "router1#"},
       {.at = 20ms, .kind = Kind::sent, .bytes = "show version\n"},
       {.at = 31ms, .kind = Kind::received, .bytes = "show version\r\nIOS XE\r\nrouter1#"},
       {.at = 40ms, .kind = Kind::sent, .bytes = "\n", .masked = true},
       {.at = 1s, .kind = Kind::closed}});
  const std::string text = vty::format_recording(recording);
  CHECK(text ==
        "vty-recording 1\n"
        "platform: cisco_iosxe\n"
        "transport: libssh\n"
        "host: router1\n"
        "vty-version: 0.1.0\n"
        "recorded-at: 2026-11-25T20:00:00Z\n"
        "in-band-auth: no\n"
        "\n"
        "0.012345 recv \"router1#\"\n"
        "0.020000 sent \"show version\\n\"\n"
        "0.031000 recv \"show version\\r\\n\"\n"
        "              \"IOS XE\\r\\n\"\n"
        "              \"router1#\"\n"
        "0.040000 sent masked \"\\n\"\n"
        "1.000000 closed\n");
  auto back = vty::parse_recording(text, "test");
  CHECK(back.header.host == "router1");
  CHECK(back.header.transport == "libssh");
  REQUIRE(back.events.size() == 5);
  CHECK(back.events[2].bytes == "show version\r\nIOS XE\r\nrouter1#");
  CHECK(back.events[2].line == 11);
  CHECK(back.events[3].masked);
  CHECK(back.events[4].kind == Kind::closed);
}

TEST_CASE("a file that is not a valid recording is refused with its line") {
  auto error_of = [](const std::string& text) {
    try {
      vty::parse_recording(text, "bad.vtyrec");
    } catch (const vty::RecordingError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  const std::string head = "vty-recording 1\nhost: r1\n\n";
  CHECK_THAT(error_of("hello\n"), Catch::Contains("bad.vtyrec:1: not a vty recording"));
  CHECK_THAT(error_of("vty-recording 9\n"), Catch::Contains("format version 9 is newer"));
  CHECK_THAT(error_of(head + "0.1 recv \"a\\q\"\n"),
             Catch::Contains("bad.vtyrec:4: unknown escape"));
  CHECK_THAT(error_of(head + "0.1 recv \"a\\x4\"\n"), Catch::Contains("two hex digits"));
  CHECK_THAT(error_of(head + "0.1 recv abc\n"), Catch::Contains("double quotes"));
  CHECK_THAT(error_of(head + "0.1 shout \"a\"\n"), Catch::Contains("unknown event kind"));
  CHECK_THAT(error_of(head + "0.2 recv \"a\"\n0.1 recv \"b\"\n"),
             Catch::Contains("bad.vtyrec:5: time goes backwards"));
  CHECK_THAT(error_of(head + "x recv \"a\"\n"), Catch::Contains("bad time"));
  CHECK_THAT(error_of(""), Catch::Contains("empty file"));
}
