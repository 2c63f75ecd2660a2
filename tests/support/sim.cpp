#include "support/sim.hpp"
#include "support/paths.hpp"

#include <fstream>
#include <stdexcept>

namespace vty::test {

Sim::Sim(Config config) {
  ChildProcess::Spec spec;
  spec.argv = {VTY_SIM_PATH, "--port", "0", "--devices", std::to_string(config.devices),
               "--telnet"};
  spec.argv.insert(spec.argv.end(), config.extra_args.begin(), config.extra_args.end());
  process_ = std::make_unique<ChildProcess>(std::move(spec));
  const std::string ssh = "listening ssh 127.0.0.1:";
  const std::string telnet = "listening telnet 127.0.0.1:";
  while (static_cast<int>(telnet_ports_.size()) < config.devices) {
    std::string line = process_->read_line();
    if (line.rfind(ssh, 0) == 0) ports_.push_back(std::stoi(line.substr(ssh.size())));
    if (line.rfind(telnet, 0) == 0) telnet_ports_.push_back(std::stoi(line.substr(telnet.size())));
  }
  for (unsigned short port : ports_) {
    options_.push_back(device_options(port));
    auto& system = system_options_.emplace_back(device_options(port));
    system.transport = "system";
    system.ssh_config_file = "none";
    system.auth.use_agent = false;
  }
  for (unsigned short port : telnet_ports_) {
    auto& telnet_options = telnet_options_.emplace_back(device_options(port));
    telnet_options.transport = "telnet";
  }
}

const Options& Sim::options(std::string_view transport, int device) const {
  if (transport == "libssh") return options_.at(device);
  if (transport == "system") return system_options_.at(device);
  if (transport == "telnet") return telnet_options_.at(device);
  if (transport == "libssh+jump" || transport == "system+jump") {
    const Sshd& jump = jump_host();
    auto& through =
        jump_options_.emplace_back(options(transport.substr(0, transport.find('+')), device));
    through.jump_host = "bastion";
    through.ssh_config_file = jump.file("ssh_config");
    return through;
  }
  throw std::invalid_argument("Sim::options: no options for transport " + std::string(transport));
}

const Sshd& Sim::jump_host() const {
  if (!jump_) {
    jump_ = std::make_unique<Sshd>();
    // StrictHostKeyChecking and UserKnownHostsFile are for the system transport's `ssh -J`;
    // libssh checks the jump host as Options::host_key_policy says (off, as for the sim).
    std::ofstream(jump_->file("ssh_config"))
        << "Host bastion\n  HostName 127.0.0.1\n  Port " << jump_->port() << "\n  User "
        << Sshd::login_user() << "\n  IdentityFile " << jump_->client_key_path()
        << "\n  IdentitiesOnly yes\n  StrictHostKeyChecking no\n"
        << "  UserKnownHostsFile /dev/null\n";
  }
  return *jump_;
}

Options Sim::device_options(unsigned short port) {
  Options o;
  o.host = "127.0.0.1";
  o.port = port;
  o.platform = "cisco_iosxe";
  o.auth.username = user;
  o.auth.password = password;
  o.auth.secondary = enable_password;
  o.host_key_policy = HostKeyPolicy::off;
  o.timeout_ops = std::chrono::seconds(5);
  return o;
}

}  // namespace vty::test
