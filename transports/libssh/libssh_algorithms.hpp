// Which algorithms a libssh session offers: OpenSSH's "+add", "-remove", "^first" syntax
// resolved against libssh's defaults (libssh 0.10 takes only plain lists), and a failed
// negotiation explained with the option that would allow the device's algorithms.
#pragma once

#include <libssh/libssh.h>

#include <optional>
#include <string>
#include <string_view>

#include "ssh_config.hpp"
#include "vty/errors.hpp"

namespace vty::detail {

// The plain list for `spec` given the `defaults` list: "+a,b" appends, "-a*" removes
// (wildcards allowed), "^a" puts first, anything else replaces. Never names one twice.
std::string resolve_algorithms(std::string_view spec, std::string_view defaults);

// Sets KexAlgorithms, Ciphers, MACs, HostKeyAlgorithms and PubkeyAcceptedAlgorithms from
// `config` on `session`. Throws UsageError when libssh knows none of the algorithms named.
void apply_algorithms(ssh_session session, const SshHostConfig& config,
                      const ErrorContext& context);

// For libssh's "kex error : no match for method M: server [S], client [C]": what the device
// offered and the option that would allow it. nullopt for any other error.
std::optional<std::string> explain_negotiation_failure(std::string_view libssh_error);

}  // namespace vty::detail
