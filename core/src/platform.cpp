// Reads platform definitions from TOML and refuses a bad one at load, with its position.
#include "vty/platform.hpp"

#include <algorithm>
#include <optional>
#include <span>
#include <sstream>

#include "platform_config_session.hpp"
#include "platform_toml.hpp"
#include "suggestions.hpp"
#include "vty/errors.hpp"
#include "vty/regex.hpp"

namespace vty {
namespace {

namespace fs = std::filesystem;
using detail::did_you_mean;
using detail::join;
using detail::type_in_words;
using Keys = std::span<const std::string_view>;

constexpr std::string_view kTopKeys[] = {"name",
                                         "extends",
                                         "default_privilege",
                                         "return_char",
                                         "failed_when_contains",
                                         "on_open",
                                         "on_close",
                                         "pager_pattern",
                                         "pager_response",
                                         "config",
                                         "config_session",
                                         "detect",
                                         "plugin",
                                         "login",
                                         "privilege"};
constexpr std::string_view kConfigKeys[] = {"privilege", "commit", "abort", "no_commit_at"};
constexpr std::string_view kDetectKeys[] = {"command", "pattern"};
constexpr std::string_view kLoginKeys[] = {"username_pattern", "password_pattern",
                                           "failed_when_contains"};
constexpr std::string_view kLevelKeys[] = {
    "name",          "pattern",         "previous",     "escalate",  "deescalate",
    "escalate_auth", "escalate_prompt", "not_contains", "sim_prompt"};

std::vector<std::string> level_names(const PlatformDefinition& platform) {
  std::vector<std::string> names;
  for (const auto& level : platform.privileges) names.push_back(level.name);
  return names;
}

bool before(const toml::source_position& a, const toml::source_position& b) {
  return a.line < b.line || (a.line == b.line && a.column < b.column);
}

// Walks one parsed document and fails at the first thing a definition may not say.
class DefinitionReader {
 public:
  explicit DefinitionReader(std::string source) : source_(std::move(source)) {}

  PlatformDefinition read(const toml::table& root);

 private:
  // Where each level's parts are, for the checks that look across levels.
  struct LevelNodes {
    const toml::table* table;
    const toml::node* name;
    const toml::node* previous;
  };

  [[noreturn]] void fail(const toml::source_region& where, const std::string& what) const {
    throw PlatformDefinitionError(detail::position(where, source_) + ": " + what);
  }

  void reject_unknown_keys(const toml::table& table, Keys known, std::string_view context) const;
  const toml::node* typed(const toml::table& table, std::string_view key, toml::node_type type,
                          std::string_view context) const;
  std::optional<std::string> string_of(const toml::table& table, std::string_view key,
                                       std::string_view context) const;
  std::string required_string(const toml::table& table, std::string_view key,
                              std::string_view context) const;
  std::optional<std::vector<std::string>> strings_of(const toml::table& table, std::string_view key,
                                                     std::string_view context) const;
  void check_pattern(const toml::table& table, std::string_view key, std::string_view pattern,
                     std::string_view context) const;

  void read_config(const toml::table& root, PlatformDefinition& platform) const;
  void read_login(const toml::table& root, PlatformDefinition& platform) const;
  void read_detect(const toml::table& root, PlatformDefinition& platform) const;
  void read_levels(const toml::table& root, PlatformDefinition& platform);
  PrivilegeLevel read_level(const toml::table& table);
  void check_level_links(const PlatformDefinition& platform) const;
  void check_no_cycles(const PlatformDefinition& platform) const;
  void check_names_level(const toml::table& table, std::string_view key, std::string_view level,
                         const PlatformDefinition& platform, std::string_view why) const;

