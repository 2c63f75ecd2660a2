// Platform definitions are parsed once per process and shared by the drivers that use them;
// each driver still gets the definition its own search path finds.
#include <catch2/catch.hpp>

#include <fstream>
#include <thread>
#include <vector>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/child_process.hpp"
#include "support/sim.hpp"

using vty::test::run_async;
using vty::test::Sim;
using vty::test::TempDir;
using Executor = asio::any_io_executor;

namespace {

// A user definition named `name` in `dir`: IOS-XE, plus a failure string of its own.
void write_definition(const TempDir& dir, const std::string& name, const std::string& failure) {
  std::ofstream(dir.file(name + ".toml")) << "extends = \"cisco_iosxe\"\nname = \"" << name
                                          << "\"\nfailed_when_contains = [\"" << failure << "\"]\n";
}

}  // namespace

TEST_CASE("opening N drivers parses their platform definition once") {
  Sim sim;
  TempDir dir;
  write_definition(dir, "catalog_probe", "% Invalid input");
  auto options = sim.options("libssh");
  options.platform = "catalog_probe";
  options.platform_paths = {dir.path()};
  constexpr int kDrivers = 8;
  const std::size_t before = vty::platform_files_parsed();
  run_async([&](Executor ex) -> asio::awaitable<void> {
    for (int i = 0; i < kDrivers; ++i) {
      auto conn = co_await vty::connect(ex, options);
      CHECK(conn->platform().name == "catalog_probe");
      co_await conn->close();
    }
  });
  CHECK(vty::platform_files_parsed() - before == 1);

  // From many threads at once, too: still the one definition parsed before.
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) (void)vty::load_platform("catalog_probe", {dir.path()});
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(vty::platform_files_parsed() - before == 1);
}

TEST_CASE("drivers with different user search paths get their own definitions") {
  Sim sim;
  TempDir plain, strict;
  write_definition(plain, "catalog_lab", "% Invalid input");
  write_definition(strict, "catalog_lab", "UTC");  // show clock's output counts as a failure
  auto options = sim.options("libssh");
  options.platform = "catalog_lab";
  run_async([&](Executor ex) -> asio::awaitable<void> {
    auto plain_options = options;
    plain_options.platform_paths = {plain.path()};
    auto strict_options = options;
    strict_options.platform_paths = {strict.path()};
    auto a = co_await vty::connect(ex, plain_options);
    auto b = co_await vty::connect(ex, strict_options);
    CHECK(a->platform().source == std::filesystem::path(plain.file("catalog_lab.toml")));
    CHECK(b->platform().source == std::filesystem::path(strict.file("catalog_lab.toml")));
    CHECK_FALSE((co_await a->send_command("show clock")).failed);
    CHECK((co_await b->send_command("show clock")).failed);
    co_await a->close();
    co_await b->close();
  });
}

TEST_CASE("a definition file that changes on disk is parsed again") {
  TempDir dir;
  write_definition(dir, "catalog_changing", "first");
  CHECK(vty::load_platform("catalog_changing", {dir.path()}).failed_when_contains ==
        std::vector<std::string>{"first"});
  const std::size_t before = vty::platform_files_parsed();
  write_definition(dir, "catalog_changing", "second one");
  CHECK(vty::load_platform("catalog_changing", {dir.path()}).failed_when_contains ==
        std::vector<std::string>{"second one"});
  CHECK(vty::platform_files_parsed() - before == 1);
}
