#include "textfsm_json.hpp"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

#include "json.hpp"

namespace vty::cli {
namespace {

std::string dict_json(const textfsm::Dict& dict) {
  std::string out = "{";
  for (const auto& [name, text] : dict) {
    if (out.size() > 1) out += ',';
    out += json_string(name) + ':' + json_string(text);
  }
  return out + '}';
}

std::string field_json(const textfsm::Field& field) {
  if (const auto* text = std::get_if<std::string>(&field)) return json_string(*text);
  std::string out = "[";
  if (const auto* items = std::get_if<std::vector<std::string>>(&field)) {
    for (const auto& item : *items) out += (out.size() > 1 ? "," : "") + json_string(item);
  } else {
    for (const auto& item : std::get<std::vector<textfsm::Dict>>(field))
      out += (out.size() > 1 ? "," : "") + dict_json(item);
  }
  return out + ']';
}

// One TemplateIndex per folder for the whole run: hosts share it.
const textfsm::TemplateIndex& index_for(const std::string& folder) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<textfsm::TemplateIndex>> indexes;
  std::lock_guard lock(mutex);
  auto& index = indexes[folder];
  if (!index) index = std::make_unique<textfsm::TemplateIndex>(folder);
  return *index;
}

}  // namespace

std::string textfsm_parse_json(std::string_view path, std::string_view platform,
                               const Response& response) {
  std::string where(path);
  if (where.empty()) {
    const char* env = std::getenv("NTC_TEMPLATES_DIR");
    if (!env || !*env)
      throw TextFsmLookupError("--parse textfsm: no template path and NTC_TEMPLATES_DIR unset");
    where = env;
  }
  if (std::filesystem::is_directory(where))
    return textfsm_rows_json(vty::parse_textfsm(response, index_for(where), platform));
  return textfsm_rows_json(vty::parse_textfsm(response, std::filesystem::path(where)));
}

std::string textfsm_row_json(const textfsm::Row& row) {
  std::string out = "{";
  for (const auto& [name, field] : row.fields) {
    if (out.size() > 1) out += ',';
    out += json_string(name) + ':' + field_json(field);
  }
  return out + '}';
}

std::string textfsm_rows_json(const std::vector<textfsm::Row>& rows) {
  if (rows.empty()) return "[]";
  std::string out = "[\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out += textfsm_row_json(rows[i]);
    out += i + 1 < rows.size() ? ",\n" : "\n";
  }
  return out + ']';
}

}  // namespace vty::cli
