// vty.Driver: the blocking driver (vty::Driver), each verb run with the GIL released.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <memory>
#include <string>

#include <vty/driver.hpp>

#include "bindings.hpp"

namespace vty::python {
namespace {

// Owns the options too, so that abort() can end a session and leave a fresh driver behind.
class BlockingDriver {
 public:
  explicit BlockingDriver(Options options)
      : options_(std::move(options)), driver_(std::make_unique<Driver>(options_)) {}

  Driver& get() { return *driver_; }
  const Options& options() const { return options_; }
  // Ends the session without a word to the device (vty::Driver's destructor does).
  void abort() { driver_ = std::make_unique<Driver>(options_); }

 private:
  Options options_;
  std::unique_ptr<Driver> driver_;
};

template <class F>
auto without_gil(F&& f) {
  py::gil_scoped_release nogil;
  return f();
}

// A verb of the shape `send_command(input, CommandOptions)`, run without the GIL.
template <auto verb, class Input>
auto command_verb() {
  return [](BlockingDriver& d, Input input, const CallOptions& o) {
    return without_gil([&] { return (d.get().*verb)(std::move(input), o.command_options()); });
  };
}

}  // namespace

void bind_driver(py::module_& m) {
  using py::arg;
  py::class_<BlockingDriver>(m, "_Driver")
      .def(py::init([](const py::kwargs& kwargs) {
        return std::make_unique<BlockingDriver>(options_from_kwargs(kwargs));
      }))
      .def("open", [](BlockingDriver& d) { without_gil([&] { d.get().open(); }); })
      .def("close", [](BlockingDriver& d) { without_gil([&] { d.get().close(); }); })
      .def("abort", [](BlockingDriver& d) { without_gil([&] { d.abort(); }); })
      .def_property_readonly("is_open", [](BlockingDriver& d) { return d.get().is_open(); })
      .def_property_readonly("host", [](BlockingDriver& d) { return d.options().host; })
      .def_property_readonly("port", [](BlockingDriver& d) { return d.options().port; })
      .def_property_readonly("platform", [](BlockingDriver& d) { return d.get().platform().name; })
      .def_property_readonly("current_privilege",
                             [](BlockingDriver& d) { return d.get().current_privilege(); })
      .def("get_prompt",
           [](BlockingDriver& d) { return without_gil([&] { return d.get().get_prompt(); }); })
      .def(
          "acquire_priv",
          [](BlockingDriver& d, std::string level) {
            without_gil([&] { d.get().acquire_priv(std::move(level)); });
          },
          arg("level"))
      .def("send_command", command_verb<&Driver::send_command, std::string>(), arg("command"),
           py::kw_only(), arg("options"))
      .def("send_commands", command_verb<&Driver::send_commands, std::vector<std::string>>(),
           arg("commands"), py::kw_only(), arg("options"))
      .def("send_commands_from_file",
           command_verb<&Driver::send_commands_from_file, std::filesystem::path>(), arg("file"),
           py::kw_only(), arg("options"))
      .def("send_configs", command_verb<&Driver::send_configs, std::vector<std::string>>(),
           arg("configs"), py::kw_only(), arg("options"))
      .def("send_config", command_verb<&Driver::send_config, std::string>(), arg("config"),
           py::kw_only(), arg("options"))
      .def("send_configs_from_file",
           command_verb<&Driver::send_configs_from_file, std::filesystem::path>(), arg("file"),
           py::kw_only(), arg("options"))
      .def(
          "send_interactive",
          [](BlockingDriver& d, const py::iterable& events, CallOptions o) {
            InteractiveScript script(events);
            return without_gil(
                [&] { return d.get().send_interactive(script.events, o.command_options()); });
          },
          arg("events"), py::kw_only(), arg("options"))
      .def(
          "send_and_read",
          [](BlockingDriver& d, std::string input, ReadCall o) {
            return without_gil(
                [&] { return d.get().send_and_read(std::move(input), o.read_options()); });
          },
          arg("input"), py::kw_only(), arg("options"));
}

}  // namespace vty::python
