#include "support/ser2net.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/real_peers.hpp"

namespace vty::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kSer2net = "/usr/sbin/ser2net";

bool accepts_connections(unsigned short port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

}  // namespace

std::string Ser2net::unavailable() {
  return missing_program(kSer2net, "ser2net");
}

Ser2net::Ser2net(const std::string& program) {
  if (auto why = unavailable(); !why.empty()) throw std::runtime_error("ser2net fixture: " + why);
  port_ = free_loopback_port();
  {
    std::ofstream config(dir_.file("ser2net.yaml"));
    // telnet without RFC 2217 (serial-port control): a console line as a user reaches it.
    config << "connection: &console\n"
           << "  accepter: telnet(rfc2217=false),tcp,127.0.0.1," << port_ << "\n"
           << "  connector: pty," << program << "\n"
           << "  options:\n    kickolduser: true\n";
  }
  ChildProcess::Spec spec;
  // -n: in the foreground; -u: no UUCP lock files (there is no serial device).
  // -n: in the foreground; -u: no UUCP lock files (there is no serial device). Its output
  // goes to a file, not a pipe no one reads.
  spec.argv = {"/bin/sh", "-c",
               "exec " + std::string(kSer2net) + " -n -u -c '" + dir_.file("ser2net.yaml") +
                   "' -P '" + dir_.file("pid") + "' >'" + dir_.file("ser2net.log") + "' 2>&1"};
  process_ = std::make_unique<ChildProcess>(std::move(spec));
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (!accepts_connections(port_)) {
    if (!process_->running() || std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("ser2net fixture: ser2net is not listening: " + log());
    std::this_thread::sleep_for(20ms);
  }
}

Ser2net::~Ser2net() = default;  // ChildProcess: SIGTERM, then SIGKILL

std::string Ser2net::log() const {
  std::ifstream in(dir_.file("ser2net.log"));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace vty::test
