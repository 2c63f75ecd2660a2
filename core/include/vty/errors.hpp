/// @file
/// The one family of exceptions vty throws: catch DriverException for all, or one member.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>

namespace vty {

struct MultiResponse;  // <vty/response.hpp>

/// Where an error happened and what was seen: every vty exception carries one.
struct ErrorContext {
  std::string host{};       ///< the device, as given in Options::host
  std::string operation{};  ///< "open", "send_command", "acquire_priv", ...
  std::string command{};    ///< the input sent, where one applies
  std::string pattern{};    ///< the pattern that was awaited, where one applies
  std::string tail{};       ///< the last bytes received (at most a few hundred)
};

class DriverException : public std::runtime_error {
 public:
  DriverException(const char* type, const std::string& summary, ErrorContext context);

  /// "vty::OperationTimeout" and so on: the most derived type's name.
  const char* type_name() const noexcept { return type_; }
  /// What went wrong, without the host/operation/tail decoration of what().
  const std::string& summary() const noexcept { return summary_; }
  const ErrorContext& context() const noexcept { return context_; }
  const std::string& host() const noexcept { return context_.host; }
  const std::string& operation() const noexcept { return context_.operation; }
  const std::string& command() const noexcept { return context_.command; }
  const std::string& pattern() const noexcept { return context_.pattern; }
  const std::string& tail() const noexcept { return context_.tail; }

  /// The responses that send_commands/send_configs (and their _from_file variants)
  /// finished before this error ended the batch, in order; empty from other verbs. Include
  /// <vty/response.hpp> to use it.
  const MultiResponse& partial() const noexcept;
  /// Attaches the finished responses of a batch (the verbs above do it before rethrowing).
  void set_partial(MultiResponse responses);

 private:
  const char* type_;
  std::string summary_{};
  ErrorContext context_;
  std::shared_ptr<const MultiResponse> partial_{};  // shared: exceptions are copied
};

#define VTY_DECLARE_ERROR(Name, Base)                                        \
  class Name : public Base {                                                 \
   public:                                                                   \
    Name(const std::string& summary, ErrorContext context = {})              \
        : Base("vty::" #Name, summary, std::move(context)) {}                \
                                                                             \
   protected:                                                                \
    Name(const char* type, const std::string& summary, ErrorContext context) \
        : Base(type, summary, std::move(context)) {}                         \
  }

/// Could not reach the device or establish the session.
VTY_DECLARE_ERROR(ConnectionError, DriverException);
VTY_DECLARE_ERROR(ConnectionRefused, ConnectionError);
VTY_DECLARE_ERROR(HostUnreachable, ConnectionError);  ///< includes unknown host names
VTY_DECLARE_ERROR(HostKeyError, ConnectionError);     ///< unknown key under strict, or mismatch
VTY_DECLARE_ERROR(HostKeyMismatch, HostKeyError);
/// The device refused the credentials.
VTY_DECLARE_ERROR(AuthenticationError, DriverException);
/// Something did not happen within its deadline.
VTY_DECLARE_ERROR(TimeoutError, DriverException);
VTY_DECLARE_ERROR(SocketTimeout, TimeoutError);     ///< TCP connect
VTY_DECLARE_ERROR(TransportTimeout, TimeoutError);  ///< handshake, authentication, channel set-up
VTY_DECLARE_ERROR(OperationTimeout, TimeoutError);  ///< waiting for a prompt or pattern
/// Could not reach or identify a privilege level.
VTY_DECLARE_ERROR(PrivilegeError, DriverException);
VTY_DECLARE_ERROR(PrivilegeAuthError, PrivilegeError);  ///< wrong enable (secondary) password
/// The device stopped at a prompt-shaped line that no privilege level matches (a wrong
/// platform, or a level the definition lacks): raised after Options::timeout_unknown_prompt
/// of quiet rather than at the end of timeout_ops.
VTY_DECLARE_ERROR(UnknownPrompt, PrivilegeError);
/// A command's output contained one of the platform's failure strings.
VTY_DECLARE_ERROR(CommandFailed, DriverException);
/// Platform definitions: unknown name, or a file that is not a valid definition.
VTY_DECLARE_ERROR(PlatformError, DriverException);
VTY_DECLARE_ERROR(UnknownPlatform, PlatformError);
VTY_DECLARE_ERROR(PlatformDefinitionError, PlatformError);
/// The device or the network closed the session while vty was using it.
VTY_DECLARE_ERROR(ConnectionClosed, DriverException);
/// The verb was cancelled or its session aborted (AsyncDriver::abort) while it waited.
VTY_DECLARE_ERROR(OperationCancelled, DriverException);
/// An earlier verb ended without its prompt (a timeout, a cancellation, an unknown prompt),
/// and the next verb could not find the device back at a prompt within Options::timeout_ops
/// to discard the late output; nothing was sent. The next verb tries again; reopen() starts
/// over. See docs/timeouts.md.
VTY_DECLARE_ERROR(SessionOutOfSync, DriverException);
/// A verb was used in the wrong state (before open, after close) or with bad arguments.
VTY_DECLARE_ERROR(UsageError, DriverException);
/// A session recording (docs/recording.md) that cannot be read or written.
VTY_DECLARE_ERROR(RecordingError, DriverException);

#undef VTY_DECLARE_ERROR

/// The replay transport: the client sent input that differs from the recording.
class ReplayMismatch : public DriverException {
 public:
  ReplayMismatch(const std::string& summary, ErrorContext context, std::string expected,
                 std::string actual, std::size_t event_index)
      : DriverException("vty::ReplayMismatch", summary, std::move(context)),
        expected_(std::move(expected)),
        actual_(std::move(actual)),
        event_index_(event_index) {}

  const std::string& expected() const noexcept { return expected_; }  ///< the recorded input
  const std::string& actual() const noexcept { return actual_; }      ///< what was sent instead
  std::size_t event_index() const noexcept { return event_index_; }   ///< 0-based, in the file
 private:
  std::string expected_;
  std::string actual_;
  std::size_t event_index_;
};

}  // namespace vty
