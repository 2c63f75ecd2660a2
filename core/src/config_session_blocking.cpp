#include <asio/co_spawn.hpp>
#include <asio/use_future.hpp>

#include "vty/config_session.hpp"
#include "vty/driver.hpp"

namespace vty {

BlockingConfigSession::BlockingConfigSession(Driver& driver)
    : driver_(driver), session_(driver.driver_) {}

template <typename T>
T BlockingConfigSession::run(asio::awaitable<T> operation) {
  auto done = asio::co_spawn(driver_.io_, std::move(operation), asio::use_future);
  driver_.io_.restart();
  driver_.io_.run();
  return done.get();
}

std::string BlockingConfigSession::get_config(ConfigSource source) {
  return run(session_.get_config(source));
}
void BlockingConfigSession::load_config(std::string text, LoadMode mode) {
  run(session_.load_config(std::move(text), mode));
}
std::string BlockingConfigSession::diff() {
  return run(session_.diff());
}
void BlockingConfigSession::commit(CommitOptions options) {
  run(session_.commit(options));
}
void BlockingConfigSession::confirm() {
  run(session_.confirm());
}
void BlockingConfigSession::abort() {
  run(session_.abort());
}
void BlockingConfigSession::rollback(int n) {
  run(session_.rollback(n));
}
void BlockingConfigSession::save() {
  run(session_.save());
}

}  // namespace vty
