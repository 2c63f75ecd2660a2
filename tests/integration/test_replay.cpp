// Record a session against vty-sim over each transport, then play it back: through the
// replay transport and through `vty-sim --from-recording`; the Responses are the same.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <vty/recording.hpp>
#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/child_process.hpp"
#include "support/paths.hpp"
#include "support/sim.hpp"

using vty::test::Libssh;
using vty::test::run_async;
using vty::test::Sim;
using vty::test::SystemSsh;
using vty::test::Telnet;
using vty::test::TempDir;
using Executor = asio::any_io_executor;

namespace {

const std::vector<std::string> kCommands{"show version", "show clock", "show nonsense",
                                         "show ip interface brief"};

struct Outcome {
  std::vector<std::string> results;
  std::vector<bool> failed;
  bool operator==(const Outcome&) const = default;
};

// Opens, sends the commands and a configuration line, closes.
Outcome session(const vty::Options& options) {
  return run_async([&](Executor ex) -> asio::awaitable<Outcome> {
    auto conn = co_await vty::connect(ex, options);
    Outcome outcome;
    auto responses = co_await conn->send_commands(kCommands);
    std::vector<std::string> config{"interface Loopback0", "description replayed"};
    auto configured = co_await conn->send_configs(config);
    for (const auto* all : {&responses, &configured}) {
      for (const auto& response : *all) {
        outcome.results.push_back(response.result);
        outcome.failed.push_back(response.failed);
      }
    }
    co_await conn->close();
    co_return outcome;
  });
}

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

vty::Options replay_options(const std::string& file) {
  vty::Options options;
  options.host = "router1";
  options.transport = "replay";
  options.replay.file = file;
  options.auth.password = "not-the-recorded-one";
  options.auth.username = Sim::user;
  options.auth.secondary = "not-the-recorded-enable";
  options.timeout_ops = std::chrono::seconds(5);
  return options;
}

// vty-sim serving a recording, on free loopback ports (SSH, and telnet).
struct RecordingSim {
  explicit RecordingSim(const std::string& file)
      : process({.argv = {VTY_SIM_PATH, "--from-recording", file, "--port", "0", "--telnet"}}) {
    const std::string ssh = "listening ssh 127.0.0.1:", telnet = "listening telnet 127.0.0.1:";
    while (telnet_port == 0) {
      std::string line = process.read_line();
      if (line.starts_with(ssh)) ssh_port = std::stoi(line.substr(ssh.size()));
      if (line.starts_with(telnet)) telnet_port = std::stoi(line.substr(telnet.size()));
    }
  }
  vty::test::ChildProcess process;
  unsigned short ssh_port = 0, telnet_port = 0;
};

}  // namespace

TEMPLATE_TEST_CASE("a recorded session replays to the same Responses", "", Libssh, SystemSsh,
                   Telnet) {
  TempDir dir;
  const std::string file = dir.file("router1.vtyrec");
  Sim sim;
  vty::Options live = sim.options(TestType::transport);
  live.observers.push_back(vty::record_to(file));
  const Outcome recorded = session(live);
  REQUIRE(recorded.results.size() == 6);
  CHECK(recorded.failed[2]);

  auto recording = vty::load_recording(file);
  CHECK(recording.header.transport == TestType::transport);
  CHECK(recording.header.platform == "cisco_iosxe");
  CHECK(recording.header.host == "127.0.0.1");

  SECTION("through the replay transport") {
    CHECK(session(replay_options(file)) == recorded);
  }
  SECTION("with the recorded delays") {
    auto options = replay_options(file);
    options.replay.realtime = true;
    CHECK(session(options) == recorded);
  }
  SECTION("through vty-sim --from-recording") {
    RecordingSim served(file);
    vty::Options options = sim.options(TestType::transport);
    options.port =
        TestType::transport == std::string("telnet") ? served.telnet_port : served.ssh_port;
    CHECK(session(options) == recorded);
  }
}

