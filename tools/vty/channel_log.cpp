#include "channel_log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>

#include "json.hpp"

namespace vty::cli {
namespace {

std::string timestamp(std::chrono::system_clock::time_point now) {
  auto seconds = std::chrono::system_clock::to_time_t(now);
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() %
      1000000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char full[64];
  std::snprintf(full, sizeof full, "%s.%06lldZ", text, static_cast<long long>(micros));
  return full;
}

// One line an event: "TIME WHAT JSON-TEXT".
class ChannelLog : public SessionObserver {
 public:
  explicit ChannelLog(std::filesystem::path file) : file_(std::move(file)) {}

  void on_event(const SessionEvent& event) override {
    using Kind = SessionEvent::Kind;
    switch (event.kind) {
      case Kind::opening: {
        log_.open(file_, std::ios::app | std::ios::binary);
        std::string where(event.session.host);
        if (event.session.port) where += ":" + std::to_string(event.session.port);
        write(event, "open", where + " via " + std::string(event.session.transport));
        break;
      }
      case Kind::opened:
        write(event, "opened", "");
        break;
      case Kind::sent:
        write(event, "send",
              event.masked ? "********" + std::string(event.bytes) : std::string(event.bytes));
        break;
      case Kind::received:
        write(event, "recv", event.bytes);
        break;
      case Kind::closed:
        write(event, "closed", "by the device");
        break;
      case Kind::operation_started:
        write(event, "start",
              std::string(event.operation) +
                  (event.command.empty() ? "" : " " + std::string(event.command)));
        break;
      case Kind::operation_finished:
        write(event, event.failed ? "failed" : "done", event.operation);
        break;
      case Kind::ended:
        write(event, event.operation, "");
        log_.close();
        break;
    }
  }

 private:
  void write(const SessionEvent& event, std::string_view what, std::string_view text) {
    if (!log_.is_open()) return;
    log_ << timestamp(event.time) << ' ' << what << ' ' << json_string(text) << '\n';
    log_.flush();
  }

  std::filesystem::path file_;
  std::ofstream log_;
};

}  // namespace

std::shared_ptr<SessionObserver> make_channel_log(std::filesystem::path file) {
  return std::make_shared<ChannelLog>(std::move(file));
}

}  // namespace vty::cli
