// vty-sim's telnet front end: one listening port per simulated device, one thread per
// session, option negotiation as a device does it, then an in-band login and the CLI.
#pragma once

#include <memory>
#include <string>

#include "vty-sim/cli_tree.hpp"
#include "vty-sim/device.hpp"
#include "vty-sim/login_gate.hpp"
#include "vty/recording.hpp"

namespace vty::sim {

struct TelnetDeviceConfig {
  std::string bind_address = "127.0.0.1";
  unsigned short port = 0;  // 0 = a free port
  LoginGateOptions login;
  DeviceOptions device;
  // --from-recording: the recording plays the device (instead of the CLI), from this file.
  std::shared_ptr<const Recording> recording;
  std::string recording_file;
};

class TelnetServer {
 public:
  explicit TelnetServer(const CliTree& cli);
  ~TelnetServer();  // stops, if stop() was not called
  TelnetServer(const TelnetServer&) = delete;
  TelnetServer& operator=(const TelnetServer&) = delete;

  // Starts listening for one device and returns its port. Throws std::runtime_error.
  unsigned short add_device(const TelnetDeviceConfig& config);
  // Stops accepting, shuts every session's socket down and waits (up to 10 s) for their
  // threads. False when some session did not end.
  bool stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace vty::sim
