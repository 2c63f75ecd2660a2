/// @file
/// Session recordings (docs/recording.md): what a session sent and received, event by
/// event, as a readable text file that replays offline (the "replay" transport). The
/// library vty::recording (`pkg-config vty-recording`), built on the observer hook.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vty/session_observer.hpp"

namespace vty {

/// An observer that records the session it watches to `file`:
/// `options.observers.push_back(vty::record_to("router1.vtyrec"))`. The file is created (or
/// emptied) when the session opens; when it cannot be, the open fails with RecordingError.
/// A recorder records one session at a time: give each session its own. A session that
/// opens again through it (a detected platform's second login) starts the file over.
std::shared_ptr<SessionObserver> record_to(std::filesystem::path file);

/// The format version this library writes; it reads this one and older.
inline constexpr int recording_format_version = 1;

struct RecordingHeader {
  int version = recording_format_version;
  std::string platform{};
  std::string transport{};  ///< the transport that was recorded ("libssh", "telnet", ...)
  std::string host{};       ///< the host's alias (Options::label, else the host)
  std::string vty_version{};
  std::string recorded_at{};  ///< UTC, ISO 8601
  bool in_band_auth = false;  ///< the transport logged in inside the stream (telnet)
};

struct RecordedEvent {
  enum class Kind {
    received,  ///< bytes from the device
    sent,      ///< bytes the client wrote
    closed,    ///< the device closed the session
  };
  std::chrono::microseconds at{};  ///< since the recording started (monotonic clock)
  Kind kind = Kind::received;
  /// The bytes; for a masked input, only what followed the secret (the return character).
  std::string bytes{};
  bool masked = false;   ///< a password typed at a password prompt, not recorded
  std::size_t line = 0;  ///< where the event starts in the file (parse_recording only)
};

struct Recording {
  RecordingHeader header{};
  std::vector<RecordedEvent> events{};
};

/// The header block, ending with the blank line that separates it from the events.
std::string format_recording_header(const RecordingHeader& header);
/// One event: a line "SECONDS KIND [masked] "BYTES"", long data split after each line end
/// onto continuation lines so that recordings diff well.
std::string format_recorded_event(const RecordedEvent& event);
std::string format_recording(const Recording& recording);

/// Throws RecordingError naming `source` and the line when `text` is not a recording.
Recording parse_recording(std::string_view text, std::string_view source = "recording");
/// Reads and parses a file; throws RecordingError when it cannot.
Recording load_recording(const std::filesystem::path& file);

/// The escaping used for bytes: printable ASCII and valid UTF-8 as they are, \\ \" \r \n
/// \t \e, and \xHH for every other byte. unescape_recorded_bytes() reverses it exactly.
std::string escape_recorded_bytes(std::string_view bytes);
/// Throws std::invalid_argument on a bad escape.
std::string unescape_recorded_bytes(std::string_view text);

}  // namespace vty
