/// @file
/// How bytes travel to a device: the interface every transport implements, and the
/// registry that maps a name ("libssh", ...) to a factory, for the CLI and inventories.
/// Code that names a transport's settings type (Options::transport, transport_choice.hpp)
/// needs no registry.
#pragma once

#include "vty/detail/asio.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vty/options.hpp"

namespace vty {

class Transport {
 public:
  virtual ~Transport() = default;

  /// Connects and authenticates (where the protocol authenticates), within the
  /// options' timeouts. Throws ConnectionError, AuthenticationError, TimeoutError.
  virtual asio::awaitable<void> open() = 0;
  /// Waits for at least one byte and returns how many were stored in `buffer`.
  /// Throws ConnectionClosed at end of stream. Must honour asio cancellation (the
  /// channel cancels a read when its deadline passes) and stay usable afterwards.
  virtual asio::awaitable<std::size_t> read_some(std::span<char> buffer) = 0;
  /// Stores what has already arrived, without waiting, and returns how many bytes: 0 when
  /// a read would wait. Throws as read_some does. The channel looks here before it arms a
  /// read's deadline, so that an answer already received costs no trip through the event
  /// loop; the default (0) sends every read to read_some.
  virtual std::size_t read_available(std::span<char> buffer) {
    (void)buffer;
    return 0;
  }
  /// Optional. True when cancel_read() is implemented: the channel then bounds a reply's
  /// reads with one timer kept for the whole session, instead of a timer, a coroutine and
  /// their system calls for every reply. The default (false) races each reply against its
  /// own timer through asio cancellation, which read_some must honour either way.
  virtual bool cancels_reads() const { return false; }
  /// Optional (see cancels_reads()). Called only while a read_some is in progress, on that
  /// read's executor, when its deadline has passed: that read_some must end with
  /// std::system_error(asio::error::operation_aborted) at once if it is waiting, else at its
  /// next wait, and the transport stay usable. Later read_some calls are not affected.
  virtual void cancel_read() noexcept {}
  /// Sends every byte of `data`.
  virtual asio::awaitable<void> write(std::string_view data) = 0;
  /// Ends the session politely.
  virtual asio::awaitable<void> close() = 0;
  /// Ends the session at once, from any state; never throws (used by destructors).
  virtual void abort() noexcept = 0;

  /// False once the transport knows the session is lost (the peer hung up, the connection
  /// broke) or it is not open; true when it cannot tell. Never blocks, never reads.
  virtual bool is_alive() const { return true; }

  /// Facts the channel needs.
  virtual bool authenticates_in_band() const { return false; }  ///< login prompts in the stream
  virtual std::string_view name() const = 0;
};

using TransportFactory =
    std::function<std::unique_ptr<Transport>(asio::any_io_executor, const Options&)>;

/// Adds (or replaces) a transport under `name`. Thread-safe. Nothing is registered until a
/// program registers it: vty::transports::register_builtin() adds the built-in ones.
void register_transport(std::string name, TransportFactory factory);
/// Throws UsageError naming the registered transports when `name` is unknown.
std::unique_ptr<Transport> make_transport(std::string_view name, asio::any_io_executor executor,
                                          const Options& options);
std::vector<std::string> registered_transports();

}  // namespace vty
