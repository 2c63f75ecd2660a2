#include "platform_config_session.hpp"

#include <algorithm>
#include <span>
#include <string_view>
#include <utility>

#include "platform_toml.hpp"
#include "suggestions.hpp"
#include "vty/errors.hpp"
#include "vty/regex.hpp"

namespace vty::detail {
namespace {

constexpr std::string_view kContext = "[config_session]: ";
constexpr std::string_view kKeys[] = {"privilege",
                                      "enter",
                                      "running",
                                      "startup",
                                      "candidate",
                                      "diff",
                                      "replace",
                                      "replace_question",
                                      "commit_replace",
                                      "commit",
                                      "commit_comment",
                                      "commit_confirmed",
                                      "confirm",
                                      "abort",
                                      "rollback",
                                      "rollback_needs_commit",
                                      "replace_by_difference",
                                      "save",
                                      "locked_when_contains",
                                      "exec_prefix",
                                      "context_lines",
                                      "commit_confirmed_comment",
                                      "stage_file",
                                      "stage_privilege",
                                      "stage_begin",
                                      "stage_end",
                                      "diff_merge",
                                      "commit_replace_confirmed",
                                      "merge_confirmed_enter",
                                      "checkpoint",
                                      "checkpoints",
                                      "checkpoint_pattern",
                                      "checkpoint_latest",
                                      "device_checkpoints_confirmed",
                                      "stage_file_replace_only",
                                      "stage_delete",
                                      "diff_file"};

using Field = std::string ConfigSessionCommands::*;
constexpr std::pair<std::string_view, Field> kStrings[] = {
    {"privilege", &ConfigSessionCommands::privilege},
    {"enter", &ConfigSessionCommands::enter},
    {"running", &ConfigSessionCommands::running},
    {"startup", &ConfigSessionCommands::startup},
    {"candidate", &ConfigSessionCommands::candidate},
    {"diff", &ConfigSessionCommands::diff},
    {"replace", &ConfigSessionCommands::replace},
    {"replace_question", &ConfigSessionCommands::replace_question},
    {"commit_replace", &ConfigSessionCommands::commit_replace},
    {"commit", &ConfigSessionCommands::commit},
    {"commit_comment", &ConfigSessionCommands::commit_comment},
    {"commit_confirmed", &ConfigSessionCommands::commit_confirmed},
    {"confirm", &ConfigSessionCommands::confirm},
    {"abort", &ConfigSessionCommands::abort},
    {"rollback", &ConfigSessionCommands::rollback},
    {"save", &ConfigSessionCommands::save},
    {"exec_prefix", &ConfigSessionCommands::exec_prefix},
    {"commit_confirmed_comment", &ConfigSessionCommands::commit_confirmed_comment},
    {"stage_file", &ConfigSessionCommands::stage_file},
    {"stage_privilege", &ConfigSessionCommands::stage_privilege},
    {"stage_begin", &ConfigSessionCommands::stage_begin},
    {"stage_end", &ConfigSessionCommands::stage_end},
    {"diff_merge", &ConfigSessionCommands::diff_merge},
    {"commit_replace_confirmed", &ConfigSessionCommands::commit_replace_confirmed},
    {"merge_confirmed_enter", &ConfigSessionCommands::merge_confirmed_enter},
    {"checkpoint", &ConfigSessionCommands::checkpoint},
    {"checkpoints", &ConfigSessionCommands::checkpoints},
    {"checkpoint_pattern", &ConfigSessionCommands::checkpoint_pattern},
    {"checkpoint_latest", &ConfigSessionCommands::checkpoint_latest},
    {"stage_delete", &ConfigSessionCommands::stage_delete},
    {"diff_file", &ConfigSessionCommands::diff_file}};

class TableReader {
 public:
  TableReader(const toml::table& table, const std::string& source)
      : table_(table), source_(source) {}

