// The device side of a replay, sans-io: output waits for the input recorded before it,
// input must match the recording, passwords match any password.
#include <catch2/catch.hpp>

#include <string>

#include <vty/errors.hpp>

#include "replay_script.hpp"

using vty::RecordedEvent;
using vty::replay::ReplayScript;
using Kind = vty::RecordedEvent::Kind;
using Next = ReplayScript::Next;

namespace {

vty::Recording login_session() {
  vty::Recording recording;
  recording.events = {{.kind = Kind::received, .bytes = "Password: "},
                      {.kind = Kind::sent, .bytes = "\r\n", .masked = true},
                      {.kind = Kind::received, .bytes = "\r\nrouter1#"},
                      {.kind = Kind::sent, .bytes = "show  clock\r\n"},
                      {.kind = Kind::received, .bytes = "show  clock\r\n"},
                      {.kind = Kind::received, .bytes = "12:00\r\nrouter1#"},
                      {.kind = Kind::closed}};
  return recording;
}

}  // namespace

TEST_CASE("the recorded output comes only after the input recorded before it") {
  ReplayScript script(login_session(), {.source = "s.vtyrec"});
  REQUIRE(script.next() == Next::output);
  CHECK(script.take_output(1024) == "Password: ");
  CHECK(script.next() == Next::wait_input);
  SECTION("a password matches whatever is typed, split anywhere") {
    script.input("any-pass");
    CHECK(script.next() == Next::wait_input);
    script.input("word\r\n");
    CHECK(script.take_output(1024) == "\r\nrouter1#");
    script.input("show  cl");
    CHECK(script.next() == Next::wait_input);
    script.input("ock\r\n");
    CHECK(script.take_output(4) == "show");
    CHECK(script.take_output(1024) == "  clock\r\n12:00\r\nrouter1#");
    CHECK(script.next() == Next::closed);
  }
  SECTION("without merging, each received event is one read") {
    script.input("secret\r\nshow  clock\r\n");
    CHECK(script.take_output(1024, false) == "\r\nrouter1#");
    CHECK(script.take_output(1024, false) == "show  clock\r\n");
    CHECK(script.take_output(1024, false) == "12:00\r\nrouter1#");
  }
}

TEST_CASE("input that differs from the recording is a ReplayMismatch with both inputs") {
  ReplayScript script(login_session(), {.source = "s.vtyrec", .host = "r1"});
  script.take_output(1024);
  script.input("pw\r\n");
  script.take_output(1024);
  try {
    script.input("show clock\r\n");
    FAIL("no mismatch");
  } catch (const vty::ReplayMismatch& mismatch) {
    CHECK(mismatch.event_index() == 3);
    CHECK(mismatch.expected() == "show  clock\r\n");
    CHECK(mismatch.actual() == "show clock\r\n");
    CHECK_THAT(mismatch.what(),
               Catch::Contains("s.vtyrec at event 3") &&
                   Catch::Contains("expected \"show  clock\\r\\n\", sent \"show clock\\r\\n\""));
  }
}

TEST_CASE("input after the end of the recording is a mismatch") {
  vty::Recording recording;
  recording.events = {{.kind = Kind::received, .bytes = "r1#"}};
  ReplayScript script(recording, {});
  script.take_output(100);
  CHECK(script.next() == Next::end);
  CHECK_THROWS_WITH(script.input("exit\n"), Catch::Contains("expected (the end of the recording)"));
}

TEST_CASE("whitespace-normalised matching ignores spaces, tabs and line-end styles") {
  CHECK(vty::replay::normalise_whitespace("  show \t clock  \r\n") == "show clock\n");
  ReplayScript script(login_session(), {.normalise_whitespace = true});
  script.take_output(1024);
  script.input("hunter2\n");
  script.take_output(1024);
  script.input("show clock\n");
  CHECK(script.next() == Next::output);
  CHECK_THROWS_AS(script.input("show version\n"), vty::ReplayMismatch);
}
