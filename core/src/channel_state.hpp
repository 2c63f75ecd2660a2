// Channel's state, shared by its source files (channel.cpp: sending and reading answers;
// channel_resync.cpp: reads bounded by quiet, and resynchronising after a lost answer).
#pragma once

#include <asio/experimental/channel.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <string>

#include "channel_deadline.hpp"
#include "vty/channel.hpp"
#include "vty/prompt_reader.hpp"
#include "vty/regex.hpp"

namespace vty {

using Semaphore = asio::experimental::channel<void(asio::error_code, bool)>;

struct Channel::State {
  State(asio::any_io_executor executor, const PlatformDefinition& platform)
      : prompt_pattern(platform.prompt_pattern()),
        prompt(prompt_pattern),
        reader(prompt_pattern, {.pager_pattern = platform.pager_pattern}),
        return_char(platform.return_char),
        pager_response(platform.pager_response),
        turn(std::move(executor), 1) {
    levels_tried = levels_of(platform);
  }

  static std::string levels_of(const PlatformDefinition& platform) {
    std::string text;
    for (const auto& level : platform.privileges) {
      text += (text.empty() ? "" : ", ") + level.name + " '" + level.pattern + "'";
    }
    return text;
  }

  std::string prompt_pattern;
  Regex prompt;
  PromptReader reader;
  std::string return_char;
  std::string pager_response;
  std::string pending_input;  // input + return char, reused to avoid an allocation per command
  std::string settled;        // output on its way to a sink
  Semaphore turn;             // capacity 1: holding the buffered slot is holding the channel
  std::chrono::milliseconds unknown_prompt_quiet{0};
  std::string levels_tried;        // "name 'pattern', ..." for UnknownPrompt
  bool in_sync = true;             // every answer sent for was read whole (see in_sync())
  detail::ReplyDeadline deadline;  // for transports that cancel_read()
  // One read's worth: libssh hands over ~30 KB a read on a bulk answer; 64 KB cost each
  // of a thousand sessions 10 KB of resident memory for nothing.
  std::array<char, 16 * 1024> buffer;
};

namespace detail {

// What a prompt looks like on any device: short, a word character first, ending in one of
// > # $ % (and blanks). "router1>", "[admin@web1 ~]$", "frr1(config)#", "bird>".
inline const Regex& prompt_shape() {
  static const Regex shape(R"(^[\w\[(][\w.\-@:/~()\[\] ]{0,62}[>#$%]\s*$)");
  return shape;
}

inline std::string seconds_text(std::chrono::milliseconds d) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", static_cast<double>(d.count()) / 1000.0);
  return std::string(text) + "s";
}

}  // namespace detail

}  // namespace vty
