#include "vty-sim/ssh_session.hpp"

#include <libssh/server.h>
#include <poll.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "vty-sim/fault.hpp"
#include "vty-sim/recorded_device.hpp"
#include "vty-sim/session_server.hpp"

namespace vty::sim {
namespace {

constexpr long kHandshakeTimeoutSeconds = 30;
// Once logged in, a blocking write waits this long for the client to open its window.
constexpr long kSessionTimeoutSeconds = 3600;
constexpr int kMaxAuthFailures = 6;
constexpr int kReadWaitMs = 60'000;
constexpr std::size_t kWriteChunk = 32 * 1024;

struct Message {
  explicit Message(ssh_message m) : msg(m) {}
  ~Message() {
    if (msg) ssh_message_free(msg);
  }
  Message(const Message&) = delete;
  Message& operator=(const Message&) = delete;
  ssh_message msg;
};

int offered_methods(const SshDeviceConfig& config) {
  return config.auth_methods ? config.auth_methods
                             : SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_INTERACTIVE;
}

void refuse_auth(ssh_message msg, const SshDeviceConfig& config) {
  ssh_message_auth_set_methods(msg, offered_methods(config));
  ssh_message_reply_default(msg);
}

// Answers one authentication request; true when the client is now logged in.
bool answer_auth(ssh_session session, ssh_message msg, const SshDeviceConfig& config,
                 std::string& kbdint_user, int& failures) {
  int method = ssh_message_subtype(msg);
  if (!(method & offered_methods(config))) {
    refuse_auth(msg, config);
    return false;
  }
  if (method == SSH_AUTH_METHOD_PASSWORD) {
    const char* user = ssh_message_auth_user(msg);
    // Deprecated in favour of server callbacks, but the message API used here has no other.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    const char* password = ssh_message_auth_password(msg);
#pragma GCC diagnostic pop
    if (user && password && config.user == user && config.password == password) {
      ssh_message_auth_reply_success(msg, 0);
      return true;
    }
    ++failures;
  } else if (method == SSH_AUTH_METHOD_INTERACTIVE) {
    if (!ssh_message_auth_kbdint_is_response(msg)) {
      const char* user = ssh_message_auth_user(msg);
      kbdint_user = user ? user : "";
      const char* prompts[] = {"Password: "};
      char echo[] = {0};
      ssh_message_auth_interactive_request(msg, "", "", 1, prompts, echo);
      return false;
    }
    const char* answer = ssh_userauth_kbdint_getnanswers(session) == 1
                             ? ssh_userauth_kbdint_getanswer(session, 0)
                             : nullptr;
    if (answer && kbdint_user == config.user && config.password == answer) {
      ssh_message_auth_reply_success(msg, 0);
      return true;
    }
    ++failures;
  }
  refuse_auth(msg, config);
  return false;
}

bool authenticate(ssh_session session, const SshDeviceConfig& config) {
  std::string kbdint_user;
  int failures = 0;
  const FaultKind fault = config.device.fault.kind;
  // The wrong-password loop refuses what the right password would open.
  SshDeviceConfig refusing = config;
  if (fault == FaultKind::wrong_password_loop) refusing.password += "\x01never";
  while (failures < kMaxAuthFailures) {
    Message message(ssh_message_get(session));
    if (!message.msg) return false;
    if (ssh_message_type(message.msg) != SSH_REQUEST_AUTH) {
      ssh_message_reply_default(message.msg);
      continue;
    }
    if (fault == FaultKind::close_in_auth) return false;  // hang up instead of answering
    if (answer_auth(session, message.msg, refusing, kbdint_user, failures)) return true;
  }
  return false;
}

// The silent fault: the connection is accepted, then nothing is said until the client leaves
// (or the server stops and shuts the socket down).
void stay_silent(ssh_session session) {
  const int fd = ssh_get_fd(session);
  char buffer[1024];
  for (;;) {
    pollfd wait{fd, POLLIN, 0};
    if (poll(&wait, 1, 1000) < 0) return;
    if (wait.revents != 0 && read(fd, buffer, sizeof buffer) <= 0) return;
  }
}

// Waits for a session channel with a shell on it; pty-req, env and window-change before the
// shell are accepted.
ssh_channel open_shell(ssh_session session) {
  ssh_channel channel = nullptr;
  for (;;) {
    Message message(ssh_message_get(session));
    if (!message.msg) break;
    int type = ssh_message_type(message.msg);
    int subtype = ssh_message_subtype(message.msg);
    if (type == SSH_REQUEST_CHANNEL_OPEN && subtype == SSH_CHANNEL_SESSION && !channel) {
      channel = ssh_message_channel_request_open_reply_accept(message.msg);
      if (!channel) break;
    } else if (type == SSH_REQUEST_CHANNEL && channel &&
               (subtype == SSH_CHANNEL_REQUEST_PTY || subtype == SSH_CHANNEL_REQUEST_ENV ||
                subtype == SSH_CHANNEL_REQUEST_WINDOW_CHANGE)) {
      ssh_message_channel_request_reply_success(message.msg);
    } else if (type == SSH_REQUEST_CHANNEL && channel && subtype == SSH_CHANNEL_REQUEST_SHELL) {
      ssh_message_channel_request_reply_success(message.msg);
      return channel;
    } else {
      ssh_message_reply_default(message.msg);
    }
  }
  if (channel) ssh_channel_free(channel);
  return nullptr;
}

// Requests after the shell started (window-change, keepalives, more channels).
int on_late_message(ssh_session, ssh_message msg, void*) {
  if (ssh_message_type(msg) == SSH_REQUEST_CHANNEL &&
      ssh_message_subtype(msg) == SSH_CHANNEL_REQUEST_WINDOW_CHANGE) {
    ssh_message_channel_request_reply_success(msg);
    return 0;
  }
  return 1;  // libssh sends the default (refusing) reply
}

bool write_all(ssh_channel channel, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    int n =
        ssh_channel_write(channel, data.data() + sent, static_cast<uint32_t>(data.size() - sent));
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

bool channel_gone(ssh_session session, ssh_channel channel) {
  return ssh_channel_is_eof(channel) || !ssh_channel_is_open(channel) || !ssh_is_connected(session);
}

// Writes what the fault injector let through; false when the session must end now.
bool deliver(ssh_session session, ssh_channel channel, const FaultStep& step) {
  if (step.per_byte.count() == 0) {
    if (!write_all(channel, step.bytes)) return false;
  } else {
    for (char c : step.bytes) {
      std::this_thread::sleep_for(step.per_byte);
      if (channel_gone(session, channel) || !write_all(channel, std::string(1, c))) return false;
    }
  }
  if (step.hang_up) return false;
  if (step.stall) {
    // Nothing more, ever: swallow the client's input until it leaves.
    char buffer[4096];
    while (!channel_gone(session, channel)) {
      if (ssh_channel_read_timeout(channel, buffer, sizeof buffer, 0, kReadWaitMs) == SSH_ERROR)
        break;
    }
    return false;
  }
  if (step.deaf.count() > 0) {
    // libssh grows the channel window only as the server reads: unread, the client's
    // writes stop at the window (and the socket's buffers).
    stay_deaf(ssh_get_fd(session), step.deaf);
    return false;
  }
  return true;
}

// Output first (blocking writes respect the client's window), then wait for input.
// `Peer` is a Device or a RecordedDevice.
template <typename Peer>
void pump(ssh_session session, ssh_channel channel, Peer& device, FaultInjector& fault) {
  char buffer[4096];
  for (;;) {
    for (std::string out = device.read(kWriteChunk); !out.empty(); out = device.read(kWriteChunk)) {
      if (!deliver(session, channel, fault.output(out))) return;
    }
    if (!deliver(session, channel, fault.idle())) return;
    if (device.closed()) return;
    int wait_ms = kReadWaitMs;
    if constexpr (requires { device.exec_time_left(); }) {
      if (auto left = device.exec_time_left())
        wait_ms = static_cast<int>(std::min<long long>(wait_ms, left->count()));
    }
    int n = ssh_channel_read_timeout(channel, buffer, sizeof buffer, 0, wait_ms);
    if (n == SSH_ERROR) return;
    if (n == 0) {
      if (channel_gone(session, channel)) return;
      continue;
    }
    device.feed(fault.typed(std::string_view(buffer, static_cast<std::size_t>(n))));
  }
}

}  // namespace

void serve_ssh_session(ssh_session session, const CliTree& cli, const SshDeviceConfig& config) {
  long timeout = kHandshakeTimeoutSeconds;
  ssh_options_set(session, SSH_OPTIONS_TIMEOUT, &timeout);
  if (config.device.fault.kind == FaultKind::silent) return stay_silent(session);
  if (ssh_handle_key_exchange(session) != SSH_OK) return;
  if (!authenticate(session, config)) return;
  ssh_channel channel = open_shell(session);
  if (!channel) return;
  timeout = kSessionTimeoutSeconds;
  ssh_options_set(session, SSH_OPTIONS_TIMEOUT, &timeout);
  ssh_set_message_callback(session, on_late_message, nullptr);
  {
    FaultInjector fault(config.device.fault);
    if (config.recording) {
      RecordedDevice device(*config.recording, config.recording_file);
      pump(session, channel, device, fault);
    } else {
      Device device(cli, config.device);
      pump(session, channel, device, fault);
    }
  }
  if (ssh_channel_is_open(channel)) {
    ssh_channel_request_send_exit_status(channel, 0);
    ssh_channel_send_eof(channel);
    ssh_channel_close(channel);
  }
  ssh_channel_free(channel);
}

}  // namespace vty::sim
