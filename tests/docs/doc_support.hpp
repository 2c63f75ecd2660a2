// What the documentation's code blocks run in (tests/docs/extract_blocks.py): a vty-sim
// device the documented address stands for, and the block's output captured.
#pragma once

#include <catch2/catch.hpp>

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

#include <vty/vty.hpp>

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

}  // namespace vty::doc
