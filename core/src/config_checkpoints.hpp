// Numbered rollbacks on OSes that keep named checkpoints (IOS-XE archive, NX-OS checkpoint,
// EOS configure checkpoint): which name is rollback n in the device's list. Sans-io.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vty::detail {

/// The name of checkpoint `n` (1 = the newest) in `listing`, the device's list of them:
/// each line `pattern` matches names one (the match, from \K on), oldest first, except that
/// the line containing `latest` (when not "") is the newest and the list before it wraps
/// around (an archive that overwrites its oldest slot). nullopt when there are fewer than n.
std::optional<std::string> nth_checkpoint(std::string_view listing, std::string_view pattern,
                                          std::string_view latest, int n);

}  // namespace vty::detail