  std::string source_;
  std::vector<LevelNodes> level_nodes_;
};

void DefinitionReader::reject_unknown_keys(const toml::table& table, Keys known,
                                           std::string_view context) const {
  const toml::key* first = nullptr;
  for (auto&& [key, value] : table) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    if (!first || before(key.source().begin, first->source().begin)) first = &key;
  }
  if (!first) return;
  fail(first->source(), "unknown key `" + std::string{first->str()} + "` " + std::string{context} +
                            did_you_mean(first->str(), known) + " (known keys: " + join(known) +
                            ")");
}

// The node under `key` when present and of `type`; nullptr when absent.
const toml::node* DefinitionReader::typed(const toml::table& table, std::string_view key,
                                          toml::node_type type, std::string_view context) const {
  const toml::node* node = table.get(key);
  if (!node || node->type() == type) return node;
  std::string expected = type_in_words(type);
  if (type == toml::node_type::boolean) expected += " (true or false)";
  fail(node->source(), std::string{context} + "`" + std::string{key} + "` must be " + expected +
                           ", not " + type_in_words(node->type()));
}

std::optional<std::string> DefinitionReader::string_of(const toml::table& table,
                                                       std::string_view key,
                                                       std::string_view context) const {
  const toml::node* node = typed(table, key, toml::node_type::string, context);
  if (!node) return std::nullopt;
  return node->as_string()->get();
}

std::string DefinitionReader::required_string(const toml::table& table, std::string_view key,
                                              std::string_view context) const {
  auto text = string_of(table, key, context);
  if (!text) {
    fail(table.source(), std::string{context} + "missing required key `" + std::string{key} + "`");
  }
  if (text->empty())
    fail(table.get(key)->source(),
         std::string{context} + "`" + std::string{key} + "` must not be empty");
  return *text;
}

std::optional<std::vector<std::string>> DefinitionReader::strings_of(
    const toml::table& table, std::string_view key, std::string_view context) const {
  const toml::node* node = typed(table, key, toml::node_type::array, context);
  if (!node) return std::nullopt;
  std::vector<std::string> items;
  for (const toml::node& item : *node->as_array()) {
    if (!item.is_string()) {
      fail(item.source(),
           std::string{context} + "`" + std::string{key} + "` must be a list of strings; item " +
               std::to_string(items.size() + 1) + " is " + type_in_words(item.type()));
    }
    items.push_back(item.as_string()->get());
  }
  return items;
}

void DefinitionReader::check_pattern(const toml::table& table, std::string_view key,
                                     std::string_view pattern, std::string_view context) const {
  try {
    Regex compiled{pattern};
  } catch (const PlatformDefinitionError& error) {
    fail(table.get(key)->source(), std::string{context} + "`" + std::string{key} +
                                       "` is not a valid regular expression: " + error.summary());
  }
}

PlatformDefinition DefinitionReader::read(const toml::table& root) {
  reject_unknown_keys(root, kTopKeys, "at the top level");
  PlatformDefinition platform;
  platform.name = required_string(root, "name", "");
  if (auto base = string_of(root, "extends", "")) platform.extends = *base;
  if (auto plugin = string_of(root, "plugin", "")) platform.plugin = *plugin;
  platform.default_privilege = required_string(root, "default_privilege", "");
  if (auto text = string_of(root, "return_char", "")) platform.return_char = *text;
  if (auto items = strings_of(root, "failed_when_contains", "")) {
    platform.failed_when_contains = *items;
  }
  if (auto items = strings_of(root, "on_open", "")) platform.on_open = *items;
  platform.on_close = strings_of(root, "on_close", "").value_or(std::vector<std::string>{"exit"});
  if (auto text = string_of(root, "pager_pattern", "")) {
    if (!text->empty()) check_pattern(root, "pager_pattern", *text, "");
    platform.pager_pattern = *text;
  }
  if (auto text = string_of(root, "pager_response", "")) platform.pager_response = *text;
  read_config(root, platform);
  detail::read_config_session(root, source_, platform.config_session);
  read_login(root, platform);
  read_detect(root, platform);
  read_levels(root, platform);

  check_level_links(platform);
  check_no_cycles(platform);
  check_names_level(root, "default_privilege", platform.default_privilege, platform,
                    "the level commands are sent at");
  const ConfigSessionCommands& session = platform.config_session;
  for (auto [key, level] : {std::pair{"privilege", &session.privilege},
                            std::pair{"stage_privilege", &session.stage_privilege}}) {
    if (!level->empty())
      check_names_level(*root["config_session"].as_table(), key, *level, platform,
                        "a [config_session] level");
  }
  const toml::table* config = root["config"].as_table();
  if (config && config->contains("privilege")) {
    check_names_level(*config, "privilege", platform.config_privilege, platform,
                      "the level configuration commands are sent at");
  } else if (!platform.find(platform.config_privilege)) {
    fail(root.source(), "there is no level named \"" + platform.config_privilege +
                            "\", the default for [config] privilege; add a [config] table with "
                            "privilege = \"<level>\" naming the level configuration commands "
                            "are sent at (levels: " +
                            join(level_names(platform)) + ")");
  }
  return platform;
}

void DefinitionReader::read_config(const toml::table& root, PlatformDefinition& platform) const {
  const toml::node* node = typed(root, "config", toml::node_type::table, "");
  if (!node) return;
  const toml::table& config = *node->as_table();
  constexpr std::string_view context = "[config]: ";
  reject_unknown_keys(config, kConfigKeys, "in [config]");
  if (auto text = string_of(config, "privilege", context)) platform.config_privilege = *text;
  if (auto text = string_of(config, "commit", context)) platform.config_commit = *text;
  if (auto text = string_of(config, "abort", context)) platform.config_abort = *text;
  if (auto items = strings_of(config, "no_commit_at", context))
    platform.config_no_commit_at = *items;
}

void DefinitionReader::read_login(const toml::table& root, PlatformDefinition& platform) const {
  const toml::node* node = typed(root, "login", toml::node_type::table, "");
  if (!node) return;
  const toml::table& login = *node->as_table();
  constexpr std::string_view context = "[login]: ";
  reject_unknown_keys(login, kLoginKeys, "in [login]");
  for (auto [key, field] : {std::pair{"username_pattern", &LoginPrompts::username_pattern},
                            std::pair{"password_pattern", &LoginPrompts::password_pattern}}) {
    if (auto text = string_of(login, key, context)) {
      if (text->empty())
        fail(login.get(key)->source(), "[login]: `" + std::string{key} + "` must not be empty");
      check_pattern(login, key, *text, context);
      platform.login.*field = *text;
    }
  }
  if (auto items = strings_of(login, "failed_when_contains", context))
    platform.login.failed_when_contains = *items;
}

void DefinitionReader::read_detect(const toml::table& root, PlatformDefinition& platform) const {
  const toml::node* node = typed(root, "detect", toml::node_type::table, "");
  if (!node) return;
  const toml::table& detect = *node->as_table();
  constexpr std::string_view context = "[detect]: ";
  reject_unknown_keys(detect, kDetectKeys, "in [detect]");
  platform.detect_command = required_string(detect, "command", context);
  platform.detect_pattern = required_string(detect, "pattern", context);
  check_pattern(detect, "pattern", platform.detect_pattern, context);
}

void DefinitionReader::read_levels(const toml::table& root, PlatformDefinition& platform) {
  const toml::node* node = root.get("privilege");
  if (!node) {
    fail(root.source(),
         "no privilege levels: add at least one [[privilege]] table with a name and a pattern");
  }
  if (node->is_table()) {
    fail(node->source(),
         "`privilege` must be an array of tables: write each level as [[privilege]] "
         "(double brackets), not [privilege]");
  }
  const toml::array* levels = node->as_array();
  if (!levels) {
    fail(node->source(), "`privilege` must be an array of tables ([[privilege]]), not " +
                             type_in_words(node->type()));
  }
  if (levels->empty()) {
    fail(node->source(),
         "no privilege levels: add at least one [[privilege]] table with a name and a pattern");
  }
  for (const toml::node& item : *levels) {
    if (!item.is_table()) {
      fail(item.source(), "each `privilege` entry must be a table ([[privilege]]), not " +
                              type_in_words(item.type()));
    }
    platform.privileges.push_back(read_level(*item.as_table()));
  }
}

PrivilegeLevel DefinitionReader::read_level(const toml::table& table) {
  PrivilegeLevel level;
  auto name = string_of(table, "name", "[[privilege]]: ");
  reject_unknown_keys(table, kLevelKeys,
                      name ? "in level \"" + *name + "\"" : "in a [[privilege]] table");
  level.name = required_string(table, "name", "[[privilege]]: ");
  const std::string context = "level \"" + level.name + "\": ";
  level.pattern = required_string(table, "pattern", context);
  check_pattern(table, "pattern", level.pattern, context);
  level.previous = string_of(table, "previous", context).value_or("");
  level.escalate = string_of(table, "escalate", context).value_or("");
  level.deescalate = string_of(table, "deescalate", context).value_or("");
  if (const toml::node* flag = typed(table, "escalate_auth", toml::node_type::boolean, context)) {
    level.escalate_auth = flag->as_boolean()->get();
  }
  if (auto prompt = string_of(table, "escalate_prompt", context)) {
    check_pattern(table, "escalate_prompt", *prompt, context);
    level.escalate_prompt = *prompt;
  }
  if (auto items = strings_of(table, "not_contains", context)) level.not_contains = *items;
  if (auto text = string_of(table, "sim_prompt", context)) level.sim_prompt = *text;

  if (!level.previous.empty()) {
    for (std::string_view key : {"escalate", "deescalate"}) {
      if (const toml::node* command = table.get(key)) {
        if (command->value_or(std::string_view{}).empty()) {
          fail(command->source(), context + "`" + std::string{key} + "` must not be empty");
        }
        continue;
      }
      fail(table.source(), context + "missing required key `" + std::string{key} +
                               "`: a level with `previous` = \"" + level.previous +
                               "\" needs the command that " +
                               (key == "escalate" ? "enters it from" : "returns to") + " \"" +
                               level.previous + "\"");
    }
  } else {
    for (std::string_view key : {"escalate", "deescalate", "escalate_auth"}) {
      if (const toml::node* stray = table.get(key)) {
        fail(stray->source(), context + "`" + std::string{key} +
                                  "` only applies to a level with `previous`; this level is a "
                                  "root (it is not entered from another level)");
      }
    }
  }
  level_nodes_.push_back({&table, table.get("name"), table.get("previous")});
  return level;
}

void DefinitionReader::check_level_links(const PlatformDefinition& platform) const {
  const auto& levels = platform.privileges;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (levels[j].name != levels[i].name) continue;
      fail(level_nodes_[i].name->source(),
           "level name \"" + levels[i].name + "\" is used twice (first on line " +
               std::to_string(level_nodes_[j].name->source().begin.line) +
               "); each [[privilege]] needs its own name");
    }
  }
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (levels[i].previous.empty()) continue;
    check_names_level(*level_nodes_[i].table, "previous", levels[i].previous, platform,
                      "the level \"" + levels[i].name + "\" is entered from");
  }
}

