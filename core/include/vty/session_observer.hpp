/// @file
/// Watching a session as it happens: every byte sent and received, with timestamps, and
/// each operation's start and end, with the session's secrets already masked. Recording
/// (vty::record_to, <vty/recording.hpp>) and `vty run --log-dir` are observers; see
/// docs/observing.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

namespace vty {

/// The session an event belongs to (one observer may watch many).
struct SessionInfo {
  std::string_view host{};       ///< Options::label, else Options::host
  std::uint16_t port = 0;        ///< as given (0: the transport's default)
  std::string_view platform{};   ///< the platform name as given ("auto" while detecting)
  std::string_view transport{};  ///< "libssh", "system", "telnet", "replay", ...
  bool in_band_auth = false;     ///< the transport logs in inside the byte stream (telnet)
};

struct SessionEvent {
  enum class Kind {
    opening,             ///< about to connect
    opened,              ///< the transport is up (the login dialogue, if any, comes as bytes)
    sent,                ///< `bytes` were written to the device
    received,            ///< `bytes` were read from the device
    closed,              ///< the device (or the network) ended the session
    operation_started,   ///< a verb begins ("open" included): `operation`, `command`
    operation_finished,  ///< a verb ends; `failed` when it ended with an exception
    /// The session is over: `operation` is "close" (close() finished) or "abort" (abort(),
    /// a destructor, a failed open). Nothing of this session follows.
    ended,
  };
  Kind kind = Kind::received;
  std::chrono::system_clock::time_point time{};  ///< when (wall clock)
  std::chrono::steady_clock::time_point at{};    ///< when (monotonic: use it for intervals)
  SessionInfo session{};
  /// sent/received: the bytes, except that every secret of Options::auth (of 4 bytes or
  /// more) reads "********" wherever it appears.
  std::string_view bytes{};
  /// sent: the input was a secret (typed at a password prompt, marked hidden, or equal to
  /// a password of Options::auth) and is left out; `bytes` holds only what followed it
  /// (the return character).
  bool masked = false;
  std::string_view operation{};  ///< operation events and `ended`: "open", "send_command", ...
  std::string_view command{};    ///< operation events: the input, where one applies
  bool failed = false;           ///< operation_finished: ended with an exception
};

/// Add one to Options::observers. The driver calls it on its executor, in order, while the
/// session runs: keep on_event short. An observer may refuse a session by throwing a
/// vty::DriverException from the `opening` event (a recording that cannot be created
/// throws vty::RecordingError): the open then fails with it. Any other exception, and any
/// exception from another event, is ignored. The views in an event are valid only during
/// the call.
class SessionObserver {
 public:
  virtual ~SessionObserver() = default;
  virtual void on_event(const SessionEvent& event) = 0;
};

}  // namespace vty
