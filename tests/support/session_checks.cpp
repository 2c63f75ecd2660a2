#include "support/session_checks.hpp"

#include <algorithm>

#include <vty/vty.hpp>

#include "support/async.hpp"

namespace vty::test {

std::string open_error(const Options& options) {
  return run_async([&](asio::any_io_executor ex) -> asio::awaitable<std::string> {
    try {
      auto conn = co_await vty::connect(ex, options);
    } catch (const DriverException& error) {
      co_return std::string(error.type_name()) + ": " + error.what();
    }
    co_return std::string();
  });
}

std::string show_version(const Options& options) {
  return run_async([&](asio::any_io_executor ex) -> asio::awaitable<std::string> {
    auto conn = co_await vty::connect(ex, options);
    auto version = co_await conn->send_command("show version");
    co_await conn->close();
    co_return version.result;
  });
}

std::string normalised(std::string_view text) {
  std::string out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t end = std::min(text.find('\n', begin), text.size());
    std::string line(text.substr(begin, end - begin));
    std::erase(line, '\r');
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    out += line + "\n";
    begin = end + 1;
  }
  while (out.starts_with("\n")) out.erase(0, 1);
  while (out.ends_with("\n\n")) out.pop_back();
  if (out.ends_with("\n")) out.pop_back();
  return out;
}

}  // namespace vty::test
