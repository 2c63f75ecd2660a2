// Small checks on sessions and their text that several real-peer tests share.
#pragma once

#include <string>
#include <string_view>

#include <vty/options.hpp>

namespace vty::test {

// What opening a session with `options` throws, as "vty::Type: what()" ("" when it opened).
std::string open_error(const Options& options);

// `text` with "\r" dropped, trailing blanks cut from each line, and leading and trailing
// empty lines dropped: two captures of the same answer compare equal.
std::string normalised(std::string_view text);

}  // namespace vty::test
