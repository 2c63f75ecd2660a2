// Options::record_to: a transport that wraps the real one and writes every byte it moves to
// a recording file (docs/recording.md), passwords masked.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vty/regex.hpp"
#include "vty/transport.hpp"

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

/// Wraps `inner` so that it records to options.record_to; throws RecordingError when the
/// file cannot be created.
std::unique_ptr<Transport> record_session(std::unique_ptr<Transport> inner, const Options& options,
                                          std::string_view platform);

}  // namespace vty::detail
