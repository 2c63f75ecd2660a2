// Options::record_to: an observer that writes every byte a session moves to a recording
// file (docs/recording.md), as the session's events come, secrets already masked.
#include <chrono>
#include <ctime>
#include <fstream>

#include "session_events.hpp"
#include "vty/errors.hpp"
#include "vty/recording.hpp"
#include "vty/vty.hpp"

namespace vty::detail {
namespace {

std::string utc_now() {
  auto seconds = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

class Recorder : public SessionObserver {
 public:
  Recorder(const Options& options, const SessionInfo& info)
      : out_(options.record_to, std::ios::trunc | std::ios::binary) {
    if (!out_)
      throw RecordingError("cannot create recording " + options.record_to.string(),
                           {.host = std::string(info.host), .operation = "open"});
    RecordingHeader header{.platform = std::string(info.platform),
                           .transport = std::string(info.transport),
                           .host = std::string(info.host),
                           .vty_version = version(),
                           .recorded_at = utc_now(),
                           .in_band_auth = info.in_band_auth};
    out_ << format_recording_header(header);
    out_.flush();
  }

  void on_event(const SessionEvent& event) override {
    using Kind = SessionEvent::Kind;
    switch (event.kind) {
      case Kind::sent:
        record(event, RecordedEvent::Kind::sent);
        break;
      case Kind::received:
        record(event, RecordedEvent::Kind::received);
        break;
      case Kind::closed:
        record(event, RecordedEvent::Kind::closed);
        break;
      default:
        break;
    }
  }

 private:
  void record(const SessionEvent& event, RecordedEvent::Kind kind) {
    RecordedEvent recorded{
        .at = std::chrono::duration_cast<std::chrono::microseconds>(event.at - started_),
        .kind = kind,
        .bytes = std::string(event.bytes),
        .masked = event.masked};
    out_ << format_recorded_event(recorded);
    // Every event reaches the file before the session goes on: a crash loses nothing.
    out_.flush();
  }

  std::ofstream out_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace

std::shared_ptr<SessionObserver> make_recorder(const Options& options, const SessionInfo& info) {
  return std::make_shared<Recorder>(options, info);
}

}  // namespace vty::detail
