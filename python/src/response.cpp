// vty.Response and vty.MultiResponse: what the verbs return, in scrapli's shape.
#include <pybind11/chrono.h>
#include <pybind11/stl.h>

#include <cstdio>
#include <string>

#include <vty/response.hpp>

#include "bindings.hpp"

namespace vty::python {
namespace {

py::bytes raw_bytes(const Response& r) {
  return py::bytes(r.raw_result);
}

std::string response_repr(const Response& r) {
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.6f", r.elapsed().count());
  return "<vty.Response host=" + py::repr(py::str(r.host)).cast<std::string>() +
         " command=" + py::repr(py::str(r.command)).cast<std::string>() +
         " failed=" + (r.failed ? "True" : "False") + " elapsed=" + elapsed + ">";
}

}  // namespace

void bind_response(py::module_& m) {
  py::class_<Response>(m, "Response", "What one command returned: its output, timing and status.")
      .def_readonly("host", &Response::host, "The device, as given in host.")
      .def_readonly("command", &Response::command, "The input sent.")
      .def_property_readonly(
          "channel_input", [](const Response& r) { return r.command; },
          "scrapli's name of command.")
      .def_readonly("result", &Response::result,
                    "The output, cleaned: no echo, no prompt, no escapes, \\n line ends.")
      .def_property_readonly("raw", &raw_bytes, "Every byte received, as received (bytes).")
      .def_property_readonly("raw_result", &raw_bytes, "scrapli's name of raw.")
      .def_readonly("start_time", &Response::start_time, "When the command was sent (datetime).")
      .def_readonly("finish_time", &Response::finish_time, "When the prompt came back (datetime).")
      .def_property_readonly(
          "elapsed", [](const Response& r) { return r.elapsed().count(); },
          "finish_time - start_time, in seconds (float).")
      .def_property_readonly(
          "elapsed_time", [](const Response& r) { return r.elapsed().count(); },
          "scrapli's name of elapsed.")
      .def_readonly("failed", &Response::failed,
                    "True when the output held one of the platform's failure strings.")
      .def_readonly("failed_when_contains", &Response::failed_when_contains,
                    "The failure string that was found, or ''.")
      .def("raise_for_status", &Response::raise_for_status,
           "Raises vty.CommandFailed when failed is set.")
      .def("__repr__", &response_repr)
      .def("__str__", [](const Response& r) { return r.result; });

  py::class_<MultiResponse>(m, "MultiResponse",
                            "The responses of send_commands / send_configs, in order.")
      .def("__len__", [](const MultiResponse& r) { return r.size(); })
      .def(
          "__getitem__",
          [](const MultiResponse& r, long index) -> const Response& {
            long size = static_cast<long>(r.size());
            if (index < 0) index += size;
            if (index < 0 || index >= size)
              throw py::index_error("MultiResponse index out of range");
            return r[static_cast<std::size_t>(index)];
          },
          py::return_value_policy::copy)
      .def(
          "__iter__", [](const MultiResponse& r) { return py::make_iterator(r.begin(), r.end()); },
          py::keep_alive<0, 1>())
      .def_property_readonly("failed", &MultiResponse::failed, "True when any response failed.")
      .def_property_readonly("result", &MultiResponse::result,
                             "Each response's result, joined by newlines.")
      .def_property_readonly(
          "elapsed", [](const MultiResponse& r) { return r.elapsed().count(); },
          "The time from the first command to the last prompt, in seconds.")
      .def("raise_for_status", &MultiResponse::raise_for_status,
           "Raises vty.CommandFailed for the first failed response.")
      .def("__repr__", [](const MultiResponse& r) {
        return "<vty.MultiResponse of " + std::to_string(r.size()) +
               (r.failed() ? " (failed)>" : ">");
      });
}

}  // namespace vty::python
