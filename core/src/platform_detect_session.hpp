// Autodetection over a channel: log in (answering in-band questions where the transport
// needs them), read the first prompt, send the identifying commands. Used by
// detect_platform() on a session of its own and by open() with platform "auto" on the
// session it then keeps.
#pragma once

#include <asio/awaitable.hpp>

#include <string>

#include "vty/channel.hpp"
#include "vty/options.hpp"
#include "vty/platform_detect.hpp"

namespace vty::detail {

struct Detection {
  explicit Detection(const Options& options);  // every platform along the search path
  PlatformDetector detector;
  // One level whose prompt is any candidate's, their pagers and login questions: what the
  // channel reads with while the platform is not known.
  PlatformDefinition probe;
  std::size_t candidates = 0;
};

struct Detected {
  PlatformGuess guess;
  Channel::Reply last;  // the reply that ended at the device's latest prompt
};

// Throws UnknownPlatform when no platform fits; OperationTimeout (without the candidates'
// whole pattern in its message) when no prompt comes.
asio::awaitable<Detected> detect_over(Channel& channel, const Options& options,
                                      Detection& detection);

}  // namespace vty::detail
