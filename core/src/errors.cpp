#include "vty/errors.hpp"

#include "vty/response.hpp"

namespace vty {
namespace {

// "vty::OperationTimeout: 10.0.0.1: send_command("show run"): <summary>; last bytes
// received: "..."" — everything a network engineer needs on one line.
std::string compose(const char* type, const std::string& summary, const ErrorContext& c) {
  std::string text = type;
  text += ": ";
  if (!c.host.empty()) text += c.host + ": ";
  if (!c.operation.empty()) {
    text += c.operation;
    if (!c.command.empty()) text += "(\"" + c.command + "\")";
    text += ": ";
  }
  text += summary;
  if (!c.tail.empty()) {
    text += "; last bytes received: \"";
    for (unsigned char ch : c.tail) {
      if (ch == '\n') {
        text += "\\n";
      } else if (ch == '\r') {
        text += "\\r";
      } else if (ch == '\t') {
        text += "\\t";
      } else if (ch == '"' || ch == '\\') {
        text += '\\';
        text += static_cast<char>(ch);
      } else if (ch < 0x20 || ch == 0x7f) {
        static constexpr char hex[] = "0123456789abcdef";
        text += "\\x";
        text += hex[ch >> 4];
        text += hex[ch & 0xf];
      } else {
        text += static_cast<char>(ch);
      }
    }
    text += '"';
  }
  return text;
}

}  // namespace

DriverException::DriverException(const char* type, const std::string& summary, ErrorContext context)
    : std::runtime_error(compose(type, summary, context)),
      type_(type),
      summary_(summary),
      context_(std::move(context)) {}

const MultiResponse& DriverException::partial() const noexcept {
  static const MultiResponse none;
  return partial_ ? *partial_ : none;
}

void DriverException::set_partial(MultiResponse responses) {
  partial_ = std::make_shared<const MultiResponse>(std::move(responses));
}

}  // namespace vty
