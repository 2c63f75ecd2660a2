// `extends = "base"`: a definition is its base's table with its own keys laid over it.
#include <fstream>
#include <sstream>

#include "platform_toml.hpp"
#include "vty/errors.hpp"

namespace vty::detail {
namespace {

namespace fs = std::filesystem;
constexpr int kMaxDepth = 8;

std::string source_name(const fs::path& source) {
  return source.empty() ? "<platform text>" : source.string();
}

toml::table parse_toml(std::string_view text, const std::string& name) {
  try {
    return toml::parse(text, std::string_view{name});
  } catch (const toml::parse_error& error) {
    throw PlatformDefinitionError(position(error.source(), name) +
                                  ": not valid TOML: " + std::string{error.description()});
  }
}

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code error;
  return !a.empty() && !b.empty() && fs::equivalent(a, b, error);
}

fs::path find_base(std::string_view base, const fs::path& source,
                   const std::vector<fs::path>& extra_dirs) {
  std::vector<fs::path> dirs;
  if (source.has_parent_path()) dirs.push_back(source.parent_path());
  for (auto& dir : platform_search_path(extra_dirs)) dirs.push_back(dir);
  for (const auto& dir : dirs) {
    fs::path file = dir / (std::string{base} + ".toml");
    std::error_code error;
    if (fs::is_regular_file(file, error) && !same_file(file, source)) return file;
  }
  return {};
}

// A level of the child with a known name changes that level's keys; a new name adds a level.
// Nodes are moved, not copied: a copy would lose its source position.
void merge_levels(toml::array& base, toml::array& child) {
  for (toml::node& item : child) {
    const toml::table* level = item.as_table();
    const auto* name = level ? level->get_as<std::string>("name") : nullptr;
    toml::table* target = nullptr;
    for (toml::node& existing : base) {
      auto* table = existing.as_table();
      const auto* existing_name = table ? table->get_as<std::string>("name") : nullptr;
      if (name && existing_name && existing_name->get() == name->get()) target = table;
    }
    if (!target) {
      base.push_back(std::move(item));
      continue;
    }
    for (auto&& [key, value] : *item.as_table()) target->insert_or_assign(key, std::move(value));
  }
}

void merge_over(toml::table& base, toml::table& child) {
  for (auto&& [key, value] : child) {
    toml::node* existing = base.get(key);
    if (existing && existing->is_table() && value.is_table()) {
      for (auto&& [inner, inner_value] : *value.as_table())
        existing->as_table()->insert_or_assign(inner, std::move(inner_value));
    } else if (existing && existing->is_array() && value.is_array() && key.str() == "privilege") {
      merge_levels(*existing->as_array(), *value.as_array());
    } else {
      base.insert_or_assign(key, std::move(value));
    }
  }
}

toml::table resolve(std::string_view text, const fs::path& source,
                    const std::vector<fs::path>& extra_dirs, std::vector<std::string>& chain) {
  const std::string name = source_name(source);
  toml::table root = parse_toml(text, name);
  const toml::node* extends = root.get("extends");
  if (!extends) return root;
  if (!extends->is_string() || extends->as_string()->get().empty()) {
    throw PlatformDefinitionError(position(extends->source(), name) +
                                  ": `extends` must be the name of another platform (a string)");
  }
  const std::string base = extends->as_string()->get();
  chain.push_back(name);
  if (chain.size() > kMaxDepth) {
    throw PlatformDefinitionError(position(extends->source(), name) +
                                  ": `extends` goes deeper than 8 definitions (a loop?)");
  }
  fs::path base_file = find_base(base, source, extra_dirs);
  if (base_file.empty()) {
    throw PlatformDefinitionError(position(extends->source(), name) + ": `extends` names \"" +
                                  base + "\", but no other " + base + ".toml was found");
  }
  for (const auto& seen : chain) {
    if (same_file(seen, base_file)) {
      throw PlatformDefinitionError(position(extends->source(), name) +
                                    ": `extends` forms a loop through " + base_file.string());
    }
  }
  toml::table merged = resolve(read_definition_text(base_file), base_file, extra_dirs, chain);
  merged.erase("extends");
  merge_over(merged, root);
  return merged;
}

}  // namespace

std::string type_in_words(toml::node_type type) {
  switch (type) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "nothing";
  }
}

std::string position(const toml::source_region& where, const std::string& fallback_source) {
  std::ostringstream text;
  text << (where.path ? *where.path : fallback_source) << ':' << where.begin.line << ':'
       << where.begin.column;
  return text.str();
}

std::string read_definition_text(const fs::path& file) {
  std::error_code error;
  if (!fs::is_regular_file(file, error)) {
    throw UnknownPlatform("no platform definition file at " + file.string());
  }
  std::ifstream in{file, std::ios::binary};
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw PlatformError("cannot read platform definition " + file.string());
  return text.str();
}

toml::table read_definition_table(std::string_view text, const fs::path& source,
                                  const std::vector<fs::path>& extra_dirs) {
  std::vector<std::string> chain;
  return resolve(text, source, extra_dirs, chain);
}

}  // namespace vty::detail
