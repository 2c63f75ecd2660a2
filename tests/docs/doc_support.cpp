#include "doc_support.hpp"

#include <asio/use_future.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/child_process.hpp"
#include "support/sim.hpp"

namespace vty::doc {
namespace {

std::uint16_t current_port = 0;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::uint16_t port() {
  return current_port;
}

Device::Device(std::vector<std::string> sim_args, std::string transport, std::string platform) {
  folder_ = std::make_unique<test::TempDir>();
  const std::string key = folder_->file("host_key");
  auto made = test::run_program(
      {.argv = {"/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key}});
  REQUIRE(made.exit_code == 0);
  sim_args.insert(sim_args.end(), {"--host-key", key, "--device", platform});
  sim_ = std::make_unique<test::Sim>(test::Sim::Config{.extra_args = std::move(sim_args)});
  options_ = sim_->options(transport);
  options_.platform = platform;
  current_port = options_.port;
  // The blocks check host keys as users do: against ~/.ssh/known_hosts.
  const std::filesystem::path home = std::getenv("HOME");
  std::filesystem::create_directories(home / ".ssh");
  std::ofstream(home / ".ssh" / "known_hosts", std::ios::app)
      << "[127.0.0.1]:" << sim_->port() << " " << read_file(key + ".pub");
}

Device::~Device() = default;

std::string Device::capture(const std::function<void()>& run) {
  std::ostringstream output;
  const auto cwd = std::filesystem::current_path();
  std::filesystem::create_directories(folder_->file("work"));
  std::filesystem::current_path(folder_->file("work"));
  struct Back {
    std::filesystem::path to;
    ~Back() { std::filesystem::current_path(to); }
  } back{cwd};
  auto* out = std::cout.rdbuf(output.rdbuf());
  auto* err = std::cerr.rdbuf(output.rdbuf());
  try {
    run();
  } catch (...) {
    std::cout.rdbuf(out);
    std::cerr.rdbuf(err);
    UNSCOPED_INFO(output.str());
    throw;
  }
  std::cout.rdbuf(out);
  std::cerr.rdbuf(err);
  return output.str();
}

std::string Device::run_program(const std::function<int()>& program) {
  int status = -1;
  auto output = capture([&] { status = program(); });
  INFO(output);
  CHECK(status == 0);
  return output;
}

std::string Device::run_blocking(const std::function<void(const Options&)>& block) {
  return capture([&] { block(options_); });
}

std::string Device::run_coroutine(
    const std::function<asio::awaitable<void>(asio::io_context&, asio::any_io_executor,
                                              const Options&)>& block) {
  return capture([&] {
    asio::io_context io;
    auto done = asio::co_spawn(io, block(io, io.get_executor(), options_), asio::use_future);
    io.run();
    done.get();
  });
}

}  // namespace vty::doc
