// vty.Auth and the keyword arguments of vty.Driver / vty.AsyncDriver, made into vty::Options
// with the transport's typed settings (docs/python.md lists every keyword).
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cmath>
#include <set>
#include <string>

#include <vty/recording.hpp>
#include <vty/transport.hpp>
#include <vty/transports.hpp>

#include "bindings.hpp"

namespace vty::python {
namespace {

HostKeyPolicy host_key_policy(const std::string& name) {
  if (name == "strict") return HostKeyPolicy::strict;
  if (name == "accept_new") return HostKeyPolicy::accept_new;
  if (name == "off") return HostKeyPolicy::off;
  throw py::value_error("host_key_policy: '" + name + "' is not strict, accept_new or off");
}

// Reads the keywords one by one, and refuses any it did not read.
class Keywords {
 public:
  explicit Keywords(const py::kwargs& kwargs) : kwargs_(kwargs) {}

  template <class T>
  bool get(const char* name, T& into) {
    read_.insert(name);
    if (!kwargs_.contains(name) || kwargs_[name].is_none()) return false;
    into = kwargs_[name].cast<T>();
    return true;
  }
  bool get_seconds(const char* name, std::chrono::milliseconds& into) {
    double seconds = 0;
    if (!get(name, seconds)) return false;
    into = to_milliseconds(seconds);
    return true;
  }
  void refuse_unread() const {
    for (auto item : kwargs_) {
      auto name = item.first.cast<std::string>();
      if (!read_.count(name)) throw py::type_error("unexpected keyword argument '" + name + "'");
    }
  }

 private:
  const py::kwargs& kwargs_;
  std::set<std::string> read_;
};

// The transport named `name`, with its settings from the keywords.
TransportChoice transport_choice(const std::string& name, Keywords& k) {
  std::string policy = "strict";
  k.get("host_key_policy", policy);
  if (bool strict = true; k.get("auth_strict_key", strict)) policy = strict ? "strict" : "off";
  if (name == "libssh" || name == "system") {
    auto ssh = [&](auto settings) {
      settings.host_key_policy = host_key_policy(policy);
      k.get("known_hosts_file", settings.known_hosts_file);
      k.get("ssh_config_file", settings.ssh_config_file);
      k.get("ssh_options", settings.ssh_options);
      k.get("jump_host", settings.jump_host);
      return settings;
    };
    if (name == "libssh") return ssh(transports::libssh{});
    transports::system system = ssh(transports::system{});
    k.get("ssh_binary", system.ssh_binary);
    return system;
  }
  if (name == "telnet") return transports::telnet{};
  if (name == "replay") {
    transports::replay replay;
    if (!k.get("replay_file", replay.file)) {
      throw py::value_error("transport='replay' needs replay_file=<a recording>");
    }
    k.get("replay_realtime", replay.realtime);
    k.get("replay_normalise_whitespace", replay.normalise_whitespace);
    return replay;
  }
  return name;  // a transport registered by name in C++
}

}  // namespace

std::chrono::milliseconds to_milliseconds(double seconds) {
  if (!(seconds >= 0)) throw py::value_error("a timeout must be a number of seconds >= 0");
  return std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000.0)));
}

Options options_from_kwargs(const py::kwargs& kwargs) {
  Keywords k(kwargs);
  Options o;
  if (!k.get("host", o.host)) throw py::type_error("missing keyword argument 'host'");
  k.get("port", o.port);
  k.get("platform", o.platform);
  k.get("auth", o.auth);
  k.get("auth_username", o.auth.username);  // scrapli's spellings
  k.get("auth_password", o.auth.password);
  k.get("auth_secondary", o.auth.secondary);
  k.get("auth_private_key", o.auth.private_key_file);
  std::string transport = "libssh";
  k.get("transport", transport);
  o.transport = transport_choice(transport, k);
  k.get("username_pattern", o.login.username_pattern);
  k.get("password_pattern", o.login.password_pattern);
  k.get("wake_console", o.login.wake_console);
  k.get_seconds("timeout_socket", o.timeout_socket);
  k.get_seconds("timeout_transport", o.timeout_transport);
  k.get_seconds("timeout_ops", o.timeout_ops);
  k.get_seconds("timeout_unknown_prompt", o.timeout_unknown_prompt);
  k.get_seconds("keepalive_interval", o.keepalive_interval);
  k.get("platform_paths", o.platform_paths);
  k.get("term_type", o.term_type);
  k.get("term_width", o.term_width);
  k.get("term_height", o.term_height);
  k.get("label", o.label);
  std::filesystem::path record_to;
  k.get("record_to", record_to);
  if (!record_to.empty()) o.observers.push_back(vty::record_to(record_to));
  k.refuse_unread();
  return o;
}

