// vty::record_to: a session observer (<vty/session_observer.hpp>, nothing else of the core)
// that writes every byte a session moves to a recording file (docs/recording.md), as the
// session's events come, secrets already masked.
#include <chrono>
#include <ctime>
#include <fstream>
#include <memory>

#include "vty/errors.hpp"
#include "vty/recording.hpp"
#include "vty/session_observer.hpp"
#include "vty/vty.hpp"  // vty::version()

namespace vty {
namespace {

std::string utc_now() {
  auto seconds = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// The file is open from a session's `opening` to its `ended`: a recorder made for each of
// a thousand hosts holds no file descriptor until its session runs.
class Recorder : public SessionObserver {
 public:
  explicit Recorder(std::filesystem::path file) : file_(std::move(file)) {}

  void on_event(const SessionEvent& event) override {
    using Kind = SessionEvent::Kind;
    switch (event.kind) {
      case Kind::opening:
        start(event);
        break;
      case Kind::sent:
        record(event, RecordedEvent::Kind::sent);
        break;
      case Kind::received:
        record(event, RecordedEvent::Kind::received);
        break;
      case Kind::closed:
        record(event, RecordedEvent::Kind::closed);
        break;
      case Kind::ended:
        out_.close();
        break;
      default:
        break;
    }
  }

 private:
  // A session that opens again (a detected platform whose login needs a session of its
  // own) starts the file over: the recording is the last session's.
  void start(const SessionEvent& event) {
    out_.close();
    out_.clear();
    out_.open(file_, std::ios::trunc | std::ios::binary);
    if (!out_)
      throw RecordingError("cannot create recording " + file_.string(),
                           {.host = std::string(event.session.host), .operation = "open"});
    started_ = event.at;
    RecordingHeader header{.platform = std::string(event.session.platform),
                           .transport = std::string(event.session.transport),
                           .host = std::string(event.session.host),
                           .vty_version = version(),
                           .recorded_at = utc_now(),
                           .in_band_auth = event.session.in_band_auth};
    out_ << format_recording_header(header);
    out_.flush();
  }

  void record(const SessionEvent& event, RecordedEvent::Kind kind) {
    if (!out_.is_open()) return;
    RecordedEvent recorded{
        .at = std::chrono::duration_cast<std::chrono::microseconds>(event.at - started_),
        .kind = kind,
        .bytes = std::string(event.bytes),
        .masked = event.masked};
    out_ << format_recorded_event(recorded);
    // Every event reaches the file before the session goes on: a crash loses nothing.
    out_.flush();
  }

  std::filesystem::path file_;
  std::ofstream out_;
  std::chrono::steady_clock::time_point started_{};
};

}  // namespace

std::shared_ptr<SessionObserver> record_to(std::filesystem::path file) {
  return std::make_shared<Recorder>(std::move(file));
}

}  // namespace vty
