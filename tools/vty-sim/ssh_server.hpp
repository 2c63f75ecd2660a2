// vty-sim's SSH front end (libssh server API): one listening port per simulated device, one
// thread per session with blocking libssh calls, stopped by shutting the sockets down.
#pragma once

#include <memory>
#include <string>

#include "vty-sim/cli_tree.hpp"
#include "vty-sim/device.hpp"
#include "vty/recording.hpp"

namespace vty::sim {

struct SshDeviceConfig {
  std::string bind_address = "127.0.0.1";
  unsigned short port = 0;  // 0 = a free port
  std::string user;
  std::string password;
  // Which SSH login methods are offered: libssh's SSH_AUTH_METHOD_PASSWORD and/or
  // SSH_AUTH_METHOD_INTERACTIVE bits (0: both).
  int auth_methods = 0;
  std::string host_key_file;  // "" = generate an ed25519 key
  DeviceOptions device;
  // --from-recording: the recording plays the device (instead of the CLI), from this file.
  std::shared_ptr<const Recording> recording;
  std::string recording_file;
};

class SshServer {
 public:
  explicit SshServer(const CliTree& cli);
  ~SshServer();  // stops, if stop() was not called
  SshServer(const SshServer&) = delete;
  SshServer& operator=(const SshServer&) = delete;

  // Starts listening for one device and returns its port. Throws std::runtime_error.
  unsigned short add_device(const SshDeviceConfig& config);
  // Stops accepting, disconnects every session and waits (up to 10 s) for their threads.
  // False when some session did not end: the process should then exit without cleanup.
  bool stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace vty::sim
