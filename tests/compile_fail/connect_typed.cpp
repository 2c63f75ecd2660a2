// Must not compile: GCC 12 destroys this typed temporary twice (free(): invalid pointer).
#include <vty/vty.hpp>

asio::awaitable<void> session(asio::any_io_executor executor) {
  auto conn = co_await vty::connect(executor, vty::Options{.host = "127.0.0.1"});
  co_await conn->close();
}
