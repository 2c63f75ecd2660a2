#include "raw_session.hpp"

#include <stdexcept>

namespace vty::bench {
namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A prompt is a last line such as "router1#" or "router1>": no spaces, ends in # or >.
bool at_prompt(const std::string& text) {
  if (text.empty() || (text.back() != '#' && text.back() != '>')) return false;
  auto line = text.find_last_of('\n');
  line = line == std::string::npos ? 0 : line + 1;
  return text.find(' ', line) == std::string::npos;
}

}  // namespace

RawSession::RawSession(const BenchArgs& args, const Target& target) : ssh_(ssh_new()) {
  int port = target.port;
  long timeout = 30;
  ssh_options_set(ssh_, SSH_OPTIONS_HOST, target.host.c_str());
  ssh_options_set(ssh_, SSH_OPTIONS_PORT, &port);
  ssh_options_set(ssh_, SSH_OPTIONS_USER, args.user.c_str());
  ssh_options_set(ssh_, SSH_OPTIONS_TIMEOUT, &timeout);
  check(ssh_connect(ssh_), "connect");
  if (!args.key.empty()) {
    ssh_key key = nullptr;
    if (ssh_pki_import_privkey_file(args.key.c_str(), nullptr, nullptr, nullptr, &key) != SSH_OK) {
      throw std::runtime_error("cannot read the key " + args.key);
    }
    int rc = ssh_userauth_publickey(ssh_, nullptr, key);
    ssh_key_free(key);
    if (rc != SSH_AUTH_SUCCESS) throw std::runtime_error("key authentication failed");
  } else if (ssh_userauth_password(ssh_, nullptr, args.password.c_str()) != SSH_AUTH_SUCCESS) {
    throw std::runtime_error("password authentication failed");
  }
  channel_ = ssh_channel_new(ssh_);
  check(ssh_channel_open_session(channel_), "open session");
  check(ssh_channel_request_pty_size(channel_, "xterm", 511, 24), "pty");
  check(ssh_channel_request_shell(channel_), "shell");
  std::string banner = read_until_prompt();
  if (banner.back() == '>') {
    write("enable\n");
    read_until([](const std::string& t) {
      return ends_with(t, "Password: ") || ends_with(t, "Password:");
    });
    write(args.secondary + "\n");
    if (read_until_prompt().back() != '#') throw std::runtime_error("enable failed");
  }
  send("terminal length 0");
  send("terminal width 512");
}

RawSession::~RawSession() {
  if (channel_ != nullptr) ssh_channel_free(channel_);
  ssh_disconnect(ssh_);
  ssh_free(ssh_);
}

std::string RawSession::send(const std::string& command) {
  write(command + "\n");
  return read_until_prompt();
}

std::size_t RawSession::send_counting(const std::string& command) {
  write(command + "\n");
  bool echoed = false;      // the echoed command line is over
  std::size_t counted = 0;  // bytes after the echo, '\r' left out
  std::string last;         // the current last line, '\r' left out
  char buffer[65536];
  while (!(echoed && at_prompt(last))) {
    int n = ssh_channel_read_timeout(channel_, buffer, sizeof buffer, 0, 60'000);
    if (n <= 0) throw std::runtime_error("read failed or timed out");
    for (int i = 0; i < n; ++i) {
      char c = buffer[i];
      if (!echoed) {
        echoed = c == '\n';
        continue;
      }
      if (c == '\r') continue;
      ++counted;
      if (c == '\n') {
        last.clear();
      } else {
        last.push_back(c);
      }
    }
  }
  // Neither the prompt line nor the newline before it belongs to the output.
  return counted > last.size() ? counted - last.size() - 1 : 0;
}

void RawSession::close() {
  write("exit\n");
  ssh_channel_send_eof(channel_);
  ssh_channel_close(channel_);
}

void RawSession::check(int rc, const char* what) {
  if (rc != SSH_OK) throw std::runtime_error(std::string(what) + ": " + ssh_get_error(ssh_));
}

void RawSession::write(const std::string& bytes) {
  if (ssh_channel_write(channel_, bytes.data(), static_cast<uint32_t>(bytes.size())) !=
      static_cast<int>(bytes.size())) {
    throw std::runtime_error("write failed");
  }
}

template <typename Done>
std::string RawSession::read_until(Done done) {
  std::string text;
  char buffer[65536];
  while (!done(text)) {
    int n = ssh_channel_read_timeout(channel_, buffer, sizeof buffer, 0, 60'000);
    if (n <= 0) throw std::runtime_error("read failed or timed out");
    text.append(buffer, static_cast<std::size_t>(n));
  }
  return text;
}

std::string RawSession::read_until_prompt() {
  return read_until(at_prompt);
}

std::size_t body_bytes(const std::string& answer) {
  std::size_t begin = answer.find('\n');
  std::size_t end = answer.find_last_of('\n');
  if (begin == std::string::npos || end <= begin) return 0;
  std::size_t bytes = 0;
  for (std::size_t i = begin + 1; i < end; ++i) bytes += answer[i] != '\r';
  return bytes;
}

std::size_t reference_bytes(const BenchArgs& args, const Target& target,
                            const std::string& command) {
  RawSession session(args, target);
  std::size_t bytes = session.send_counting(command);
  session.close();
  return bytes;
}

std::string libssh_version() {
  return std::string("libssh ") + ssh_version(0);
}

}  // namespace vty::bench
