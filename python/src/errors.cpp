// vty's exceptions as a Python hierarchy under vty.DriverException, mirroring the C++ one,
// and the translation of a thrown C++ exception into its Python twin.
#include <pybind11/stl.h>

#include <string>
#include <unordered_map>

#include <vty/errors.hpp>
#include <vty/response.hpp>
#include <vty/textfsm.hpp>

#include "bindings.hpp"

namespace vty::python {
namespace {

struct ErrorClass {
  const char* name;
  const char* base;  // nullptr: Python's Exception
  const char* doc;
};

// Base classes first. Keep in step with <vty/errors.hpp> and <vty/textfsm.hpp>.
constexpr ErrorClass error_classes[] = {
    {"DriverException", nullptr, "Every error vty raises."},
    {"ConnectionError", "DriverException", "Could not reach the device or set up the session."},
    {"ConnectionRefused", "ConnectionError", "The device refused the TCP connection."},
    {"HostUnreachable", "ConnectionError", "No route to the host, or an unknown host name."},
    {"HostKeyError", "ConnectionError", "An unknown host key under strict checking."},
    {"HostKeyMismatch", "HostKeyError", "The host key differs from known_hosts."},
    {"AuthenticationError", "DriverException", "The device refused the credentials."},
    {"TimeoutError", "DriverException", "Something did not happen within its deadline."},
    {"SocketTimeout", "TimeoutError", "The TCP connection (timeout_socket)."},
    {"TransportTimeout", "TimeoutError", "Handshake, authentication, channel set-up."},
    {"OperationTimeout", "TimeoutError", "No prompt or pattern within timeout_ops."},
    {"PrivilegeError", "DriverException", "Could not reach or identify a privilege level."},
    {"PrivilegeAuthError", "PrivilegeError", "A wrong enable (secondary) password."},
    {"UnknownPrompt", "PrivilegeError", "A prompt-shaped line no privilege level matches."},
    {"CommandFailed", "DriverException", "The output held a platform failure string."},
    {"PlatformError", "DriverException", "Unknown platform, or an invalid definition."},
    {"UnknownPlatform", "PlatformError", "No platform definition of that name."},
    {"PlatformDefinitionError", "PlatformError", "A platform file that is not a valid definition."},
    {"ConnectionClosed", "DriverException", "The session ended while vty was using it."},
    {"OperationCancelled", "DriverException", "The verb was cancelled, or its session aborted."},
    {"SessionOutOfSync", "DriverException", "No prompt to resynchronise at after a timeout."},
    {"UsageError", "DriverException", "A verb used in the wrong state or with bad arguments."},
    {"RecordingError", "DriverException", "A session recording that cannot be read or written."},
    {"ReplayMismatch", "DriverException", "Replay: the input differs from the recording."},
    {"TextFsmError", "DriverException", "Every TextFSM problem."},
    {"TextFsmTemplateError", "TextFsmError", "A template python3-textfsm would refuse."},
    {"TextFsmStateError", "TextFsmError", "The input reached a rule with the Error action."},
    {"TextFsmLookupError", "TextFsmError", "No template for a platform and command."},
};

// "vty::OperationTimeout" -> the Python class. Created once, never freed (the classes live as
// long as the interpreter; the map is read by the event loop's thread under the GIL).
std::unordered_map<std::string, PyObject*>& classes() {
  static auto* map = new std::unordered_map<std::string, PyObject*>();
  return *map;
}

py::object driver_error(const DriverException& e) {
  auto& map = classes();
  auto found = map.find(e.type_name());
  PyObject* cls = found != map.end() ? found->second : map.at("vty::DriverException");
  py::object error = py::reinterpret_borrow<py::object>(cls)(e.what());
  error.attr("type_name") = e.type_name();
  error.attr("summary") = e.summary();
  error.attr("host") = e.host();
  error.attr("operation") = e.operation();
  error.attr("command") = e.command();
  error.attr("pattern") = e.pattern();
  error.attr("tail") = e.tail();
  error.attr("partial") = py::cast(e.partial());
  if (auto* mismatch = dynamic_cast<const ReplayMismatch*>(&e)) {
    error.attr("expected") = mismatch->expected();
    error.attr("actual") = mismatch->actual();
    error.attr("event_index") = mismatch->event_index();
  }
  if (auto* bad_template = dynamic_cast<const TextFsmTemplateError*>(&e)) {
    error.attr("file") = bad_template->file();
    error.attr("line") = bad_template->line();
    error.attr("reason") = bad_template->reason();
  }
  return error;
}

}  // namespace

py::object python_error(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const DriverException& e) {
    return driver_error(e);
  } catch (const py::error_already_set& e) {
    return e.value();
  } catch (const std::exception& e) {
    return py::reinterpret_borrow<py::object>(PyExc_RuntimeError)(e.what());
  } catch (...) {
    return py::reinterpret_borrow<py::object>(PyExc_RuntimeError)("unknown C++ exception");
  }
}

void bind_errors(py::module_& m) {
  auto& map = classes();
  for (const auto& spec : error_classes) {
    PyObject* base = spec.base ? map.at(std::string("vty::") + spec.base) : PyExc_Exception;
    std::string qualified = std::string("vty.") + spec.name;
    PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), spec.doc, base, nullptr);
    if (cls == nullptr) throw py::error_already_set();
    map[std::string("vty::") + spec.name] = cls;
    m.attr(spec.name) = py::handle(cls);
  }
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const DriverException& e) {
      py::object error = driver_error(e);
      PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())), error.ptr());
    }
  });
}

}  // namespace vty::python
