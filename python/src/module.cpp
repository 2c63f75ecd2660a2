// The native part of the Python package vty: vty._vty. vty/__init__.py is the user's face.
#include <vty/vty.hpp>

#include "bindings.hpp"

PYBIND11_MODULE(_vty, m) {
  namespace python = vty::python;
  m.doc() = "vty's C++ core: drivers, responses, errors and TextFSM (see the package vty).";
  vty::transports::register_builtin();
  m.attr("__version__") = vty::version();
  python::bind_response(m);  // before the errors: an error carries its partial responses
  python::bind_errors(m);
  python::bind_textfsm(m);
  python::bind_options(m);
  python::bind_driver(m);
  python::bind_async_driver(m);
}
