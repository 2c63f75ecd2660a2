// TextFSM from Python: vty.TextFsmTemplate, vty.TemplateIndex, vty.parse_textfsm and
// Response.textfsm(), each row a dict as python3-textfsm's ParseTextToDicts gives it.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <string>
#include <variant>

#include <vty/response.hpp>
#include <vty/textfsm.hpp>

#include "bindings.hpp"

namespace vty::python {
namespace {

py::object field_value(const textfsm::Field& field) {
  if (auto* text = std::get_if<std::string>(&field)) return py::str(*text);
  if (auto* items = std::get_if<std::vector<std::string>>(&field)) return py::cast(*items);
  py::list dicts;
  for (const auto& item : std::get<std::vector<textfsm::Dict>>(field)) {
    py::dict d;
    for (const auto& [name, text] : item) d[py::str(name)] = text;
    dicts.append(d);
  }
  return dicts;
}

py::list to_dicts(const std::vector<textfsm::Row>& rows) {
  py::list out;
  for (const auto& row : rows) {
    py::dict d;
    for (const auto& [name, field] : row.fields) d[py::str(name)] = field_value(field);
    out.append(d);
  }
  return out;
}

// `template_`: a compiled vty.TextFsmTemplate, or a template file's path (compiled once per
// path and cached).
std::vector<textfsm::Row> parse_with(std::string_view text, const py::object& template_) {
  if (py::isinstance<textfsm::Template>(template_)) {
    const auto& compiled = template_.cast<const textfsm::Template&>();
    py::gil_scoped_release nogil;
    return compiled.parse(text);
  }
  auto path = template_.cast<std::filesystem::path>();
  py::gil_scoped_release nogil;
  return textfsm::Template::cached(path)->parse(text);
}

py::list response_textfsm(const Response& response, const py::object& template_,
                          const std::optional<std::string>& platform) {
  if (py::isinstance<textfsm::TemplateIndex>(template_)) {
    if (!platform) throw py::value_error("textfsm(index): give the platform, e.g. 'cisco_iosxe'");
    const auto& index = template_.cast<const textfsm::TemplateIndex&>();
    return to_dicts(parse_textfsm(response, index, *platform));
  }
  return to_dicts(parse_with(response.result, template_));
}

}  // namespace

void bind_textfsm(py::module_& m) {
  py::class_<textfsm::Template>(m, "TextFsmTemplate",
                                "A compiled TextFSM template: load once, parse many outputs.")
      .def_static("from_text", &textfsm::Template::from_text, py::arg("text"),
                  py::arg("source") = "<template>", "Compiles template text.")
      .def_static("from_file", &textfsm::Template::from_file, py::arg("path"),
                  "Reads and compiles a template file.")
      .def(
          "parse",
          [](const textfsm::Template& t, std::string_view text) {
            std::vector<textfsm::Row> rows;
            {
              py::gil_scoped_release nogil;
              rows = t.parse(text);
            }
            return to_dicts(rows);
          },
          py::arg("text"), "The rows of `text`, each a dict of the template's Values.")
      .def_property_readonly("header", &textfsm::Template::header, "The Value names, in order.")
      .def_property_readonly("source", &textfsm::Template::source);

  py::class_<textfsm::TemplateIndex>(m, "TemplateIndex",
                                     "An ntc-templates folder, found by its `index` file.")
      .def(py::init<std::filesystem::path>(), py::arg("folder"))
      .def("find", &textfsm::TemplateIndex::find, py::arg("platform"), py::arg("command"),
           "The template files for a platform and command; [] when none.")
      .def(
          "parse",
          [](const textfsm::TemplateIndex& index, std::string_view platform,
             std::string_view command,
             std::string_view output) { return to_dicts(index.parse(platform, command, output)); },
          py::arg("platform"), py::arg("command"), py::arg("output"),
          "Parses `output` with the index's template for the platform and command.")
      .def_static("ntc_platform", &textfsm::TemplateIndex::ntc_platform, py::arg("platform"),
                  "ntc-templates' name for a vty platform (cisco_iosxe -> cisco_ios).");

  m.def(
      "parse_textfsm",
      [](const py::object& output, const py::object& template_) {
        if (py::isinstance<Response>(output)) {
          return to_dicts(parse_with(output.cast<const Response&>().result, template_));
        }
        return to_dicts(parse_with(output.cast<std::string>(), template_));
      },
      py::arg("output"), py::arg("template"),
      "Parses a Response's result (or a str) with a template: a path or a TextFsmTemplate.");

  auto response = py::reinterpret_borrow<py::class_<Response>>(m.attr("Response"));
  response.def("textfsm", &response_textfsm, py::arg("template"), py::arg("platform") = py::none(),
               "The result parsed by a template (a path or a TextFsmTemplate), or by the "
               "template an ntc-templates TemplateIndex gives for `platform` and the command.");
  response.def(
      "textfsm_parse_output",
      [](const Response& r, const py::object& template_) {
        return response_textfsm(r, template_, std::nullopt);
      },
      py::arg("template"), "scrapli's name of textfsm(template).");
}

}  // namespace vty::python
