// The system transport's reading of what OpenSSH prints, on any text: the classifiers are
// total functions (no crash, no exception), and a failure always says something.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ssh_messages.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace vty::detail;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)classify_prompt(text);
  (void)announces_exit(text);
  auto failure = classify_failure(text);
  if (failure && failure->summary.empty()) std::abort();
  if (failure && failure->kind == SshFailureKind::host_key_changed &&
      failure->known_hosts_line < 0) {
    std::abort();
  }
  auto line = text.substr(0, text.find('\n'));
  (void)is_ssh_message(line);
  (void)may_become_ssh_message(line);
  return 0;
}
