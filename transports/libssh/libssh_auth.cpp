#include "libssh_auth.hpp"

#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace vty::detail {
namespace {

struct KeyFree {
  void operator()(ssh_key key) const { ssh_key_free(key); }
};
using KeyPtr = std::unique_ptr<std::remove_pointer_t<ssh_key>, KeyFree>;

// What was tried and why it did not work, for the final error.
struct Attempts {
  std::vector<std::string> notes;
  void add(std::string note) { notes.push_back(std::move(note)); }
  std::string joined() const {
    std::string text;
    for (const auto& note : notes) text += (text.empty() ? "" : ", ") + note;
    return text.empty() ? "none" : text;
  }
};

bool accepted(int rc) {
  return rc == SSH_AUTH_SUCCESS;
}

void throw_if_error(int rc, ssh_session session, const ErrorContext& context) {
  if (rc == SSH_AUTH_ERROR)
    throw AuthenticationError(std::string("authentication failed: ") + ssh_get_error(session),
                              context);
}

asio::awaitable<bool> try_public_key(ssh_session session, const Auth& auth, const std::string& file,
                                     const SocketWait& wait, Attempts& attempts,
                                     const ErrorContext& context) {
  ssh_key raw = nullptr;
  const char* passphrase =
      auth.private_key_passphrase.empty() ? nullptr : auth.private_key_passphrase.c_str();
  if (ssh_pki_import_privkey_file(file.c_str(), passphrase, nullptr, nullptr, &raw) != SSH_OK) {
    attempts.add("publickey (could not load " + file +
                 (passphrase ? ": wrong passphrase or not a private key)"
                             : ": missing, not a private key, or needs a passphrase)"));
    co_return false;
  }
  KeyPtr key(raw);
  int rc = co_await retry(
      wait, [&] { return ssh_userauth_publickey(session, nullptr, key.get()); }, SSH_AUTH_AGAIN);
  throw_if_error(rc, session, context);
  if (!accepted(rc)) attempts.add("publickey (" + file + " refused)");
  co_return accepted(rc);
}

asio::awaitable<bool> try_agent(ssh_session session, const SocketWait& wait, Attempts& attempts,
                                const ErrorContext& context) {
  int rc = co_await retry(
      wait, [&] { return ssh_userauth_agent(session, nullptr); }, SSH_AUTH_AGAIN);
  throw_if_error(rc, session, context);
  if (!accepted(rc)) attempts.add("agent (no key accepted)");
  co_return accepted(rc);
}

asio::awaitable<bool> try_password(ssh_session session, const Auth& auth, const SocketWait& wait,
                                   Attempts& attempts, const ErrorContext& context) {
  int rc = co_await retry(
      wait, [&] { return ssh_userauth_password(session, nullptr, auth.password.c_str()); },
      SSH_AUTH_AGAIN);
  throw_if_error(rc, session, context);
  if (!accepted(rc)) attempts.add("password (refused)");
  co_return accepted(rc);
}

// Answers every prompt that hides its input with the password, the others with "".
asio::awaitable<bool> try_keyboard_interactive(ssh_session session, const Auth& auth,
                                               const SocketWait& wait, Attempts& attempts,
                                               const ErrorContext& context) {
  constexpr int max_rounds = 8;  // a server that keeps asking is not going to accept
  int rc = SSH_AUTH_ERROR;
  for (int round = 0; round < max_rounds; ++round) {
    rc = co_await retry(
        wait, [&] { return ssh_userauth_kbdint(session, nullptr, nullptr); }, SSH_AUTH_AGAIN);
    if (rc != SSH_AUTH_INFO) break;
    const int prompts = ssh_userauth_kbdint_getnprompts(session);
    for (int i = 0; i < prompts; ++i) {
      char echo = 0;
      ssh_userauth_kbdint_getprompt(session, static_cast<unsigned>(i), &echo);
      const char* answer = echo ? "" : auth.password.c_str();
      if (ssh_userauth_kbdint_setanswer(session, static_cast<unsigned>(i), answer) < 0)
        throw AuthenticationError(
            std::string("keyboard-interactive: cannot answer: ") + ssh_get_error(session), context);
    }
  }
  throw_if_error(rc, session, context);
  if (!accepted(rc)) attempts.add("keyboard-interactive (refused)");
  co_return accepted(rc);
}

}  // namespace

asio::awaitable<void> authenticate(ssh_session session, const Auth& auth,
                                   const std::vector<std::string>& identity_files,
                                   const SocketWait& wait, const ErrorContext& context) {
  // "none" both tests for an open door and makes the server list its methods.
  int rc = co_await retry(
      wait, [&] { return ssh_userauth_none(session, nullptr); }, SSH_AUTH_AGAIN);
  throw_if_error(rc, session, context);
  if (accepted(rc)) co_return;

  Attempts attempts;
  auto methods = [&] { return ssh_userauth_list(session, nullptr); };
  for (const auto& file : identity_files) {
    // The config's IdentityFile lines may name keys that do not exist: ssh skips them too.
    if (file != auth.private_key_file && ::access(file.c_str(), R_OK) != 0) continue;
    if ((methods() & SSH_AUTH_METHOD_PUBLICKEY) &&
        co_await try_public_key(session, auth, file, wait, attempts, context))
      co_return;
  }
  if (auth.use_agent && std::getenv("SSH_AUTH_SOCK") && (methods() & SSH_AUTH_METHOD_PUBLICKEY) &&
      co_await try_agent(session, wait, attempts, context))
    co_return;
  if (!auth.password.empty() && (methods() & SSH_AUTH_METHOD_PASSWORD) &&
      co_await try_password(session, auth, wait, attempts, context))
    co_return;
  if (!auth.password.empty() && (methods() & SSH_AUTH_METHOD_INTERACTIVE) &&
      co_await try_keyboard_interactive(session, auth, wait, attempts, context))
    co_return;

  std::string offered;
  const int allowed = methods();
  if (allowed & SSH_AUTH_METHOD_PUBLICKEY) offered += " publickey";
  if (allowed & SSH_AUTH_METHOD_PASSWORD) offered += " password";
  if (allowed & SSH_AUTH_METHOD_INTERACTIVE) offered += " keyboard-interactive";
  if (allowed & SSH_AUTH_METHOD_GSSAPI_MIC) offered += " gssapi-with-mic";
  std::string user = auth.username;
  if (char* name = nullptr;
      user.empty() && ssh_options_get(session, SSH_OPTIONS_USER, &name) == SSH_OK) {
    user = name;
    ssh_string_free_char(name);
  }
  throw AuthenticationError("user \"" + user + "\" was not accepted; tried: " + attempts.joined() +
                                "; the server offers:" + (offered.empty() ? " nothing" : offered),
                            context);
}

}  // namespace vty::detail
