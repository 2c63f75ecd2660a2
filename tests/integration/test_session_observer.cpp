// Options::observers: what a user's observer sees of a session against vty-sim.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include <vty/recording.hpp>
#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/child_process.hpp"
#include "support/sim.hpp"

using vty::test::Libssh;
using vty::test::run_async;
using vty::test::Sim;
using vty::test::Telnet;
using Executor = asio::any_io_executor;
using Kind = vty::SessionEvent::Kind;

namespace {

// Keeps a copy of every event (the views of an event live only during the call).
struct Seen {
  Kind kind;
  std::chrono::steady_clock::time_point at;
  std::string bytes, operation, command, host;
  bool masked = false, failed = false;
};

class Collector : public vty::SessionObserver {
 public:
  void on_event(const vty::SessionEvent& e) override {
    events.push_back({e.kind, e.at, std::string(e.bytes), std::string(e.operation),
                      std::string(e.command), std::string(e.session.host), e.masked, e.failed});
  }
  std::string all(Kind kind) const {
    std::string text;
    for (const auto& e : events)
      if (e.kind == kind) text += e.bytes;
    return text;
  }
  std::vector<Seen> events;
};

bool has(const std::vector<Seen>& events, Kind kind, std::string_view operation,
         std::string_view command = {}) {
  return std::any_of(events.begin(), events.end(), [&](const Seen& e) {
    return e.kind == kind && e.operation == operation && (command.empty() || e.command == command);
  });
}

}  // namespace

TEMPLATE_TEST_CASE("an observer sees the bytes and operations of a session, passwords masked", "",
                   Libssh, Telnet) {
  Sim sim;
  auto options = sim.options(TestType::transport);
  auto seen = std::make_shared<Collector>();
  options.observers.push_back(seen);
  options.label = "edge1";
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, options);
    // Back to exec and up again: the enable password is typed at the device's question.
    co_await conn->acquire_priv("exec");
    co_await conn->send_command("show clock");
    co_await conn->close();
  });
  auto& events = seen->events;
  REQUIRE(events.size() > 6);
  CHECK(events.front().kind == Kind::operation_started);
  CHECK(events.front().operation == "open");
  CHECK(events[1].kind == Kind::opening);
  CHECK(events.back().kind == Kind::ended);
  CHECK(events.back().operation == "close");
  CHECK(has(events, Kind::operation_finished, "open"));
  CHECK(has(events, Kind::operation_started, "send_command", "show clock"));
  CHECK(has(events, Kind::operation_started, "acquire_priv", "exec"));
  CHECK_FALSE(std::any_of(events.begin(), events.end(), [](const Seen& e) { return e.failed; }));
  CHECK(std::all_of(events.begin(), events.end(), [](const Seen& e) { return e.host == "edge1"; }));
  CHECK(std::is_sorted(events.begin(), events.end(),
                       [](const Seen& a, const Seen& b) { return a.at < b.at; }));

  const std::string sent = seen->all(Kind::sent);
  const std::string received = seen->all(Kind::received);
  CHECK_THAT(sent, Catch::Contains("show clock"));
  CHECK_THAT(received, Catch::Contains("*10:41:07.482 UTC Tue Mar 25 2025"));
  CHECK_THAT(received, Catch::Contains("router1#"));
  // The enable password (and over telnet the login password) went out, masked.
  CHECK(std::count_if(events.begin(), events.end(), [](const Seen& e) { return e.masked; }) >=
        (TestType::transport == std::string("telnet") ? 2 : 1));
  for (const auto& e : events) {
    CHECK(e.bytes.find(Sim::password) == std::string::npos);
    CHECK(e.bytes.find(Sim::enable_password) == std::string::npos);
    CHECK(e.command.find(Sim::enable_password) == std::string::npos);
  }
}

