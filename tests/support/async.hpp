// Runs a test's coroutine to completion on a fresh io_context and hands back its result
// (or rethrows its exception).
#pragma once

#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/use_future.hpp>

namespace vty::test {

template <typename MakeCoroutine>
auto run_async(MakeCoroutine&& make) {
  asio::io_context io;
  auto result = asio::co_spawn(io, make(io.get_executor()), asio::use_future);
  io.run();
  return result.get();
}

}  // namespace vty::test
