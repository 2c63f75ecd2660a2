#include "session_events.hpp"

#include <exception>

#include "vty/errors.hpp"

namespace vty::detail {
namespace {

constexpr std::size_t kTailSize = 256;
constexpr std::size_t kMinScrubbedSecret = 4;
constexpr std::string_view kMask = "********";

}  // namespace

InputMasker::InputMasker(const Auth& auth)
    : password_question_(
          R"((?:passw(?:or)?d|passcode|passphrase|secret|pin)[^\r\n]{0,40}[:?>]\s*\z)", true) {
  for (const auto* secret : {&auth.password, &auth.secondary, &auth.private_key_passphrase})
    if (!secret->empty()) secrets_.push_back(*secret);
}

void InputMasker::received(std::string_view bytes) {
  if (bytes.size() >= kTailSize) {
    tail_.assign(bytes.substr(bytes.size() - kTailSize));
    return;
  }
  tail_.append(bytes);
  if (tail_.size() > kTailSize) tail_.erase(0, tail_.size() - kTailSize);
}

std::size_t InputMasker::secret_length(std::string_view input) {
  bool asked = password_question_.search(tail_);
  tail_.clear();
  auto end = input.find_last_not_of("\r\n");
  std::size_t length = end == std::string_view::npos ? 0 : end + 1;
  if (asked) return length;
  for (const auto& secret : secrets_)
    if (input.substr(0, length) == secret) return length;
  return 0;
}

std::string InputMasker::scrub(std::string_view bytes) const {
  std::string text(bytes);
  for (const auto& secret : secrets_) {
    if (secret.size() < kMinScrubbedSecret) continue;
    for (auto at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + kMask.size()))
      text.replace(at, secret.size(), kMask);
  }
  return text;
}

SessionEvents::SessionEvents(const Options& options, std::string_view platform,
                             std::string_view transport, bool in_band_auth)
    : host_(options.label.empty() ? options.host : options.label),
      platform_(platform),
      transport_(transport),
      info_{.host = host_,
            .port = options.port,
            .platform = platform_,
            .transport = transport_,
            .in_band_auth = in_band_auth},
      masker_(options.auth) {
  for (const auto& observer : options.observers)
    if (observer) observers_.push_back(observer);
}

SessionEvents::~SessionEvents() = default;

void SessionEvents::sent(std::string_view bytes, bool hidden) {
  if (!active()) return;
  SessionEvent event{.kind = SessionEvent::Kind::sent};
  std::size_t secret = masker_.secret_length(bytes);
  if (hidden) secret = bytes.find_last_not_of("\r\n") + 1;  // npos + 1 == 0: nothing to hide
  if (secret > 0) {
    event.bytes = bytes.substr(secret);
    event.masked = true;
  } else {
    scratch_ = masker_.scrub(bytes);
    event.bytes = scratch_;
  }
  emit(event);
}

void SessionEvents::received(std::string_view bytes) {
  if (!active()) return;
  masker_.received(bytes);
  scratch_ = masker_.scrub(bytes);
  SessionEvent event{.kind = SessionEvent::Kind::received, .bytes = scratch_};
  emit(event);
}

void SessionEvents::note(SessionEvent::Kind kind, std::string_view operation,
                         std::string_view command, bool failed) noexcept {
  if (!active()) return;
  SessionEvent event{.kind = kind, .operation = operation, .command = command, .failed = failed};
  emit(event);
}

void SessionEvents::opening() {
  if (!active()) return;
  SessionEvent event{.kind = SessionEvent::Kind::opening};
  emit(event, true);
}

void SessionEvents::emit(SessionEvent& event, bool may_refuse) {
  // The contract: nothing of a session follows its `ended` (a verb that an abort() ended
  // finishes after it; a reopen() starts again with `opening`).
  if (ended_ && event.kind != SessionEvent::Kind::opening) return;
  ended_ = event.kind == SessionEvent::Kind::ended;
  event.time = std::chrono::system_clock::now();
  event.at = std::chrono::steady_clock::now();
  event.session = info_;
  std::exception_ptr refusal;
  for (const auto& observer : observers_) {
    try {
      observer->on_event(event);
    } catch (const DriverException&) {
      if (may_refuse && !refusal) refusal = std::current_exception();
    } catch (...) {
      // An observer's failure is not the session's.
    }
  }
  if (refusal) std::rethrow_exception(refusal);
}

}  // namespace vty::detail
