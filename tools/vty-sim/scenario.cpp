#include "vty-sim/scenario.hpp"

#include <toml++/toml.h>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace vty::sim {
namespace {

std::string where(const std::string& source, const toml::source_region& region) {
  return source + ":" + std::to_string(region.begin.line) + ":" +
         std::to_string(region.begin.column);
}

[[noreturn]] void fail(const std::string& source, const toml::node& node, const std::string& what) {
  throw std::runtime_error(where(source, node.source()) + ": " + what);
}

std::string string_field(const toml::table& table, std::string_view key, const std::string& source,
                         std::string fallback = {}) {
  const toml::node* node = table.get(key);
  if (!node) return fallback;
  if (!node->is_string()) fail(source, *node, "'" + std::string(key) + "' must be a string");
  return std::string(*node->value<std::string>());
}

// TOML multi-line strings keep the newline before the closing quotes; a scenario's output is
// lines, so that one is not an extra empty line.
std::string text_field(const toml::table& table, std::string_view key, const std::string& source) {
  std::string text = string_field(table, key, source);
  if (text.ends_with('\n')) text.pop_back();
  return text;
}

std::vector<std::string> strings_field(const toml::table& table, std::string_view key,
                                       const std::string& source) {
  std::vector<std::string> items;
  const toml::node* node = table.get(key);
  if (!node) return items;
  const toml::array* array = node->as_array();
  if (!array) fail(source, *node, "'" + std::string(key) + "' must be an array of strings");
  for (const auto& item : *array) {
    if (!item.is_string()) fail(source, item, "'" + std::string(key) + "' must hold strings");
    items.emplace_back(*item.value<std::string>());
  }
  return items;
}

ScenarioCommand parse_command(const toml::table& table, const std::string& source) {
  ScenarioCommand command;
  command.command = string_field(table, "command", source);
  if (command.command.empty()) fail(source, table, "a [[command]] needs 'command'");
  command.privilege = string_field(table, "privilege", source);
  command.output = text_field(table, "output", source);
  command.header = text_field(table, "header", source);
  command.footer = text_field(table, "footer", source);
  if (const toml::node* node = table.get("repeat")) {
    // Only an integer: toml++ converts a huge float to int64 without a range check.
    const auto* repeat = node->as_integer();
    if (!repeat || repeat->get() < 1 || repeat->get() > 10'000'000)
      fail(source, *node, "'repeat' must be 1..1e7");
    command.repeat = static_cast<int>(repeat->get());
  }
  command.hang = table["hang"].value_or(false);
  command.show_config = table["show_config"].value_or(false);
  command.aliases = strings_field(table, "aliases", source);
  return command;
}

template <typename Fn>
void for_each_table(const toml::table& root, std::string_view key, const std::string& source,
                    Fn&& fn) {
  const toml::node* node = root.get(key);
  if (!node) return;
  const toml::array* array = node->as_array();
  if (!array) fail(source, *node, "'" + std::string(key) + "' must be an array of tables");
  for (const auto& element : *array) {
    if (!element.is_table()) fail(source, element, "'" + std::string(key) + "' must hold tables");
    fn(*element.as_table());
  }
}

}  // namespace

Scenario parse_scenario(std::string_view toml_text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(toml_text, source);
  } catch (const toml::parse_error& error) {
    throw std::runtime_error(where(source, error.source()) + ": " +
                             std::string(error.description()));
  }
  Scenario scenario;
  if (const toml::table* device = root["device"].as_table()) {
    scenario.login_banner = text_field(*device, "login_banner", source);
    scenario.config_banner = text_field(*device, "config_banner", source);
    scenario.pager = string_field(*device, "pager", source, scenario.pager);
    scenario.unknown_command = text_field(*device, "unknown_command", source);
    scenario.paging_off = strings_field(*device, "paging_off", source);
    scenario.leave_config = strings_field(*device, "leave_config", source);
    if (const toml::node* fault = device->get("fault")) {
      try {
        scenario.fault = parse_fault(string_field(*device, "fault", source));
      } catch (const std::invalid_argument& error) {
        fail(source, *fault, error.what());
      }
      scenario.fault->on = string_field(*device, "fault_on", source);
    } else if (const toml::node* on = device->get("fault_on")) {
      fail(source, *on, "'fault_on' needs a 'fault'");
    }
  }
  for_each_table(root, "submode", source, [&](const toml::table& table) {
    ScenarioSubmode submode{string_field(table, "command", source),
                            string_field(table, "tag", source)};
    if (submode.command.empty() || submode.tag.empty()) {
      fail(source, table, "a [[submode]] needs 'command' and 'tag'");
    }
    scenario.submodes.push_back(std::move(submode));
  });
  for_each_table(root, "command", source, [&](const toml::table& table) {
    scenario.commands.push_back(parse_command(table, source));
  });
  return scenario;
}

Scenario load_scenario_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot read the scenario file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), file.string());
}

std::filesystem::path shipped_scenario_dir() {
  return VTY_SIM_SCENARIO_DIR;
}

}  // namespace vty::sim