void DefinitionReader::check_no_cycles(const PlatformDefinition& platform) const {
  const auto& levels = platform.privileges;
  for (std::size_t start = 0; start < levels.size(); ++start) {
    std::vector<std::string> chain{levels[start].name};
    const PrivilegeLevel* level = &levels[start];
    while (!level->previous.empty() && chain.size() <= levels.size()) {
      level = platform.find(level->previous);
      chain.push_back(level->name);
      if (level->name == levels[start].name) {
        fail(level_nodes_[start].previous->source(),
             "the `previous` links form a loop (" + join(chain, " -> ") +
                 "); following `previous` from any level must end at a root level, one "
                 "without `previous`");
      }
    }
  }
}

void DefinitionReader::check_names_level(const toml::table& table, std::string_view key,
                                         std::string_view level, const PlatformDefinition& platform,
                                         std::string_view why) const {
  if (platform.find(level)) return;
  auto names = level_names(platform);
  fail(table.get(key)->source(), "`" + std::string{key} + "` names \"" + std::string{level} +
                                     "\" (" + std::string{why} + "), but there is no such level" +
                                     did_you_mean(level, names) + " (levels: " + join(names) + ")");
}

}  // namespace

PlatformDefinition parse_platform(std::string_view toml_text, const fs::path& source,
                                  const std::vector<fs::path>& extra_dirs) {
  const std::string source_name = source.empty() ? "<platform text>" : source.string();
  toml::table root = detail::read_definition_table(toml_text, source, extra_dirs);
  return DefinitionReader{source_name}.read(root);
}

}  // namespace vty
