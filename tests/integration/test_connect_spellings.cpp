// The spelling of vty::connect its documentation recommends works, run against vty-sim.
// The temporaries GCC 12 miscompiles in a co_await expression (`connect(executor, {...})`,
// `connect(executor, vty::Options{...})`: free(): invalid pointer) do not compile: the
// ctest entries "compile-fail: connect ..." (tests/compile_fail/) prove that.
#include <catch2/catch.hpp>

#include <string>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/sim.hpp"

using vty::test::run_async;
using vty::test::Sim;
using Executor = asio::any_io_executor;

TEST_CASE("connect: the documented spelling (named Options then co_await) works") {
  Sim sim;
  auto prompt = run_async([&](Executor executor) -> asio::awaitable<std::string> {
    // As in connect's Doxygen brief and the README.
    vty::Options device{.host = "127.0.0.1",
                        .port = sim.port(),
                        .platform = "cisco_iosxe",
                        .auth = {.username = Sim::user,
                                 .password = Sim::password,
                                 .secondary = Sim::enable_password},
                        .host_key_policy = vty::HostKeyPolicy::off};
    auto conn = co_await vty::connect(executor, device);
    auto prompt = co_await conn->get_prompt();
    co_await conn->close();
    co_return prompt;
  });
  CHECK(prompt.ends_with("#"));
}
