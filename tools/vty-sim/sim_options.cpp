#include "vty-sim/sim_options.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "shipped_data.hpp"
#include "vty-sim/device_model.hpp"

namespace vty::sim {
namespace {

long parse_number(const std::string& option, const std::string& text, long low, long high) {
  long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    throw std::invalid_argument(option + " wants a number from " + std::to_string(low) + " to " +
                                std::to_string(high) + ", not '" + text + "'");
  }
  return value;
}

std::vector<std::string> parse_login_kinds(const std::string& text) {
  std::vector<std::string> kinds;
  std::size_t begin = 0;
  for (;;) {
    std::size_t end = text.find(',', begin);
    std::string kind = text.substr(begin, end == std::string::npos ? end : end - begin);
    if (kind != "username" && kind != "password" && kind != "none")
      throw std::invalid_argument(
          "--telnet-login takes username, password or none (comma-"
          "separated), not '" +
          kind + "'");
    kinds.push_back(kind);
    if (end == std::string::npos) return kinds;
    begin = end + 1;
  }
}

}  // namespace

std::string sim_usage() {
  std::string text = R"(usage: vty-sim [options]
Simulated network devices: SSH (and telnet) servers on loopback playing the CLI of a
vendor OS as a device model describes it (docs/simulator.md).

  --device NAME            the shipped device model to play (default cisco_iosxe);
                           --platform NAME is the same
  --device-file FILE       play this device model file instead (--scenario FILE is
                           the same)
  --hostname NAME          device hostname, shown in the prompt (default router1)
  --port P                 first device's port; 0 picks free ports (default 0)
  --bind ADDR              listen address (default 127.0.0.1)
  --confirm-minute MS      simulator option for tests: one minute of a commit-confirmed
                           timer lasts MS milliseconds (default 60000)
  --exec-timeout MS        close a session where nothing was typed for MS milliseconds,
                           as a line's exec-timeout does (default 0: never)
  --devices N              serve N devices, one port each (default 1)
  --user NAME              login user (default admin)
  --password SECRET        login password (default admin123)
  --enable-password SECRET enable secret (default enable123)
  --auth METHODS           SSH login methods offered: password, keyboard-interactive
                           or both (default both)
  --host-key FILE          SSH host key (default: a fresh ed25519 key)
  --telnet                 also serve every device over telnet, with an in-band login
  --telnet-port P          first device's telnet port; 0 picks free ports (default 0)
  --telnet-login KINDS     the telnet login of each device, a comma-separated list cycled
                           over the devices: username (Username: and Password:),
                           password (Password: only) or none (default username)
  --telnet-username-prompt TEXT
                           how a telnet device asks for the username (default
                           "Username: "; e.g. "login: ", "User Name: ")
  --console                telnet devices print nothing until a return is pressed, as
                           a console port behind a terminal server
  --stdio                  serve one session on stdin/stdout instead of SSH (no login)
  --login                  with --stdio: ask for Username/Password first
  --fault [N=]NAME[:ARG]   play a broken device: every device, or device N (1-based);
                           repeatable. Faults, with ARG's meaning and default:
@FAULTS@  --fault-on TEXT          session faults strike from the first line typed that
                           contains TEXT (default: from login). A scenario's [device]
                           fault = "NAME[:ARG]" and fault_on = "TEXT" in a model do the same
  --from-recording FILE    a recording (docs/recording.md) plays every device: its output
                           is served as the client sends the recorded input (telnet
                           devices then log in as recorded, without their own login)
  --help                   this text

Prints "listening ssh ADDR:PORT" once per device (then, with --telnet, "listening telnet
ADDR:PORT" once per device), then serves until SIGTERM or SIGINT.
)";
  text.replace(text.find("@FAULTS@"), 8, fault_help());
  return text;
}

FaultSpec SimOptions::fault_for(int index) const {
  auto found = faults.find(index + 1);
  if (found == faults.end()) found = faults.find(0);
  if (found == faults.end()) return {};
  FaultSpec fault = found->second;
  fault.on = fault_on;
  return fault;
}

