// --log-dir: a transport that wraps another and writes everything each session sends and
// receives, with timestamps and passwords masked, to DIR/<host>.log.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace vty::cli {

// Registers the transport "log+<inner>", which writes to `dir`/<label>.log (the label is
// Options::label, else the host). Returns its name, to put in Options::transport.
std::string register_logged_transport(const std::filesystem::path& dir, std::string_view inner);

}  // namespace vty::cli
