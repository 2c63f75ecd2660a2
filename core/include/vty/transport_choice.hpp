/// @file
/// Which transport carries a session: a transport's own settings type (naming it in code
/// links it, e.g. `vty::transports::telnet{}`), or a registered name (for the CLI and
/// inventories). The value of Options::transport.
#pragma once

#include <asio/any_io_executor.hpp>

#include <concepts>
#include <memory>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>

namespace vty {

class Transport;
struct Options;

namespace detail {
template <class T>
concept MakesTransport = requires(const T& settings, asio::any_io_executor executor,
                                  const Options& options) {
  { T::name } -> std::convertible_to<std::string_view>;
  { settings.make_transport(executor, options) } -> std::same_as<std::unique_ptr<Transport>>;
};
}  // namespace detail

/// A transport's settings type: a copyable value that names its transport (a static `name`)
/// and makes one (`make_transport(executor, options) const`). The built-in ones are in
/// <vty/transports.hpp>; docs/transports.md shows a user's own.
template <class T>
concept TransportSettings = detail::MakesTransport<T> && std::copy_constructible<T>;

class TransportChoice;

namespace detail {
// Settings other than a TransportChoice itself: checking that one would make the converting
// constructor's constraint depend on itself (through copy_constructible).
template <class T>
concept ChoosableSettings = !std::same_as<T, TransportChoice> && TransportSettings<T>;
}  // namespace detail

class TransportChoice {
 public:
  /// The "libssh" transport, looked up by name.
  TransportChoice() : TransportChoice(std::string_view("libssh")) {}
  /// A transport registered by name (register_transport, transports::register_builtin).
  TransportChoice(std::string_view name) : name_(name) {}
  TransportChoice(const std::string& name) : name_(name) {}
  TransportChoice(const char* name) : name_(name) {}
  /// That transport, with these settings; links it into the program.
  template <detail::ChoosableSettings T>
  TransportChoice(T settings)
      : name_(T::name), typed_(std::make_shared<const Typed<T>>(std::move(settings))) {}

  /// The transport's name: "libssh", "telnet", ... or a user's.
  const std::string& name() const { return name_; }
  /// True when chosen by name, to be found in the registry when a session opens.
  bool by_name() const { return !typed_; }
  /// The settings when this choice is a `T`, else null.
  template <class T>
  const T* settings() const {
    return typed_ && typed_->type() == typeid(T) ? static_cast<const T*>(typed_->value()) : nullptr;
  }

  /// A new, unopened transport for `options` (whose `transport` is this choice). Throws
  /// UsageError naming the registered transports when a name is unknown.
  std::unique_ptr<Transport> make(asio::any_io_executor executor, const Options& options) const;

  friend bool operator==(const TransportChoice& choice, std::string_view name) {
    return choice.name_ == name;
  }

 private:
  struct Erased {
    virtual ~Erased() = default;
    virtual std::unique_ptr<Transport> make(asio::any_io_executor executor,
                                            const Options& options) const = 0;
    virtual const std::type_info& type() const = 0;
    virtual const void* value() const = 0;
  };
  template <class T>
  struct Typed final : Erased {
    explicit Typed(T v) : settings(std::move(v)) {}
    std::unique_ptr<Transport> make(asio::any_io_executor executor,
                                    const Options& options) const override {
      return settings.make_transport(std::move(executor), options);
    }
    const std::type_info& type() const override { return typeid(T); }
    const void* value() const override { return &settings; }
    T settings;
  };

  std::string name_;
  std::shared_ptr<const Erased> typed_;  // immutable: copies of Options share it
};

}  // namespace vty
