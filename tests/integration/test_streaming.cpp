// Output streamed to an OutputSink as it arrives instead of kept in the Response.
#include <catch2/catch.hpp>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/sim.hpp"

using vty::test::run_async;
using vty::test::Sim;
using Executor = asio::any_io_executor;

namespace {

struct Collect : vty::OutputSink {
  void write(std::string_view text) override {
    text_ += text;
    ++pieces;
  }
  std::string text_;
  int pieces = 0;
};

struct Count : vty::OutputSink {
  void write(std::string_view text) override { bytes += text.size(); }
  std::size_t bytes = 0;
};

}  // namespace

TEST_CASE("a sink receives exactly the output a Response would hold") {
  Sim sim;
  Collect streamed;
  auto [kept, passed] =
      run_async([&](Executor ex) -> asio::awaitable<std::pair<vty::Response, vty::Response>> {
        auto conn = co_await vty::connect(ex, sim.options());
        auto whole = co_await conn->send_command("show running-config");
        auto sunk = co_await conn->send_command("show running-config", {.sink = &streamed});
        co_return std::pair{whole, sunk};
      });
  CHECK(streamed.text_ == kept.result);
  CHECK(passed.result.empty());
  CHECK_FALSE(passed.failed);
}

TEST_CASE("a streamed command is still marked failed by the platform's failure strings") {
  Sim sim;
  Collect streamed;
  auto r = run_async([&](Executor ex) -> asio::awaitable<vty::Response> {
    auto conn = co_await vty::connect(ex, sim.options());
    co_return co_await conn->send_command("show nonsense", {.sink = &streamed});
  });
  CHECK(r.failed);
  CHECK(r.failed_when_contains == "% Invalid input");
  CHECK_THAT(streamed.text_, Catch::Contains("% Invalid input"));
}

TEST_CASE("30 MB stream through a sink while the response keeps only a raw tail") {
  Sim sim;
  Count counted;
  auto r = run_async([&](Executor ex) -> asio::awaitable<vty::Response> {
    auto conn = co_await vty::connect(ex, sim.options());
    // The whole command's deadline: generous, for sanitizer builds that run slower.
    co_return co_await conn->send_command("show big 30",
                                          {.timeout = std::chrono::seconds(120), .sink = &counted});
  });
  CHECK(counted.bytes == 30'000'000 - 1);
  CHECK(r.result.empty());
  CHECK(r.raw_result.size() < 16 * 1024);
}
