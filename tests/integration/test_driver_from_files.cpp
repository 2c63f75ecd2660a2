// The from-file variants of the dialogue verbs, and results that keep their prompt.
#include <catch2/catch.hpp>

#include <fstream>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/sim.hpp"

using vty::test::run_async;
using vty::test::Sim;
using Executor = asio::any_io_executor;

TEST_CASE("send_interactive_from_file reads one event a line: input, expect, hidden") {
  Sim sim;
  vty::test::TempDir dir;
  std::ofstream(dir.file("dialogue.tsv")) << "disable\t>\nenable\tPassword:\n"
                                          << Sim::enable_password << "\t\thidden\n";
  auto r = run_async([&](Executor ex) -> asio::awaitable<vty::Response> {
    auto conn = co_await vty::connect(ex, sim.options());
    auto response = co_await conn->send_interactive_from_file(dir.file("dialogue.tsv"));
    CHECK(conn->current_privilege() == "privilege_exec");
    co_return response;
  });
  CHECK(r.command == "disable, enable, <hidden>");
  CHECK(r.result.find(Sim::enable_password) == std::string::npos);
}

TEST_CASE("send_and_read_from_file sends the file's content as one input") {
  Sim sim;
  vty::test::TempDir dir;
  std::ofstream(dir.file("input.txt")) << "show clock\n";
  auto r = run_async([&](Executor ex) -> asio::awaitable<vty::Response> {
    auto conn = co_await vty::connect(ex, sim.options());
    co_return co_await conn->send_and_read_from_file(dir.file("input.txt"));
  });
  CHECK(r.command == "show clock");
  CHECK_THAT(r.result, Catch::Contains("UTC"));
}

TEST_CASE("strip_prompt = false keeps the prompt line at the end of the result") {
  Sim sim;
  auto r = run_async([&](Executor ex) -> asio::awaitable<vty::Response> {
    auto conn = co_await vty::connect(ex, sim.options());
    co_return co_await conn->send_command("show clock", {.strip_prompt = false});
  });
  CHECK_THAT(r.result, Catch::EndsWith("\nrouter1#"));
  CHECK_THAT(r.result, Catch::Contains("UTC"));
}
