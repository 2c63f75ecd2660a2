// Ending a verb from outside (abort(), or asio cancellation) raises vty::OperationCancelled on
// every transport, whether the verb waits for the device's answer or is stuck writing to a
// device that stopped reading (vty-sim's deaf fault): no std::system_error, no hang. A write
// the device does not take meets timeout_ops as a read does.
#include <catch2/catch.hpp>

#include <asio/bind_cancellation_slot.hpp>
#include <asio/cancellation_signal.hpp>
#include <asio/co_spawn.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <typeinfo>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/sim.hpp"

using vty::test::Libssh;
using vty::test::run_async;
using vty::test::Sim;
using vty::test::SystemSsh;
using vty::test::Telnet;
using Executor = asio::any_io_executor;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

// "show clock" is answered, then the device reads no input for a minute.
Sim::Config deaf_after_clock() {
  return {.extra_args = {"--fault", "deaf:60000", "--fault-on", "show clock"}};
}

// Far more than the socket buffers, the pty and SSH's channel window hold together.
const std::string& huge_command() {
  static const std::string command(16 * 1024 * 1024, 'x');
  return command;
}

// How a verb ended: the vty error's type name, what else it threw, or "returned"; and when.
struct Ending {
  std::string how;
  Clock::duration after{};
};

asio::awaitable<Ending> ending_of(asio::awaitable<vty::Response> verb) {
  const auto started = Clock::now();
  std::string how = "returned";
  try {
    co_await std::move(verb);
  } catch (const vty::DriverException& e) {
    how = e.type_name();
  } catch (const std::exception& e) {
    how = std::string("not a vty error: ") + typeid(e).name() + ": " + e.what();
  }
  co_return Ending{how, Clock::now() - started};
}

// Counts the bytes the device sends after mark().
class ReceivedAfterMark : public vty::SessionObserver {
 public:
  void on_event(const vty::SessionEvent& event) override {
    if (marked_ && event.kind == vty::SessionEvent::Kind::received) bytes += event.bytes.size();
  }
  void mark() { marked_ = true; }
  std::size_t bytes = 0;

 private:
  bool marked_ = false;
};

// The events that arrive after `ended`, which the observer contract says never happen.
class AfterEnded : public vty::SessionObserver {
 public:
  void on_event(const vty::SessionEvent& event) override {
    if (ended_) kinds += std::to_string(static_cast<int>(event.kind)) + " ";
    if (event.kind == vty::SessionEvent::Kind::ended) ended_ = true;
  }
  std::string kinds;  // SessionEvent::Kind values

 private:
  bool ended_ = false;
};

}  // namespace

TEMPLATE_TEST_CASE("abort() during a write the device does not read raises OperationCancelled", "",
                   Libssh, SystemSsh, Telnet) {
  Sim sim(deaf_after_clock());
  auto options = sim.options(TestType::transport);
  auto device_said = std::make_shared<ReceivedAfterMark>();
  options.observers.push_back(device_said);
  auto ending = run_async([&](Executor ex) -> asio::awaitable<Ending> {
    vty::AsyncDriver driver(ex, options);
    co_await driver.open();
    co_await driver.send_command("show clock");  // from now on the device reads nothing
    device_said->mark();
    asio::steady_timer timer(ex, 1s);
    timer.async_wait([&](asio::error_code) { driver.abort(); });
    auto verb = ending_of(driver.send_command(huge_command()));
    co_return co_await std::move(verb);
  });
  CHECK(ending.how == "vty::OperationCancelled");
  CHECK(ending.after >= 900ms);  // it waited for the abort...
  CHECK(ending.after < 3s);      // ...and ended right after it
  // Not a single byte of echo: the device read nothing, so the write was still blocked.
  CHECK(device_said->bytes == 0);
}

TEMPLATE_TEST_CASE("a cancelled write the device does not read raises OperationCancelled", "",
                   Libssh, SystemSsh, Telnet) {
  Sim sim(deaf_after_clock());
  auto ending = run_async([&](Executor ex) -> asio::awaitable<Ending> {
    vty::AsyncDriver driver(ex, sim.options(TestType::transport));
    co_await driver.open();
    co_await driver.send_command("show clock");
    asio::cancellation_signal cancel;
    asio::steady_timer timer(ex, 1s);
    timer.async_wait([&](asio::error_code) { cancel.emit(asio::cancellation_type::terminal); });
    auto verb = ending_of(driver.send_command(huge_command()));
    auto ending = co_await asio::co_spawn(
        ex, std::move(verb), asio::bind_cancellation_slot(cancel.slot(), asio::use_awaitable));
    CHECK_FALSE(driver.in_sync());  // the command went out in part: its answer is unknown
    driver.abort();
    co_return ending;
  });
  CHECK(ending.how == "vty::OperationCancelled");
  CHECK(ending.after >= 900ms);
  CHECK(ending.after < 3s);
}

TEMPLATE_TEST_CASE("abort() while a verb waits for the answer raises OperationCancelled", "",
                   Libssh, SystemSsh, Telnet) {
  Sim sim;
  auto after_ended = std::make_shared<AfterEnded>();
  auto ending = run_async([&](Executor ex) -> asio::awaitable<Ending> {
    auto options = sim.options(TestType::transport);
    options.observers.push_back(after_ended);
    vty::AsyncDriver driver(ex, options);
    co_await driver.open();
    asio::steady_timer timer(ex, 300ms);
    timer.async_wait([&](asio::error_code) { driver.abort(); });
    auto verb = ending_of(driver.send_command("show hang"));
    co_return co_await std::move(verb);
  });
  CHECK(ending.how == "vty::OperationCancelled");
  CHECK(ending.after < 2s);
  CHECK(after_ended->kinds == "");  // the abort is not reported as the device closing
}

TEMPLATE_TEST_CASE("a write the device does not take ends with OperationTimeout at timeout_ops", "",
                   Libssh, SystemSsh, Telnet) {
  Sim sim(deaf_after_clock());
  auto ending = run_async([&](Executor ex) -> asio::awaitable<Ending> {
    auto options = sim.options(TestType::transport);
    options.timeout_ops = 1s;
    vty::AsyncDriver driver(ex, options);
    co_await driver.open();
    co_await driver.send_command("show clock");
    co_return co_await ending_of(driver.send_command(huge_command()));
  });
  CHECK(ending.how == "vty::OperationTimeout");
  CHECK(ending.after >= 900ms);
  CHECK(ending.after < 3s);
}
