/// @file
/// The "replay" transport's settings: a recording plays the device (docs/recording.md).
/// Naming `vty::transports::replay` in code links the transport.
#pragma once

#include <asio/any_io_executor.hpp>

#include <filesystem>
#include <memory>
#include <string_view>

#include "vty/options.hpp"

namespace vty {
class Transport;
}

namespace vty::transports {

struct replay {
  static constexpr std::string_view name = "replay";

  std::filesystem::path file{};  ///< the recording to play
  bool realtime = false;         ///< wait the recorded delays (reproduces timeouts); else no waits
  /// Compare input with the recording ignoring differences in spaces, tabs and line ends.
  bool normalise_whitespace = false;

  std::unique_ptr<Transport> make_transport(asio::any_io_executor executor,
                                            const Options& options) const;
};

}  // namespace vty::transports
