// The little JSON the CLI writes: strings escaped so that any device output stays valid.
#pragma once

#include <string>
#include <string_view>

namespace vty::cli {

// `text` as a JSON string literal, quotes included. Invalid UTF-8 becomes U+FFFD.
std::string json_string(std::string_view text);

}  // namespace vty::cli