  [[noreturn]] void fail(const toml::source_region& where, const std::string& what) const {
    throw PlatformDefinitionError(position(where, source_) + ": " + std::string(kContext) + what);
  }

  void reject_unknown_keys() const {
    const toml::key* first = nullptr;
    for (auto&& [key, value] : table_) {
      if (std::find(std::begin(kKeys), std::end(kKeys), key.str()) != std::end(kKeys)) continue;
      const auto& at = key.source().begin;
      if (!first || at.line < first->source().begin.line ||
          (at.line == first->source().begin.line && at.column < first->source().begin.column))
        first = &key;
    }
    if (!first) return;
    std::span<const std::string_view> known(kKeys);
    throw PlatformDefinitionError(position(first->source(), source_) + ": unknown key `" +
                                  std::string{first->str()} + "` in [config_session]" +
                                  did_you_mean(first->str(), known) +
                                  " (known keys: " + join(known) + ")");
  }

  const toml::node* typed(std::string_view key, toml::node_type type) const {
    const toml::node* node = table_.get(key);
    if (!node || node->type() == type) return node;
    std::string expected = type_in_words(type);
    if (type == toml::node_type::boolean) expected += " (true or false)";
    fail(node->source(),
         "`" + std::string{key} + "` must be " + expected + ", not " + type_in_words(node->type()));
  }

  std::vector<std::string> strings(std::string_view key) const {
    std::vector<std::string> items;
    const toml::node* node = typed(key, toml::node_type::array);
    if (!node) return items;
    for (const toml::node& item : *node->as_array()) {
      if (!item.is_string()) {
        fail(item.source(), "`" + std::string{key} + "` must be a list of strings; item " +
                                std::to_string(items.size() + 1) + " is " +
                                type_in_words(item.type()));
      }
      items.push_back(item.as_string()->get());
    }
    return items;
  }

  void check_pattern(std::string_view key, std::string_view pattern) const {
    try {
      Regex compiled{pattern};
    } catch (const PlatformDefinitionError& error) {
      fail(table_.get(key)->source(),
           "`" + std::string{key} + "` is not a valid regular expression: " + error.summary());
    }
  }

 private:
  const toml::table& table_;
  const std::string& source_;
};

}  // namespace

void read_config_session(const toml::table& root, const std::string& source,
                         ConfigSessionCommands& commands) {
  const toml::node* node = root.get("config_session");
  if (!node) return;
  if (!node->is_table()) {
    throw PlatformDefinitionError(position(node->source(), source) + ": `config_session` must be " +
                                  type_in_words(toml::node_type::table) + ", not " +
                                  type_in_words(node->type()));
  }
  const toml::table& table = *node->as_table();
  TableReader reader(table, source);
  reader.reject_unknown_keys();
  commands.supported = true;
  for (auto [key, field] : kStrings) {
    if (const toml::node* text = reader.typed(key, toml::node_type::string))
      commands.*field = text->as_string()->get();
  }
  if (const toml::node* flag = reader.typed("rollback_needs_commit", toml::node_type::boolean))
    commands.rollback_needs_commit = flag->as_boolean()->get();
  if (const toml::node* flag = reader.typed("replace_by_difference", toml::node_type::boolean))
    commands.replace_by_difference = flag->as_boolean()->get();
  if (const toml::node* flag =
          reader.typed("device_checkpoints_confirmed", toml::node_type::boolean))
    commands.device_checkpoints_confirmed = flag->as_boolean()->get();
  if (const toml::node* flag = reader.typed("stage_file_replace_only", toml::node_type::boolean))
    commands.stage_file_replace_only = flag->as_boolean()->get();
  commands.locked_when_contains = reader.strings("locked_when_contains");
  commands.context_lines = reader.strings("context_lines");
  for (const auto& pattern : commands.context_lines) reader.check_pattern("context_lines", pattern);
  if (!commands.checkpoint_pattern.empty())
    reader.check_pattern("checkpoint_pattern", commands.checkpoint_pattern);
}

}  // namespace vty::detail
