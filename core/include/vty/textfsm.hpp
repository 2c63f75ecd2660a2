/// @file
/// TextFSM templates (the language of ntc-templates): compile once, parse command output
/// into rows, and find a template in an ntc-templates `index` by platform and command.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "vty/errors.hpp"
#include "vty/response.hpp"

namespace vty {

/// Every TextFSM problem: a bad template, an `Error` action, a missing template.
class TextFsmError : public DriverException {
 public:
  explicit TextFsmError(const std::string& summary)
      : DriverException("vty::TextFsmError", summary, {}) {}

 protected:
  TextFsmError(const char* type, const std::string& summary) : DriverException(type, summary, {}) {}
};

/// A template that python3-textfsm would refuse; summary() is "FILE:LINE: reason".
class TextFsmTemplateError : public TextFsmError {
 public:
  TextFsmTemplateError(std::string file, std::size_t line, const std::string& reason);
  const std::string& file() const noexcept { return file_; }
  /// 1-based; 0 when the problem is the template as a whole (no `Start` state, ...).
  std::size_t line() const noexcept { return line_; }
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string file_;
  std::size_t line_;
  std::string reason_;
};

/// The input reached a rule with the `Error` action; summary() is python3-textfsm's message.
class TextFsmStateError : public TextFsmError {
 public:
  explicit TextFsmStateError(const std::string& summary)
      : TextFsmError("vty::TextFsmStateError", summary) {}
};

/// No template for a platform and command in an index, or an unreadable index or file.
class TextFsmLookupError : public TextFsmError {
 public:
  explicit TextFsmLookupError(const std::string& summary)
      : TextFsmError("vty::TextFsmLookupError", summary) {}
};

namespace textfsm {

/// One item of a List value whose regex has nested named groups: group name -> text.
using Dict = std::vector<std::pair<std::string, std::string>>;
/// A field: text, a List value's strings, or a List value's nested-group items.
using Field = std::variant<std::string, std::vector<std::string>, std::vector<Dict>>;

/// One record: every Value of the template, in declaration order, with its field.
struct Row {
  std::vector<std::pair<std::string, Field>> fields;

  /// The field named `name`; throws std::out_of_range when the template has no such Value.
  const Field& at(std::string_view name) const;
  /// The text of a non-List field (throws std::bad_variant_access for a List).
  const std::string& text(std::string_view name) const { return std::get<std::string>(at(name)); }
};

namespace detail {
struct Program;
}

/// A compiled template: load it once, then parse() any number of outputs, from any thread.
class Template {
 public:
  /// Compiles template text; `source` names it in errors. Throws TextFsmTemplateError.
  static Template from_text(std::string_view text, std::string source = "<template>");
  /// Reads and compiles a file. Throws TextFsmTemplateError, or TextFsmLookupError when the
  /// file cannot be read.
  static Template from_file(const std::filesystem::path& path);
  /// from_file() once per path (and again when the file changes); shared by all callers.
  static std::shared_ptr<const Template> cached(const std::filesystem::path& path);

  /// Runs the state machine over `text`, line by line, as python3-textfsm's
  /// ParseTextToDicts does. Throws TextFsmStateError when an `Error` rule matches.
  std::vector<Row> parse(std::string_view text) const;
  /// The Value names, in declaration order (every row has these fields).
  std::vector<std::string> header() const;
  /// Where the template came from (a path or the `source` given to from_text()).
  const std::string& source() const;

 private:
  explicit Template(std::shared_ptr<const detail::Program> program);
  std::shared_ptr<const detail::Program> program_;
};

/// An ntc-templates folder: its `index` file (Template, Hostname, Platform, Command columns;
/// `sh[[ow]]` abbreviations) maps a platform and a command to template files.
class TemplateIndex {
 public:
  /// Reads `folder`/index. Throws TextFsmLookupError when it cannot be read or has no
  /// Template column, TextFsmTemplateError when one of its patterns does not compile.
  explicit TemplateIndex(std::filesystem::path folder);
  ~TemplateIndex();
  TemplateIndex(TemplateIndex&&) noexcept;
  TemplateIndex& operator=(TemplateIndex&&) noexcept;

  /// The templates of the first row matching `platform` (a vty or ntc-templates name) and
  /// `command`; usually one (a row may list several, separated by ':'). Empty when none.
  std::vector<std::filesystem::path> find(std::string_view platform,
                                          std::string_view command) const;
  /// Like find(), but throws TextFsmLookupError naming the platform and command when no row
  /// matches; parses with the first template listed.
  std::vector<Row> parse(std::string_view platform, std::string_view command,
                         std::string_view output) const;

  /// ntc-templates' name for a vty platform: cisco_iosxe -> cisco_ios, cisco_iosxr ->
  /// cisco_xr; other names (cisco_nxos, arista_eos, juniper_junos, ...) are the same.
  static std::string ntc_platform(std::string_view vty_platform);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace textfsm

/// `response.result` parsed by a TextFSM template file (compiled once per path and cached).
std::vector<textfsm::Row> parse_textfsm(const Response& response,
                                        const std::filesystem::path& template_file);
/// `response.result` parsed by an already compiled template.
std::vector<textfsm::Row> parse_textfsm(const Response& response,
                                        const textfsm::Template& compiled);
/// `response.result` parsed by the template an ntc-templates index gives for `platform` (a
/// vty platform name) and `response.command`.
std::vector<textfsm::Row> parse_textfsm(const Response& response,
                                        const textfsm::TemplateIndex& index,
                                        std::string_view platform);

}  // namespace vty
