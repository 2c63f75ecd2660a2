// The telnet option negotiator on any bytes, as the client and as a device: how the bytes
// are split never changes the data handed on, the answers stay proportional to what was
// received (no negotiation loops), and escaping any data then reading it back gives the
// same data.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "telnet_negotiator.hpp"

namespace {

using vty::telnet::Negotiator;

Negotiator make(bool device) {
  Negotiator::Settings settings;
  if (device) {
    settings.local = {vty::telnet::kEcho, vty::telnet::kSuppressGoAhead};
    settings.remote = {vty::telnet::kTerminalType, vty::telnet::kWindowSize};
  } else {
    settings.local = {vty::telnet::kTerminalType, vty::telnet::kWindowSize,
                      vty::telnet::kSuppressGoAhead};
    settings.remote = {vty::telnet::kEcho, vty::telnet::kSuppressGoAhead};
  }
  return Negotiator(settings);
}

struct Result {
  std::string data;
  std::size_t answered = 0;
};

Result run(bool device, std::string_view bytes, std::size_t step) {
  Negotiator negotiator = make(device);
  Result result;
  for (std::size_t at = 0; at < bytes.size(); at += step) {
    negotiator.feed(bytes.substr(at, step), result.data);
    result.answered += negotiator.take_output().size();
  }
  return result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t step = 1 + data[0] % 16;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  for (bool device : {false, true}) {
    auto whole = run(device, bytes, bytes.size() + 1);
    auto split = run(device, bytes, step);
    if (whole.data != split.data || whole.answered != split.answered) std::abort();
    if (whole.answered > 4 * bytes.size() + 1024) std::abort();
  }
  std::string escaped;
  Negotiator::escape(bytes, escaped);
  Negotiator reader = make(false);
  std::string back;
  reader.feed(escaped, back);
  if (back != bytes) std::abort();
  return 0;
}
