// The inventory loader on any text: an inventory is either accepted, with every host
// resolved (a name, an address, its groups' settings), or refused with InventoryError
// naming source:line:col. Nothing else may come out of it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vty/inventory.hpp"  // tools/vty/inventory.hpp

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto inventory = vty::cli::parse_inventory(text, "fuzz.toml");
    for (const auto& host : inventory.hosts) {
      if (host.name.empty() || host.address.empty()) std::abort();
    }
  } catch (const vty::cli::InventoryError& error) {
    if (std::string_view(error.what()).find("fuzz.toml") == std::string_view::npos) std::abort();
  }
  return 0;
}
