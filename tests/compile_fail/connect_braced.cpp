// Must not compile: GCC 12 destroys this braced temporary twice (free(): invalid pointer).
#include <vty/vty.hpp>

asio::awaitable<void> session(asio::any_io_executor executor) {
  auto conn = co_await vty::connect(executor, {.host = "127.0.0.1", .platform = "cisco_iosxe"});
  co_await conn->close();
}
