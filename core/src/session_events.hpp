// Where a session's events go out to its observers (Options::observers): the one place that
// decides what is a secret and masks it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vty/options.hpp"
#include "vty/regex.hpp"
#include "vty/session_observer.hpp"

namespace vty::detail {

/// Decides which input is a secret, sans-io: fed what the device printed, it says whether
/// the next input answers a password question; it also knows the session's own secrets.
class InputMasker {
 public:
  explicit InputMasker(const Auth& auth);
  void received(std::string_view bytes);
  /// The length of the secret at the start of `input` (all but its trailing line end), or
  /// 0 when `input` is not a secret. Call once per write: it ends the password question.
  std::size_t secret_length(std::string_view input);
  /// `bytes` with every known secret (of 4 bytes or more) replaced by "********".
  std::string scrub(std::string_view bytes) const;

 private:
  Regex password_question_;
  std::string tail_;  // the last bytes received, where a password question would be
  std::vector<std::string> secrets_;
};

/// One session's observers, and the masking every event passes through first.
class SessionEvents {
 public:
  SessionEvents(const Options& options, std::string_view platform, std::string_view transport,
                bool in_band_auth);
  ~SessionEvents();
  SessionEvents(const SessionEvents&) = delete;  // info_ views into its own strings
  SessionEvents& operator=(const SessionEvents&) = delete;

  bool active() const { return !observers_.empty(); }
  /// Input written to the device; `hidden` input (a password) is masked whatever it is.
  void sent(std::string_view bytes, bool hidden = false);
  void received(std::string_view bytes);
  /// The `opening` event: an observer that throws a DriverException (a recording that
  /// cannot be created) refuses the session, and the exception propagates.
  void opening();
  /// Any other kind of event.
  void note(SessionEvent::Kind kind, std::string_view operation = {}, std::string_view command = {},
            bool failed = false) noexcept;

 private:
  // With `may_refuse`, a DriverException from an observer propagates (after every observer
  // saw the event); anything else an observer throws is ignored.
  void emit(SessionEvent& event, bool may_refuse = false);

  std::string host_, platform_, transport_;
  SessionInfo info_;
  InputMasker masker_;
  std::vector<std::shared_ptr<SessionObserver>> observers_;
  std::string scratch_;
  bool ended_ = false;  // `ended` was emitted: nothing more until the next `opening`
};

}  // namespace vty::detail
