// The shipped plugins. Each is small: what the definition's data cannot say.
#include "shipped_plugins.hpp"

#include "vty/async_driver.hpp"
#include "vty/regex.hpp"

namespace vty::detail {
namespace {

// FortiOS: paging is a setting of the console, not a command of the session. When
// `get system console` says `output : more`, switch it to standard (on VDOM systems this
// needs `config global` first, which a user does with send_configs).
asio::awaitable<void> fortios_paging_off(AsyncDriver& driver) {
  auto console = co_await driver.send_command("get system console");
  if (!fortios_paged_pattern().search(console.result)) co_return;
  std::vector<std::string> lines{"config system console", "set output standard", "end"};
  co_await driver.send_commands(lines);
}

// Cisco ASA: `terminal width` is a configuration-mode command there.
asio::awaitable<void> asa_terminal_width(AsyncDriver& driver) {
  co_await driver.send_config("terminal width 511");
}

}  // namespace

const Regex& fortios_paged_pattern() {
  static const Regex paged{R"(output\s*:\s*more)"};
  return paged;
}

void register_shipped_plugins(const RegisterPlugin& add) {
  add("fortinet_fortios", PlatformPlugin{.on_open = fortios_paging_off});
  add("cisco_asa", PlatformPlugin{.on_open = asa_terminal_width});
}

}  // namespace vty::detail