PythonSink::~PythonSink() {
  py::gil_scoped_acquire gil;
  callable_ = py::object();
}

void PythonSink::write(std::string_view text) {
  py::gil_scoped_acquire gil;
  callable_(py::str(text.data(), text.size()));
}

CommandOptions CallOptions::command_options() const {
  CommandOptions o;
  o.sink = sink.get();
  if (timeout) o.timeout = to_milliseconds(*timeout);
  o.strip_prompt = strip_prompt;
  o.stop_on_failed = stop_on_failed;
  o.privilege = privilege;
  o.stage_only = stage_only;
  return o;
}

InteractiveScript::InteractiveScript(const py::iterable& steps) {
  for (auto step : steps) {
    auto parts = step.cast<py::tuple>();
    if (parts.size() < 2 || parts.size() > 3) {
      throw py::value_error("send_interactive: each event is (input, expect[, hidden])");
    }
    const std::string& input = text.emplace_back(parts[0].cast<std::string>());
    const std::string& expect = text.emplace_back(parts[1].cast<std::string>());
    bool hidden = parts.size() == 3 && parts[2].cast<bool>();
    events.push_back({.input = input, .expect = expect, .hidden = hidden});
  }
}

ReadOptions ReadCall::read_options() const {
  ReadOptions o;
  o.until = until;
  o.duration = to_milliseconds(duration);
  if (timeout) o.timeout = to_milliseconds(*timeout);
  o.privilege = privilege;
  return o;
}

void bind_options(py::module_& m) {
  // The per-call keywords, gathered by the Python layer (vty/__init__.py).
  py::class_<CallOptions>(m, "_CallOptions")
      .def(py::init([](std::optional<double> timeout, bool strip_prompt, bool stop_on_failed,
                       std::string privilege, bool stage_only, py::object sink) {
             CallOptions o{timeout, strip_prompt, stop_on_failed, std::move(privilege), stage_only};
             if (!sink.is_none()) o.sink = std::make_shared<PythonSink>(std::move(sink));
             return o;
           }),
           py::arg("timeout"), py::arg("strip_prompt"), py::arg("stop_on_failed"),
           py::arg("privilege"), py::arg("stage_only"), py::arg("sink") = py::none());
  py::class_<ReadCall>(m, "_ReadOptions")
      .def(py::init<std::string, double, std::optional<double>, std::string>(), py::arg("until"),
           py::arg("duration"), py::arg("timeout"), py::arg("privilege"));
  py::class_<Auth>(m, "Auth", "Credentials: the login, and the enable (secondary) password.")
      .def(py::init([](std::string username, std::string password, std::string secondary,
                       std::string private_key_file, std::string private_key_passphrase,
                       bool use_agent) {
             return Auth{std::move(username),
                         std::move(password),
                         std::move(secondary),
                         std::move(private_key_file),
                         std::move(private_key_passphrase),
                         use_agent};
           }),
           py::kw_only(), py::arg("username") = "", py::arg("password") = "",
           py::arg("secondary") = "", py::arg("private_key_file") = "",
           py::arg("private_key_passphrase") = "", py::arg("use_agent") = true)
      .def_readwrite("username", &Auth::username)
      .def_readwrite("password", &Auth::password)
      .def_readwrite("secondary", &Auth::secondary)
      .def_readwrite("private_key_file", &Auth::private_key_file)
      .def_readwrite("private_key_passphrase", &Auth::private_key_passphrase)
      .def_readwrite("use_agent", &Auth::use_agent)
      .def("__repr__", [](const Auth& a) {
        return "vty.Auth(username=" + py::repr(py::str(a.username)).cast<std::string>() +
               ", password=***)";
      });
}

}  // namespace vty::python
