#include "ssh_login.hpp"

#include <utility>

namespace vty::detail {

namespace {
// ssh offers the password again after a refusal; the rule: asked a third time
// means the password is wrong.
constexpr int max_password_answers = 2;
}  // namespace

SshLogin::SshLogin(Secrets secrets) : secrets_(std::move(secrets)) {}

SshLogin::Action SshLogin::feed(std::string_view bytes) {
  buffer_.append(bytes);
  // Whole lines are ssh's messages (its banners, warnings, errors, a server's pre-login
  // banner): kept for ended(); a question is a line ssh has not ended.
  if (auto newline = buffer_.rfind('\n'); newline != std::string::npos) {
    transcript_.append(buffer_, 0, newline + 1);
    buffer_.erase(0, newline + 1);
  }
  if (auto prompt = classify_prompt(buffer_); prompt != SshPrompt::none) {
    transcript_.append(buffer_);
    buffer_.clear();
    return answer(prompt);
  }
  return {};
}

SshLogin::Action SshLogin::answer(SshPrompt prompt) {
  switch (prompt) {
    case SshPrompt::password:
      if (secrets_.password.empty())
        return fail(SshFailureKind::authentication,
                    "ssh asks for a password and none was given (Auth::password)");
      if (passwords_typed_ == max_password_answers)
        return fail(SshFailureKind::authentication, "the device refused the password");
      ++passwords_typed_;
      return {.step = Step::type, .text = secrets_.password + "\n"};
    case SshPrompt::passphrase:
      if (secrets_.passphrase.empty())
        return fail(SshFailureKind::authentication,
                    "the private key is encrypted and no passphrase was given "
                    "(Auth::private_key_passphrase)");
      if (passphrases_typed_ == 1)
        return fail(SshFailureKind::authentication, "the private key's passphrase is wrong");
      ++passphrases_typed_;
      return {.step = Step::type, .text = secrets_.passphrase + "\n"};
    case SshPrompt::host_key_question:
      // Only asked when a user's config overrides StrictHostKeyChecking=ask; "no" makes ssh
      // report "Host key verification failed", classified as an unknown key.
      return {.step = Step::type,
              .text = secrets_.host_key_policy == HostKeyPolicy::strict ? "no\n" : "yes\n"};
    case SshPrompt::none:
      break;
  }
  return {};
}

SshLogin::Action SshLogin::fail(SshFailureKind kind, std::string summary) {
  failure_ = {.kind = kind, .summary = std::move(summary)};
  return {.step = Step::failed};
}

SshFailure SshLogin::ended() const {
  if (auto failure = classify_failure(transcript_ + buffer_)) return *failure;
  // Nothing ssh said explains it (it may not even have started): not a peer's hang-up.
  return {.kind = SshFailureKind::other, .summary = "ssh ended before the device spoke"};
}

}  // namespace vty::detail
