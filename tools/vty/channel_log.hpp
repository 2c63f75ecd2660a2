// --log-dir: a session observer that writes everything a session sends and receives, with
// timestamps and secrets masked (by the library, as for every observer), to DIR/<host>.log.
#pragma once

#include <filesystem>
#include <memory>

#include <vty/session_observer.hpp>

namespace vty::cli {

// An observer for one host's sessions: appends to `file`, which it opens when a session
// starts and closes when it ends (a fleet of thousands holds no idle descriptors).
std::shared_ptr<SessionObserver> make_channel_log(std::filesystem::path file);

}  // namespace vty::cli
