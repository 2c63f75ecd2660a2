// vty-sim's command line.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "vty-sim/fault.hpp"

namespace vty::sim {

struct SimOptions {
  std::string device = "cisco_iosxe";  // --device (or --platform): a shipped model's name
  std::string device_file;             // --device-file FILE: a model file instead
  std::string hostname = "router1";
  unsigned short port = 0;  // 0 = any free port
  std::string bind = "127.0.0.1";
  int devices = 1;
  std::string user = "admin";
  std::string password = "admin123";
  std::string enable_password = "enable123";
  std::string auth = "both";  // SSH login methods offered: password, keyboard-interactive, both
  std::string host_key;       // "" = a fresh ed25519 key per device
  bool telnet = false;        // also serve each device over telnet
  unsigned short telnet_port = 0;  // first device's telnet port; 0 = any free port
  // The in-band login of each telnet device: "username" (username and password),
  // "password" (a password only) or "none"; device i takes entry i modulo the count.
  std::vector<std::string> telnet_login{"username"};
  std::string telnet_username_prompt = "Username: ";
  bool console = false;  // telnet devices print nothing until a return is pressed
  bool stdio = false;
  bool login = false;  // --stdio only: ask Username/Password in-band first
  bool help = false;
  // --fault [DEVICE=]NAME[:ARG]: key 0 for every device, else the 1-based device number.
  std::map<int, FaultSpec> faults;
  std::string fault_on;        // --fault-on TEXT: the line that triggers session faults
  std::string from_recording;  // --from-recording FILE: a recording plays every device
  // --confirm-minute MS (a simulator option, for tests): one minute of a commit-confirmed
  // timer lasts MS milliseconds.
  long confirm_minute_ms = 60'000;
  // --exec-timeout MS: a session where nothing is typed for MS milliseconds is closed by the
  // device, as IOS's `exec-timeout` does (SSH-level traffic does not count); 0: never.
  long exec_timeout_ms = 0;

  // The fault device `index` (0-based) plays, with its trigger.
  FaultSpec fault_for(int index) const;
};

// Throws std::invalid_argument with a message naming the bad option.
SimOptions parse_sim_options(const std::vector<std::string>& args);
std::string sim_usage();

// Device `index` (0-based) of `count`: the hostname as given for one device; otherwise
// numbered from the hostname's trailing number (router1 -> router1, router2, ...; core ->
// core1, core2, ...), so that every device's prompt differs.
std::string device_hostname(const std::string& hostname, int index, int count);

// The device model file to load: --device-file, else <device>.toml among the shipped models
// (the source tree's for a build-tree vty-sim, the installed ones otherwise). Throws
// std::runtime_error naming the models there are when there is none of that name.
std::filesystem::path resolve_device_model(const SimOptions& options);

}  // namespace vty::sim
