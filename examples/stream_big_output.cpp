// Streaming a huge output through a callback: the output goes to an OutputSink as it
// arrives, so a 100 MB `show tech` never sits in memory whole.
//
//   VTY_PASSWORD=... VTY_SECONDARY=... ./stream_big_output HOST [PORT] [COMMAND] > output.txt
//
// COMMAND defaults to "show tech-support". VTY_USERNAME (default "admin");
// VTY_HOST_KEY_POLICY=off skips the host key check. A summary goes to stderr.
#include <sys/resource.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vty/vty.hpp>

namespace {

std::string env(const char* name, const char* fallback = "") {
  const char* value = std::getenv(name);
  return value ? value : fallback;
}

// Writes each piece to stdout as it comes, counting what passed.
class ToStdout : public vty::OutputSink {
 public:
  void write(std::string_view text) override {
    std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
    bytes += text.size();
  }
  std::size_t bytes = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: stream_big_output HOST [PORT] [COMMAND]\n";
    return 64;
  }
  vty::Options options;
  options.host = argv[1];
  if (argc > 2) options.port = static_cast<std::uint16_t>(std::stoi(argv[2]));
  const std::string command = argc > 3 ? argv[3] : "show tech-support";
  options.auth.username = env("VTY_USERNAME", "admin");
  options.auth.password = env("VTY_PASSWORD");
  options.auth.secondary = env("VTY_SECONDARY");
  vty::transports::libssh ssh;  // naming the transport links it
  if (env("VTY_HOST_KEY_POLICY") == "off") ssh.host_key_policy = vty::HostKeyPolicy::off;
  options.transport = ssh;
  options.timeout_ops = std::chrono::minutes(5);  // a long output, but it must keep coming

  try {
    vty::Driver driver(options);
    driver.open();
    ToStdout sink;
    vty::Response r = driver.send_command(command, {.sink = &sink});
    std::cout << "\n";
    r.raise_for_status();
    driver.close();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::cerr << "streamed " << sink.bytes << " bytes in " << r.elapsed().count()
              << " s; result kept: " << r.result.size() << " bytes; peak RSS "
              << usage.ru_maxrss / 1024 << " MB\n";
  } catch (const vty::DriverException& error) {
    std::cerr << error.what() << "\n";
    return 2;
  }
}
