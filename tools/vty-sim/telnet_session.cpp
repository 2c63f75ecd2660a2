#include "vty-sim/telnet_session.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <memory>
#include <string>
#include <thread>
#include <type_traits>

#include "vty-sim/fault.hpp"
#include "vty-sim/session_server.hpp"

#include "telnet_negotiator.hpp"
#include "vty-sim/recorded_device.hpp"

namespace vty::sim {
namespace {

using telnet::Negotiator;

constexpr std::size_t kWriteChunk = 32 * 1024;

bool send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// What a Cisco device offers when a telnet session starts.
Negotiator device_negotiator() {
  Negotiator::Settings settings;
  settings.local = {telnet::kEcho, telnet::kSuppressGoAhead};
  settings.remote = {telnet::kSuppressGoAhead, telnet::kTerminalType, telnet::kWindowSize};
  Negotiator negotiator(std::move(settings));
  negotiator.enable_local(telnet::kEcho);
  negotiator.enable_local(telnet::kSuppressGoAhead);
  negotiator.enable_remote(telnet::kTerminalType);
  negotiator.enable_remote(telnet::kWindowSize);
  return negotiator;
}

// Reads and drops what the client sends until it leaves (a stalled or silent device).
void ignore_until_closed(int fd) {
  char buffer[4096];
  for (;;) {
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n == 0 || (n < 0 && errno != EINTR)) return;
  }
}

// `Peer` is a Device or, with --from-recording, a RecordedDevice.
template <typename Peer>
class TelnetSession {
 public:
  TelnetSession(int fd, const CliTree& cli, const TelnetDeviceConfig& config)
      : fd_(fd), cli_(cli), config_(config), gate_(config.login), fault_(config.device.fault) {}

  void run() {
    const FaultKind kind = config_.device.fault.kind;
    if (kind == FaultKind::silent) return ignore_until_closed(fd_);
    char buffer[4096];
    for (;;) {
      if (!flush()) return;
      if (gate_.closed() || (device_ && device_->closed())) return;
      if (!input_within_exec_timeout()) continue;  // flush() lets the device hang up
      ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;
      data_.clear();
      negotiator_.feed(std::string_view(buffer, static_cast<std::size_t>(n)), data_);
      // The close-in-auth fault: the device hangs up once the client answers a question.
      if (kind == FaultKind::close_in_auth && !gate_.passed() &&
          data_.find_first_of("\r\n") != std::string::npos)
        return;
      gate_.feed(fault_.typed(data_));
      if (gate_.passed() && !device_) start_device();
      if (device_) device_->feed(gate_.take_input());
    }
  }

 private:
  // False when the device's exec-timeout passes before the client types anything.
  bool input_within_exec_timeout() {
    if constexpr (std::is_same_v<Peer, Device>) {
      if (!device_) return true;
      auto left = device_->exec_time_left();
      if (!left) return true;
      pollfd wait{.fd = fd_, .events = POLLIN, .revents = 0};
      return ::poll(&wait, 1, static_cast<int>(std::min<long long>(left->count(), 60'000))) != 0;
    }
    return true;
  }

  // The CLI starts after the login, with a page as long as the client's window when it
  // said (as IOS sets its terminal length from NAWS).
  void start_device() {
    if constexpr (std::is_same_v<Peer, RecordedDevice>) {
      device_ = std::make_unique<Peer>(*config_.recording, config_.recording_file);
    } else {
      DeviceOptions options = config_.device;
      options.login = false;
      if (auto window = negotiator_.peer_window()) options.terminal_length = window->height;
      device_ = std::make_unique<Device>(cli_, options);
    }
  }

  // Sends negotiation answers and everything the gate and the device printed, through the
  // fault injector (negotiation is protocol, not the device's text: it is never faulted).
  bool flush() {
    if (!send_all(fd_, negotiator_.take_output())) return false;
    if (std::string text = gate_.take_output(); !text.empty() && !deliver(fault_.output(text)))
      return false;
    if (gate_.passed() && !device_) start_device();
    if (device_) {
      for (std::string text = device_->read(kWriteChunk); !text.empty();
           text = device_->read(kWriteChunk)) {
        if (!deliver(fault_.output(text))) return false;
      }
    }
    return deliver(fault_.idle());
  }

  // Writes what the fault injector let through; false when the session must end now.
  bool deliver(const FaultStep& step) {
    std::string out;
    Negotiator::escape(step.bytes, out);
    if (step.per_byte.count() == 0) {
      if (!send_all(fd_, out)) return false;
    } else {
      for (char c : out) {
        std::this_thread::sleep_for(step.per_byte);
        if (!send_all(fd_, std::string(1, c))) return false;
      }
    }
    if (step.hang_up) return false;
    if (step.stall) {
      ignore_until_closed(fd_);
      return false;
    }
    if (step.deaf.count() > 0) {
      stay_deaf(fd_, step.deaf);
      return false;
    }
    return true;
  }

  int fd_;
  const CliTree& cli_;
  const TelnetDeviceConfig& config_;
  Negotiator negotiator_ = device_negotiator();
  LoginGate gate_;
  FaultInjector fault_;
  std::unique_ptr<Peer> device_;
  std::string data_;
};

}  // namespace

void serve_telnet_session(int fd, const CliTree& cli, const TelnetDeviceConfig& config) {
  if (config.recording)
    TelnetSession<RecordedDevice>(fd, cli, config).run();
  else
    TelnetSession<Device>(fd, cli, config).run();
}

}  // namespace vty::sim