TEST_CASE("an observer and a recording watch the same session, neither sees a password") {
  Sim sim;
  vty::test::TempDir dir;
  auto options = sim.options("telnet");
  auto seen = std::make_shared<Collector>();
  options.observers.push_back(seen);
  options.observers.push_back(vty::record_to(dir.file("session.vtyrec")));
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, options);
    std::vector<vty::InteractiveEvent> dialogue{
        {.input = "disable", .expect = ">"},
        {.input = "enable", .expect = "Password:"},
        {.input = Sim::enable_password, .expect = "", .hidden = true},
    };
    co_await conn->send_interactive(dialogue);
    co_await conn->close();
  });
  std::ifstream in(dir.file("session.vtyrec"));
  std::stringstream recording;
  recording << in.rdbuf();
  CHECK_THAT(recording.str(), Catch::Contains("show") || Catch::Contains("enable"));
  CHECK(recording.str().find(Sim::enable_password) == std::string::npos);
  CHECK(recording.str().find(Sim::password) == std::string::npos);
  CHECK(has(seen->events, Kind::operation_finished, "send_interactive"));
  for (const auto& e : seen->events) CHECK(e.bytes.find(Sim::enable_password) == std::string::npos);
}

TEST_CASE("an observer sees a failed operation end as failed") {
  Sim sim;
  auto options = sim.options("libssh");
  auto seen = std::make_shared<Collector>();
  options.observers.push_back(seen);
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, options);
    CHECK_THROWS_AS(
        co_await conn->send_command("show hang", {.timeout = std::chrono::milliseconds(300)}),
        vty::OperationTimeout);
    conn->abort();
  });
  auto& events = seen->events;
  auto finished = std::find_if(events.begin(), events.end(), [](const Seen& e) {
    return e.kind == Kind::operation_finished && e.operation == "send_command";
  });
  REQUIRE(finished != events.end());
  CHECK(finished->failed);
  CHECK(events.back().kind == Kind::ended);
  CHECK(events.back().operation == "abort");
}

TEST_CASE("detect_platform tells the observer what it sent and read") {
  Sim sim;
  auto options = sim.options("libssh");
  auto seen = std::make_shared<Collector>();
  options.observers.push_back(seen);
  auto guess = run_async([&](Executor ex) { return vty::detect_platform(ex, options); });
  CHECK(guess.platform == "cisco_iosxe");
  CHECK(has(seen->events, Kind::operation_finished, "detect_platform"));
  CHECK_THAT(seen->all(Kind::sent), Catch::Contains("show version"));
  CHECK_THAT(seen->all(Kind::received), Catch::Contains("Cisco IOS XE"));
  CHECK(seen->events.back().kind == Kind::ended);
  CHECK(seen->events.back().operation == "close");
}

TEST_CASE("every observer of Options::observers sees the same events, in the order given") {
  Sim sim;
  auto options = sim.options("libssh");
  auto first = std::make_shared<Collector>();
  auto second = std::make_shared<Collector>();
  options.observers = {first, nullptr, second};  // an empty slot is skipped
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto conn = co_await vty::connect(ex, options);
    co_await conn->send_command("show clock");
    co_await conn->close();
  });
  REQUIRE(first->events.size() == second->events.size());
  CHECK(first->all(Kind::sent) == second->all(Kind::sent));
  CHECK(first->all(Kind::received) == second->all(Kind::received));
  CHECK(has(second->events, Kind::operation_started, "send_command", "show clock"));
}

TEST_CASE("a recording that cannot be created fails the open with RecordingError") {
  Sim sim;
  vty::test::TempDir dir;
  auto options = sim.options("libssh");
  auto seen = std::make_shared<Collector>();
  options.observers = {vty::record_to(dir.file("no/such/folder/r.vtyrec")), seen};
  auto error = run_async([&](Executor ex) -> asio::awaitable<std::string> {
    try {
      auto conn = co_await vty::connect(ex, options);
    } catch (const vty::DriverException& e) {
      co_return std::string(e.type_name()) + ": " + e.what();
    }
    co_return std::string("opened");
  });
  CHECK_THAT(error, Catch::StartsWith("vty::RecordingError") &&
                        Catch::Contains("cannot create recording") &&
                        Catch::Contains("no/such/folder/r.vtyrec"));
  // Nothing was sent: the session was refused before it connected.
  CHECK(seen->all(Kind::sent).empty());
  REQUIRE_FALSE(seen->events.empty());
  CHECK(seen->events.back().kind == Kind::ended);
  CHECK(seen->events.back().operation == "abort");
}
