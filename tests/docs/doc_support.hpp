// What the documentation's code blocks run in (tests/docs/extract_blocks.py): a vty-sim
// device the documented address stands for, and the block's output captured.
#pragma once

#include <catch2/catch.hpp>

#include "support/paths.hpp"  // VTY_TEST_DATA_DIR for a block's prelude

// vty before Asio, as docs/concurrency.md asks of every file (clang needs it for co_await).
#include <vty/vty.hpp>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include <chrono>
#include <exception>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace vty::test {
class Sim;
class TempDir;
}  // namespace vty::test

namespace vty::doc {

// The port of the device the current block talks to ("10.0.0.1" in the docs).
std::uint16_t port();

// One vty-sim device for one block, with a host key that ~/.ssh/known_hosts (the test's
// own HOME) trusts, so that blocks keep their default strict host-key checking.
class Device {
 public:
  Device(std::vector<std::string> sim_args, std::string transport, std::string platform);
  ~Device();
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  // Each runs the block in a folder of its own (files it names land there) with std::cout
  // and std::cerr captured and returns what it printed;
  // an exception the block lets out fails the test.
  std::string run_program(const std::function<int()>& program);
  std::string run_blocking(const std::function<void(const Options&)>& block);
  std::string run_coroutine(const std::function<asio::awaitable<void>(
                                asio::io_context&, asio::any_io_executor, const Options&)>& block);

 private:
  std::string capture(const std::function<void()>& run);
  std::unique_ptr<test::TempDir> folder_;
  std::unique_ptr<test::Sim> sim_;
  Options options_;
};

// The pages' user-transport blocks name a serial-line transport; a serial line is not on
// loopback, so those blocks compile against these and do not run (examples/custom_transport.cpp
// runs a user's transport in the tests).
class SerialTransport final : public Transport {
 public:
  template <class Settings>
  SerialTransport(asio::any_io_executor, const Options&, const Settings&) {}
  asio::awaitable<void> open() override { throw UsageError("no serial line in the tests", {}); }
  asio::awaitable<std::size_t> read_some(std::span<char>) override { co_return 0; }
  asio::awaitable<void> write(std::string_view) override { co_return; }
  asio::awaitable<void> close() override { co_return; }
  void abort() noexcept override {}
  std::string_view name() const override { return "serial"; }
};

struct Serial {
  static constexpr std::string_view name = "serial";
  std::unique_ptr<Transport> make_transport(asio::any_io_executor executor,
                                            const Options& options) const {
    return std::make_unique<SerialTransport>(std::move(executor), options, *this);
  }
};

}  // namespace vty::doc
