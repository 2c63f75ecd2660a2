// The libssh transport's ssh_config reader on any text: a bad file is a std::invalid_argument
// naming where, never a crash or a hang, and every lookup and ProxyJump parse is total.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "ssh_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace vty::detail;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    SshConfig config;
    config.add_option(text.substr(0, text.find('\n')));
    config.add(text, "fuzz", [&](const std::string&) {
      return std::vector<std::pair<std::string, std::string>>{{"included", std::string(text)}};
    });
    for (const char* host : {"r1", "core-r1.lab", "", "bastion"}) {
      auto found = config.lookup(host);
      if (found.proxy_jump) (void)parse_proxy_jump(*found.proxy_jump);
    }
  } catch (const std::invalid_argument&) {
  }
  try {
    (void)parse_proxy_jump(text);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
