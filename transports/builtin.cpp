// The built-in transports by name, for code that picks one from text (the CLI, inventories).
#include <mutex>

#include "libssh_transport.hpp"
#include "replay_transport.hpp"
#include "system_transport.hpp"
#include "telnet_transport.hpp"
#include "vty/transports.hpp"

namespace vty::transports {

void register_builtin() {
  static std::once_flag once;
  std::call_once(once, [] {
    register_transport(std::string(libssh::name), &make_libssh_transport);
    register_transport(std::string(system::name), &make_system_transport);
    register_transport(std::string(telnet::name), &make_telnet_transport);
    register_transport(std::string(replay::name), &make_replay_transport);
  });
}

}  // namespace vty::transports
