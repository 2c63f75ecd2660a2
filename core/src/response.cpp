#include "vty/response.hpp"

#include "vty/errors.hpp"

namespace vty {

void Response::raise_for_status() const {
  if (!failed) return;
  throw CommandFailed("output contains \"" + failed_when_contains + "\"",
                      {.host = host, .operation = "command", .command = command, .tail = result});
}

std::vector<textfsm::Row> Response::parse_textfsm(
    const std::filesystem::path& template_file) const {
  return textfsm::Template::cached(template_file)->parse(result);
}

std::vector<textfsm::Row> Response::parse_textfsm(const textfsm::Template& compiled) const {
  return compiled.parse(result);
}

std::vector<textfsm::Row> Response::parse_textfsm(const textfsm::TemplateIndex& index,
                                                  std::string_view platform) const {
  return index.parse(platform, command, result);
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
