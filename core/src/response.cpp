#include "vty/response.hpp"

#include "vty/errors.hpp"

#include <utility>

namespace vty {

void Response::raise_for_status() const {
  if (!failed) return;
  // The message keeps the last few hundred bytes; the whole output stays on the exception
  // (partial().front()), so a 10 MB answer does not become a 10 MB what().
  constexpr std::size_t tail_bytes = 256;
  std::string tail =
      result.size() > tail_bytes ? result.substr(result.size() - tail_bytes) : result;
  CommandFailed error("output contains \"" + failed_when_contains + "\"",
                      {.host = host, .operation = "command", .command = command, .tail = tail});
  MultiResponse whole;
  whole.push_back(*this);
  error.set_partial(std::move(whole));
  throw error;
}

bool MultiResponse::failed() const {
  for (const auto& r : *this)
    if (r.failed) return true;
  return false;
}

void MultiResponse::raise_for_status() const {
  for (const auto& r : *this) r.raise_for_status();
}

std::string MultiResponse::result() const {
  std::string joined;
  for (const auto& r : *this) {
    if (!joined.empty()) joined += '\n';
    joined += r.result;
  }
  return joined;
}

std::chrono::duration<double> MultiResponse::elapsed() const {
  if (empty()) return {};
  return back().finish_time - front().start_time;
}

}  // namespace vty
