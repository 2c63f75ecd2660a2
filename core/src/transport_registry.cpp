#include <map>
#include <mutex>

#include "vty/errors.hpp"
#include "vty/transport.hpp"

namespace vty {
namespace {

struct Registry {
  std::mutex mutex;
  std::map<std::string, TransportFactory, std::less<>> factories;
};

// A function-local static, so transports may register from their own static initialisers.
Registry& registry() {
  static Registry instance;
  return instance;
}

}  // namespace

void register_transport(std::string name, TransportFactory factory) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  r.factories[std::move(name)] = std::move(factory);
}

std::vector<std::string> registered_transports() {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  std::vector<std::string> names;
  for (const auto& [name, factory] : r.factories) names.push_back(name);
  return names;
}

std::unique_ptr<Transport> make_transport(std::string_view name, asio::any_io_executor executor,
                                          const Options& options) {
  TransportFactory factory;
  {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    if (auto it = r.factories.find(name); it != r.factories.end()) factory = it->second;
  }
  if (!factory) {
    std::string known;
    for (const auto& n : registered_transports()) known += (known.empty() ? "" : ", ") + n;
    if (known.empty()) known = "none";
    throw UsageError(
        "unknown transport \"" + std::string(name) + "\" (registered: " + known +
            "): name its settings type in code (Options::transport = "
            "vty::transports::libssh{}, ...), or register it by name "
            "(vty::transports::register_builtin(), vty::register_transport)",
        {.host = options.label.empty() ? options.host : options.label, .operation = "open"});
  }
  return factory(std::move(executor), options);
}

std::unique_ptr<Transport> TransportChoice::make(asio::any_io_executor executor,
                                                 const Options& options) const {
  if (typed_) return typed_->make(std::move(executor), options);
  return make_transport(name_, std::move(executor), options);
}

}  // namespace vty