SimOptions parse_sim_options(const std::vector<std::string>& args) {
  SimOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw std::invalid_argument(arg + " needs a value");
      return args[++i];
    };
    if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else if (arg == "--stdio") {
      options.stdio = true;
    } else if (arg == "--telnet") {
      options.telnet = true;
    } else if (arg == "--telnet-port") {
      options.telnet_port = static_cast<unsigned short>(parse_number(arg, value(), 0, 65535));
    } else if (arg == "--telnet-login") {
      options.telnet_login = parse_login_kinds(value());
    } else if (arg == "--telnet-username-prompt") {
      options.telnet_username_prompt = value();
    } else if (arg == "--from-recording") {
      options.from_recording = value();
    } else if (arg == "--console") {
      options.console = true;
    } else if (arg == "--login") {
      options.login = true;
    } else if (arg == "--device" || arg == "--platform") {
      options.device = value();
    } else if (arg == "--device-file" || arg == "--scenario") {
      options.device_file = value();
    } else if (arg == "--hostname") {
      options.hostname = value();
    } else if (arg == "--port") {
      options.port = static_cast<unsigned short>(parse_number(arg, value(), 0, 65535));
    } else if (arg == "--confirm-minute") {
      options.confirm_minute_ms = parse_number(arg, value(), 1, 3'600'000);
    } else if (arg == "--exec-timeout") {
      options.exec_timeout_ms = parse_number(arg, value(), 0, 86'400'000);
    } else if (arg == "--bind") {
      options.bind = value();
    } else if (arg == "--devices") {
      options.devices = static_cast<int>(parse_number(arg, value(), 1, 10000));
    } else if (arg == "--user") {
      options.user = value();
    } else if (arg == "--password") {
      options.password = value();
    } else if (arg == "--enable-password") {
      options.enable_password = value();
    } else if (arg == "--auth") {
      options.auth = value();
      if (options.auth != "password" && options.auth != "keyboard-interactive" &&
          options.auth != "both")
        throw std::invalid_argument("--auth is password, keyboard-interactive or both");
    } else if (arg == "--host-key") {
      options.host_key = value();
    } else if (arg == "--fault") {
      const std::string& spec = value();
      auto equals = spec.find('=');
      int device = 0;
      if (equals != std::string::npos) {
        device = static_cast<int>(parse_number(arg, spec.substr(0, equals), 1, 10000));
      }
      options.faults[device] =
          parse_fault(equals == std::string::npos ? spec : spec.substr(equals + 1));
    } else if (arg == "--fault-on") {
      options.fault_on = value();
    } else {
      throw std::invalid_argument("unknown option '" + arg + "' (see --help)");
    }
  }
  if (options.hostname.empty()) throw std::invalid_argument("--hostname must not be empty");
  if (options.port != 0 && options.port + options.devices - 1 > 65535) {
    throw std::invalid_argument("--port + --devices goes beyond port 65535");
  }
  if (options.telnet_port != 0 && options.telnet_port + options.devices - 1 > 65535) {
    throw std::invalid_argument("--telnet-port + --devices goes beyond port 65535");
  }
  return options;
}

std::string device_hostname(const std::string& hostname, int index, int count) {
  if (count <= 1) return hostname;
  std::size_t digits = hostname.size();
  while (digits > 0 && hostname[digits - 1] >= '0' && hostname[digits - 1] <= '9') --digits;
  long first = 1;
  if (digits < hostname.size() && hostname.size() - digits < 9) {
    first = std::stol(hostname.substr(digits));
  }
  return hostname.substr(0, digits) + std::to_string(first + index);
}

std::filesystem::path resolve_device_model(const SimOptions& options) {
  if (!options.device_file.empty()) return options.device_file;
  const auto dir = shipped_device_dir();
  std::error_code error;
  if (std::filesystem::is_regular_file(dir / (options.device + ".toml"), error))
    return dir / (options.device + ".toml");
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error))
    if (entry.path().extension() == ".toml") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  std::string known;
  for (const auto& name : names) known += (known.empty() ? "" : ", ") + name;
  throw std::runtime_error("no device model '" + options.device + "' in " + dir.string() +
                           " (there are: " + (known.empty() ? "none" : known) + ")");
}

}  // namespace vty::sim
