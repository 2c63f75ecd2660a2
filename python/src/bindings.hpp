// What the parts of the module vty._vty share: each binds one area of vty's public API.
#pragma once

#include <pybind11/pybind11.h>

#include <chrono>
#include <deque>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <vty/async_driver.hpp>
#include <vty/options.hpp>
#include <vty/output_sink.hpp>

namespace vty::python {

namespace py = pybind11;

void bind_errors(py::module_& m);
void bind_response(py::module_& m);
void bind_textfsm(py::module_& m);
void bind_options(py::module_& m);
void bind_driver(py::module_& m);
void bind_async_driver(py::module_& m);

/// The Python exception for a C++ one: a vty.DriverException subclass (with host, operation,
/// command, pattern, tail, ...) for vty's, RuntimeError for others. Needs the GIL.
py::object python_error(std::exception_ptr error);

/// vty::Options from the keyword arguments of vty.Driver / vty.AsyncDriver (docs/python.md).
Options options_from_kwargs(const py::kwargs& kwargs);

std::chrono::milliseconds to_milliseconds(double seconds);

/// A Python callable as an OutputSink: called with each chunk of output (a str), the GIL
/// held, on the thread that runs the verb.
class PythonSink final : public OutputSink {
 public:
  explicit PythonSink(py::object callable) : callable_(std::move(callable)) {}
  ~PythonSink() override;  // drops the callable with the GIL held, on whichever thread
  PythonSink(const PythonSink&) = delete;
  PythonSink& operator=(const PythonSink&) = delete;
  void write(std::string_view text) override;

 private:
  py::object callable_;
};

/// The per-call keywords of the verbs, owning the text that vty::CommandOptions views (and
/// the sink it points to).
struct CallOptions {
  std::optional<double> timeout{};
  bool strip_prompt = true;
  bool stop_on_failed = false;
  std::string privilege{};
  bool stage_only = false;
  std::shared_ptr<PythonSink> sink{};

  CommandOptions command_options() const;
};

/// send_interactive's events from Python tuples (input, expect[, hidden]), owning the text.
struct InteractiveScript {
  explicit InteractiveScript(const py::iterable& events);
  std::deque<std::string> text{};
  std::vector<InteractiveEvent> events{};
};

/// send_and_read's keywords, owning the pattern.
struct ReadCall {
  std::string until{};
  double duration = 2.0;
  std::optional<double> timeout{};
  std::string privilege{};

  ReadOptions read_options() const;
};

}  // namespace vty::python
