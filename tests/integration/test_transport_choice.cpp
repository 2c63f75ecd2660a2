// Choosing a transport: by its settings type (naming it links it; no registry involved), or
// by a registered name (the CLI, inventories); a user's own transport with its own settings.
#include <atomic>
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vty/vty.hpp>

#include "support/sim.hpp"

namespace {

using vty::test::Sim;

// A user's transport: another transport underneath, every byte written counted into a
// counter that the user's settings carry.
class CountingTransport final : public vty::Transport {
 public:
  CountingTransport(std::unique_ptr<vty::Transport> inner,
                    std::shared_ptr<std::atomic<std::size_t>> written)
      : inner_(std::move(inner)), written_(std::move(written)) {}
  asio::awaitable<void> open() override { return inner_->open(); }
  asio::awaitable<std::size_t> read_some(std::span<char> buffer) override {
    return inner_->read_some(buffer);
  }
  asio::awaitable<void> write(std::string_view data) override {
    *written_ += data.size();
    return inner_->write(data);
  }
  asio::awaitable<void> close() override { return inner_->close(); }
  void abort() noexcept override { inner_->abort(); }
  bool authenticates_in_band() const override { return inner_->authenticates_in_band(); }
  std::string_view name() const override { return "counting"; }

 private:
  std::unique_ptr<vty::Transport> inner_;
  std::shared_ptr<std::atomic<std::size_t>> written_;
};

struct Counting {
  static constexpr std::string_view name = "counting";
  vty::TransportChoice inner = vty::transports::libssh{};
  std::shared_ptr<std::atomic<std::size_t>> written = std::make_shared<std::atomic<std::size_t>>();

  std::unique_ptr<vty::Transport> make_transport(asio::any_io_executor executor,
                                                 const vty::Options& options) const {
    return std::make_unique<CountingTransport>(inner.make(executor, options), written);
  }
};
static_assert(vty::TransportSettings<Counting>);
static_assert(vty::TransportSettings<vty::transports::libssh>);
static_assert(!vty::TransportSettings<std::string>);

std::string open_error(const vty::Options& options) {
  try {
    vty::Driver driver(options);
    driver.open();
  } catch (const vty::DriverException& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a choice by type knows its name and hands back its settings") {
  vty::TransportChoice choice = vty::transports::libssh{.jump_host = "bastion"};
  CHECK(choice.name() == "libssh");
  CHECK(choice == "libssh");
  CHECK_FALSE(choice.by_name());
  REQUIRE(choice.settings<vty::transports::libssh>() != nullptr);
  CHECK(choice.settings<vty::transports::libssh>()->jump_host == "bastion");
  CHECK(choice.settings<vty::transports::system>() == nullptr);

  vty::TransportChoice named = "telnet";
  CHECK(named.by_name());
  CHECK(named == "telnet");
  CHECK(named.settings<vty::transports::telnet>() == nullptr);
  CHECK(vty::Options{}.transport == "libssh");
}

TEST_CASE("a user's transport type carries its own settings into a session") {
  Sim sim;
  auto options = sim.options();  // libssh by name, no host-key check
  Counting counting{.inner = vty::transports::libssh{.host_key_policy = vty::HostKeyPolicy::off}};
  options.transport = counting;
  CHECK(options.transport.name() == "counting");
  // Never registered under its name: a typed choice needs no registry.
  auto names = vty::registered_transports();
  CHECK(std::find(names.begin(), names.end(), "counting") == names.end());

  vty::Driver driver(options);
  driver.open();
  const auto before = counting.written->load();
  auto r = driver.send_command("show version");
  CHECK_FALSE(r.failed);
  CHECK_THAT(r.result, Catch::Contains("Cisco IOS XE"));
  CHECK(counting.written->load() >= before + std::string("show version\n").size());
  driver.close();
}

TEST_CASE("the built-in transports' settings types open sessions against vty-sim") {
  Sim sim;
  SECTION("telnet") {
    auto options = sim.options("telnet");
    options.transport = vty::transports::telnet{};
    vty::Driver driver(options);
    driver.open();
    CHECK_THAT(driver.send_command("show version").result, Catch::Contains("Cisco IOS XE"));
    driver.close();
  }
  SECTION("libssh: its own host-key policy, not Options' deprecated one") {
    auto options = sim.options();
    options.host_key_policy = vty::HostKeyPolicy::off;
    options.known_hosts_file = "/nonexistent/known_hosts";
    options.transport = vty::transports::libssh{.host_key_policy = vty::HostKeyPolicy::strict,
                                                .known_hosts_file = "/nonexistent/known_hosts"};
    CHECK_THAT(open_error(options), Catch::StartsWith("vty::HostKeyError"));
    options.transport = vty::transports::libssh{.host_key_policy = vty::HostKeyPolicy::off};
    CHECK(open_error(options).empty());
  }
  SECTION("system: its own ssh binary, not Options' deprecated one") {
    auto options = sim.options("system");
    options.transport = vty::transports::system{.host_key_policy = vty::HostKeyPolicy::off,
                                                .ssh_config_file = "none",
                                                .ssh_binary = "/nonexistent/ssh"};
    CHECK_THAT(open_error(options), Catch::Contains("/nonexistent/ssh"));
  }
}

TEST_CASE("a transport chosen by name comes from the registry") {
  Sim sim;
  auto options = sim.options();
  SECTION("an unknown name says what is registered and how to name a type instead") {
    options.transport = "no-such-transport";
    const auto error = open_error(options);
    CHECK_THAT(error, Catch::StartsWith("vty::UsageError"));
    CHECK_THAT(error, Catch::Contains("registered: libssh, replay, system, telnet"));
    CHECK_THAT(error, Catch::Contains("vty::transports::register_builtin()"));
  }
  SECTION("a user's transport registered by name, for inventories") {
    auto written = std::make_shared<std::atomic<std::size_t>>();
    vty::register_transport(
        "counting-by-name", [written](asio::any_io_executor executor, const vty::Options& o) {
          const Counting counting{
              .inner = vty::transports::libssh{.host_key_policy = vty::HostKeyPolicy::off},
              .written = written};
          return counting.make_transport(std::move(executor), o);
        });
    options.transport = "counting-by-name";
    const auto error = open_error(options);
    INFO(error);
    CHECK(error.empty());
    CHECK(written->load() > 0);
  }
}