TEMPLATE_TEST_CASE("passwords never appear in a recording", "", Libssh, Telnet) {
  TempDir dir;
  const std::string file = dir.file("r.vtyrec");
  Sim sim;
  vty::Options live = sim.options(TestType::transport);
  live.observers.push_back(vty::record_to(file));
  session(live);
  const std::string text = file_text(file);
  CHECK_THAT(text, Catch::Contains("sent masked"));  // the enable password, at least
  CHECK(text.find(Sim::password) == std::string::npos);
  CHECK(text.find(Sim::enable_password) == std::string::npos);
}

TEST_CASE("input that differs from the recording raises ReplayMismatch with both inputs") {
  TempDir dir;
  const std::string file = dir.file("r.vtyrec");
  Sim sim;
  vty::Options live = sim.options();
  live.observers.push_back(vty::record_to(file));
  session(live);
  auto recording = vty::load_recording(file);
  std::size_t index = 0;
  while (recording.events[index].bytes != "show clock\n") ++index;

  const vty::Options options = replay_options(file);
  auto error = run_async([&](Executor ex) -> asio::awaitable<std::string> {
    auto conn = co_await vty::connect(ex, options);
    co_await conn->send_command("show version");
    try {
      co_await conn->send_command("show running-config");
    } catch (const vty::ReplayMismatch& mismatch) {
      CHECK(mismatch.expected() == "show clock\n");
      CHECK(mismatch.actual() == "show running-config\n");
      CHECK(mismatch.event_index() == index);
      co_return std::string(mismatch.what());
    }
    co_return std::string("no mismatch");
  });
  CHECK_THAT(error, Catch::Contains("at event " + std::to_string(index)) &&
                        Catch::Contains("expected \"show clock\\n\"") &&
                        Catch::Contains("sent \"show running-config\\n\""));
}

TEST_CASE("a replay without a readable recording is a clear error at open") {
  TempDir dir;
  std::ofstream(dir.file("not.vtyrec")) << "hello\n";
  auto error_of = [](const vty::Options& options) {
    return run_async([&](Executor ex) -> asio::awaitable<std::string> {
      try {
        auto conn = co_await vty::connect(ex, options);
      } catch (const vty::DriverException& error) {
        co_return std::string(error.type_name()) + ": " + error.what();
      }
      co_return std::string("opened");
    });
  };
  CHECK_THAT(error_of(replay_options(dir.file("missing.vtyrec"))),
             Catch::StartsWith("vty::RecordingError") && Catch::Contains("cannot read"));
  CHECK_THAT(error_of(replay_options(dir.file("not.vtyrec"))),
             Catch::Contains("not.vtyrec:1: not a vty recording"));
}

TEST_CASE("realtime replay waits the recorded delays, so a slow device's timeout reproduces") {
  TempDir dir;
  const std::string file = dir.file("slow.vtyrec");
  // A device that took 1.5 s to answer `show slow`.
  std::ofstream(file) << "vty-recording 1\n"
                         "platform: cisco_iosxe\n"
                         "transport: libssh\n"
                         "\n"
                         "0.010000 recv \"router1#\"\n"
                         "0.020000 sent \"terminal length 0\\n\"\n"
                         "0.030000 recv \"terminal length 0\\r\\nrouter1#\"\n"
                         "0.040000 sent \"terminal width 512\\n\"\n"
                         "0.050000 recv \"terminal width 512\\r\\nrouter1#\"\n"
                         "0.060000 sent \"show slow\\n\"\n"
                         "1.560000 recv \"show slow\\r\\ndone\\r\\nrouter1#\"\n";
  auto options = replay_options(file);
  options.timeout_ops = std::chrono::milliseconds(500);
  auto outcome = [&] {
    return run_async([&](Executor ex) -> asio::awaitable<std::string> {
      auto conn = co_await vty::connect(ex, options);
      try {
        auto response = co_await conn->send_command("show slow");
        co_return response.result;
      } catch (const vty::OperationTimeout& timeout) {
        co_return std::string(timeout.type_name());
      }
    });
  };
  CHECK(outcome() == "done");  // as fast as possible: no wait at all
  options.replay.realtime = true;
  CHECK(outcome() == "vty::OperationTimeout");
}
