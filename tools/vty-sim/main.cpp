// vty-sim: simulated network devices for vty's tests, demo and benchmarks.
#include <libssh/libssh.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vty-sim/cli_tree.hpp"
#include "vty-sim/sim_options.hpp"
#include "vty-sim/ssh_server.hpp"
#include "vty-sim/stdio_session.hpp"
#include "vty-sim/telnet_server.hpp"
#include "vty/recording.hpp"

namespace {

using namespace vty::sim;

DeviceOptions device_options(const SimOptions& options, int index) {
  DeviceOptions device;
  device.hostname = device_hostname(options.hostname, index, options.devices);
  device.enable_password = options.enable_password;
  device.login = options.login;
  device.username = options.user;
  device.password = options.password;
  device.fault = options.fault_for(index);
  device.exec_timeout = std::chrono::milliseconds(options.exec_timeout_ms);
  // One configuration per device, whether its sessions come over SSH or telnet.
  static std::map<int, std::shared_ptr<ConfigStore>> stores;
  auto& store = stores[index];
  if (!store)
    store = std::make_shared<ConfigStore>(std::chrono::milliseconds(options.confirm_minute_ms));
  device.store = store;
  return device;
}

LoginKind login_kind(const std::string& name) {
  if (name == "password") return LoginKind::password_only;
  if (name == "none") return LoginKind::none;
  return LoginKind::username_password;
}

using RecordingPtr = std::shared_ptr<const vty::Recording>;

// Every device once more, over telnet, printing "listening telnet ADDR:PORT" for each.
void add_telnet_devices(TelnetServer& server, const SimOptions& options,
                        const RecordingPtr& recording) {
  for (int i = 0; i < options.devices; ++i) {
    TelnetDeviceConfig config;
    config.bind_address = options.bind;
    config.port =
        options.telnet_port == 0 ? 0 : static_cast<unsigned short>(options.telnet_port + i);
    const auto& kinds = options.telnet_login;
    config.login.kind = login_kind(kinds[static_cast<std::size_t>(i) % kinds.size()]);
    config.login.console = options.console;
    config.login.username_prompt = options.telnet_username_prompt;
    config.login.username = options.user;
    config.login.password = options.password;
    config.device = device_options(options, i);
    config.login.refuse_all = config.device.fault.kind == FaultKind::wrong_password_loop;
    // A recording logs in as it was recorded.
    if (recording) config.login.kind = LoginKind::none;
    config.recording = recording;
    config.recording_file = options.from_recording;
    unsigned short port = server.add_device(config);
    std::printf("listening telnet %s:%u\n", options.bind.c_str(), port);
    std::fflush(stdout);
  }
}

int serve(const CliTree& cli, const SimOptions& options, const RecordingPtr& recording) {
  // Signals are taken by sigwait() below; every thread inherits the blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  ssh_init();

  bool clean = false;
  {
    SshServer server(cli);
    TelnetServer telnet(cli);
    for (int i = 0; i < options.devices; ++i) {
      SshDeviceConfig config;
      config.bind_address = options.bind;
      config.port = options.port == 0 ? 0 : static_cast<unsigned short>(options.port + i);
      config.user = options.user;
      config.password = options.password;
      if (options.auth == "password") config.auth_methods = SSH_AUTH_METHOD_PASSWORD;
      if (options.auth == "keyboard-interactive") config.auth_methods = SSH_AUTH_METHOD_INTERACTIVE;
      config.host_key_file = options.host_key;
      config.device = device_options(options, i);
      config.recording = recording;
      config.recording_file = options.from_recording;
      unsigned short port = server.add_device(config);
      std::printf("listening ssh %s:%u\n", options.bind.c_str(), port);
      std::fflush(stdout);
    }
    if (options.telnet) add_telnet_devices(telnet, options, recording);
    int received = 0;
    sigwait(&signals, &received);
    clean = telnet.stop();
    clean = server.stop() && clean;
    // A session that did not end holds on to the server's state: leave without destructors.
    if (!clean) std::_Exit(0);
  }
  ssh_finalize();
  return 0;
}

int run(const std::vector<std::string>& args) {
  SimOptions options = parse_sim_options(args);
  if (options.help) {
    std::cout << sim_usage();
    return 0;
  }
  RecordingPtr recording;
  if (!options.from_recording.empty()) {
    recording = std::make_shared<const vty::Recording>(vty::load_recording(options.from_recording));
  }
  DeviceModel model = load_device_model_file(resolve_device_model(options));
  // A model's fault plays on every device that --fault does not name.
  if (model.fault && !options.faults.contains(0)) {
    options.faults[0] = *model.fault;
    if (options.fault_on.empty()) options.fault_on = model.fault->on;
  }
  CliTree cli(std::move(model));
  if (options.stdio) return serve_stdio_session(cli, device_options(options, 0));
  return serve(cli, options, recording);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::invalid_argument& error) {
    std::cerr << "vty-sim: " << error.what() << "\n" << sim_usage();
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "vty-sim: " << error.what() << "\n";
    return 1;
  }
}
