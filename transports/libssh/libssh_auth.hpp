// Logging in over an established libssh session: public key, agent, password and
// keyboard-interactive, in that order, as the server allows.
#pragma once

#include <asio/awaitable.hpp>

#include <libssh/libssh.h>

#include <string>
#include <vector>

#include "libssh_io.hpp"
#include "vty/errors.hpp"
#include "vty/options.hpp"

namespace vty::detail {

// Returns once the server accepted one method; throws AuthenticationError naming the user
// and every method tried (never the password) when none did. Each of `identity_files` is
// tried in turn (missing ones are skipped, except auth.private_key_file).
asio::awaitable<void> authenticate(ssh_session session, const Auth& auth,
                                   const std::vector<std::string>& identity_files,
                                   const SocketWait& wait, const ErrorContext& context);

}  // namespace vty::detail
