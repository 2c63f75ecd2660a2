// vty-sim's fault injection, sans-io: what each fault does to a session's bytes.
#include <catch2/catch.hpp>

#include <vty/prompt_reader.hpp>

#include "vty-sim/fault.hpp"

using vty::sim::FaultInjector;
using vty::sim::FaultKind;
using vty::sim::parse_fault;

namespace {

FaultInjector on_show_version(std::string_view spec) {
  auto fault = parse_fault(spec);
  fault.on = "show version";
  FaultInjector injector(fault);
  injector.typed("terminal length 0\r");
  CHECK(injector.output("terminal length 0\r\nrouter1#").bytes == "terminal length 0\r\nrouter1#");
  CHECK_FALSE(injector.triggered());
  injector.typed("show version\r");
  CHECK(injector.triggered());
  return injector;
}

const std::string kAnswer = "show version\r\nCisco IOS XE Software, Version 17.09.04a\r\n" +
                            std::string(300, 'v') + "\r\nrouter1#";

}  // namespace

TEST_CASE("faults are named NAME[:ARG], with defaults, and bad ones are refused by name") {
  auto stall = parse_fault("stall:1000");
  CHECK(stall.kind == FaultKind::stall);
  CHECK(stall.arg == 1000);
  CHECK(parse_fault("drop").arg == 200);
  CHECK(parse_fault("long-line").arg == 10);
  CHECK(parse_fault("close-in-auth").login_fault());
  CHECK_FALSE(parse_fault("garbage").login_fault());
  CHECK_THROWS_WITH(parse_fault("stal:5"), Catch::Contains("unknown fault \"stal\"") &&
                                               Catch::Contains("stall") &&
                                               Catch::Contains("wrong-password-loop"));
  CHECK_THROWS_WITH(parse_fault("stall:lots"), Catch::Contains("whole number"));
  for (const char* name : {"drop", "stall", "no-prompt", "garbage", "ansi-storm", "long-line",
                           "slow", "pager-ignores-length", "echo-rewrite", "wrong-password-loop",
                           "slow-banner", "close-in-auth", "silent", "new-host-key", "deaf"}) {
    CHECK_THAT(vty::sim::fault_help(), Catch::Contains(name));
  }
}

TEST_CASE("stall passes ARG bytes of the triggering command's answer, then nothing") {
  auto injector = on_show_version("stall:100");
  auto step = injector.output(kAnswer);
  CHECK(step.bytes == kAnswer.substr(0, 100));
  CHECK(step.stall);
  CHECK_FALSE(step.hang_up);
  CHECK(injector.output("more\r\nrouter1#").bytes.empty());
  CHECK(injector.idle().bytes.empty());
}

TEST_CASE("deaf answers the triggering command, then takes no input for ARG ms") {
  CHECK(parse_fault("deaf").arg == 60000);
  auto injector = on_show_version("deaf:5000");
  CHECK(injector.output(kAnswer).bytes == kAnswer);  // the answer comes whole
  auto step = injector.idle();                       // then the device stops reading
  CHECK(step.deaf == std::chrono::milliseconds(5000));
  CHECK(step.bytes.empty());
  CHECK_FALSE(step.stall);
  CHECK(injector.idle().deaf.count() == 0);  // once
}

TEST_CASE("drop passes ARG bytes over two reads, then hangs up") {
  auto injector = on_show_version("drop:60");
  auto first = injector.output(kAnswer.substr(0, 40));
  CHECK(first.bytes.size() == 40);
  CHECK_FALSE(first.hang_up);
  auto second = injector.output(kAnswer.substr(40));
  CHECK(second.bytes == kAnswer.substr(40, 20));
  CHECK(second.hang_up);
}

TEST_CASE("no-prompt lets complete lines through but never the prompt") {
  FaultInjector injector(parse_fault("no-prompt"));  // from login
  CHECK(injector.output("Welcome\r\nrouter1>").bytes == "Welcome\r\n");
  CHECK(injector.idle().bytes.empty());
}

TEST_CASE("garbage is one endless line of random bytes, with no prompt in it") {
  auto injector = on_show_version("garbage:5000");
  auto step = injector.output(kAnswer);
  REQUIRE(step.bytes.size() == 5000);
  CHECK(step.bytes.find_first_of("\r\n#>") == std::string::npos);
  CHECK(step.stall);
}

TEST_CASE("an ANSI storm hides nothing from a reader that strips escapes") {
  auto injector = on_show_version("ansi-storm");
  auto stormy = injector.output(kAnswer).bytes;
  CHECK(stormy.size() > kAnswer.size());
  vty::PromptReader clean{R"(^router1#\s*$)"};
  clean.feed(kAnswer);
  vty::PromptReader reader{R"(^router1#\s*$)"};
  reader.feed(stormy);
  CHECK(reader.done());
  CHECK(reader.cleaned() == clean.cleaned());
}

TEST_CASE("long-line answers with one line of ARG megabytes, then the prompt, once") {
  auto injector = on_show_version("long-line:2");
  auto step = injector.output(kAnswer);
  CHECK(step.bytes.starts_with("show version\r\n0123456789"));
  CHECK(step.bytes.size() == std::string("show version\r\n").size() + 2'000'000 + 2);
  CHECK(step.bytes.ends_with("\r\n"));
  CHECK(injector.idle().bytes == "router1#");
  injector.typed("show clock\r");
  CHECK(injector.output("show clock\r\n12:00\r\nrouter1#").bytes ==
        "show clock\r\n12:00\r\nrouter1#");
}

TEST_CASE("slow paces every byte, and slow-banner prints a banner over ARG milliseconds first") {
  auto slow = on_show_version("slow:7");
  auto step = slow.output(kAnswer);
  CHECK(step.bytes == kAnswer);
  CHECK(step.per_byte == std::chrono::milliseconds(7));

  FaultInjector banner(parse_fault("slow-banner:2000"));
  auto first = banner.output("router1>");
  CHECK_THAT(first.bytes, Catch::Contains("Authorised access only"));
  auto total = first.per_byte * static_cast<long>(first.bytes.size());
  CHECK(total >= std::chrono::milliseconds(1500));
  CHECK(total <= std::chrono::milliseconds(2000));
  CHECK(banner.idle().bytes == "router1>");
}

TEST_CASE("echo-rewrite echoes the typed command rewritten") {
  auto injector = on_show_version("echo-rewrite");
  CHECK(injector.output(kAnswer).bytes.starts_with("SHOW VERSION\r\nCisco IOS XE"));
}
