#include "vty-sim/device_model.hpp"

#include <toml++/toml.h>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "shipped_data.hpp"
#include "vty/regex.hpp"

namespace vty::sim {
namespace {

std::string where(const std::string& source, const toml::source_region& region) {
  return source + ":" + std::to_string(region.begin.line) + ":" +
         std::to_string(region.begin.column);
}

[[noreturn]] void fail(const std::string& source, const toml::node& node, const std::string& what) {
  throw std::runtime_error(where(source, node.source()) + ": " + what);
}

// Sets `out` when `key` is there; a non-string is an error.
void string_field(const toml::table& table, std::string_view key, const std::string& source,
                  std::string& out) {
  const toml::node* node = table.get(key);
  if (!node) return;
  if (!node->is_string()) fail(source, *node, "'" + std::string(key) + "' must be a string");
  out = std::string(*node->value<std::string>());
}

// TOML multi-line strings keep the newline before the closing quotes; an output is lines,
// so that one is not an extra empty line.
void text_field(const toml::table& table, std::string_view key, const std::string& source,
                std::string& out) {
  if (!table.get(key)) return;
  string_field(table, key, source, out);
  if (out.ends_with('\n')) out.pop_back();
}

void bool_field(const toml::table& table, std::string_view key, const std::string& source,
                bool& out) {
  const toml::node* node = table.get(key);
  if (!node) return;
  if (!node->is_boolean()) fail(source, *node, "'" + std::string(key) + "' must be true or false");
  out = *node->value<bool>();
}

// A string or an array of strings.
void strings_field(const toml::table& table, std::string_view key, const std::string& source,
                   std::vector<std::string>& out) {
  const toml::node* node = table.get(key);
  if (!node) return;
  out.clear();
  if (node->is_string()) {
    out.emplace_back(*node->value<std::string>());
    return;
  }
  const toml::array* array = node->as_array();
  if (!array) fail(source, *node, "'" + std::string(key) + "' must be an array of strings");
  for (const auto& item : *array) {
    if (!item.is_string()) fail(source, item, "'" + std::string(key) + "' must hold strings");
    out.emplace_back(*item.value<std::string>());
  }
}

const std::map<std::string, CommandAction, std::less<>> kActions{
    {"output", CommandAction::kOutput},
    {"page_length", CommandAction::kPageLength},
    {"paging_off", CommandAction::kPagingOff},
    {"width", CommandAction::kWidth},
    {"logout", CommandAction::kLogout},
    {"commit", CommandAction::kCommit},
    {"discard", CommandAction::kDiscard},
    {"do", CommandAction::kDo},
    {"no_timestamp", CommandAction::kNoTimestamp},
    {"commit_confirmed", CommandAction::kCommitConfirmed},
    {"commit_replace", CommandAction::kCommitReplace},
    {"compare", CommandAction::kCompare},
    {"rollback", CommandAction::kRollback},
    {"clear_candidate", CommandAction::kClearCandidate},
    {"show_running", CommandAction::kShowRunning},
    {"show_startup", CommandAction::kShowStartup},
    {"show_candidate", CommandAction::kShowCandidate},
    {"show_session", CommandAction::kShowSession},
    {"save", CommandAction::kSave},
    {"write_file", CommandAction::kWriteFile},
    {"delete_file", CommandAction::kDeleteFile},
    {"replace", CommandAction::kReplace},
    {"confirm", CommandAction::kConfirm},
    {"revert_timer", CommandAction::kRevertTimer},
    {"archive", CommandAction::kArchive},
    {"show_archive", CommandAction::kShowArchive},
    {"file_diff", CommandAction::kFileDiff},
    {"incremental_diff", CommandAction::kIncrementalDiff},
};

ModelCommand parse_command(const toml::table& table, const std::string& source) {
  ModelCommand command;
  string_field(table, "command", source, command.command);
  if (command.command.empty()) fail(source, table, "a [[command]] needs 'command'");
  string_field(table, "privilege", source, command.mode);  // the older name of `mode`
  string_field(table, "mode", source, command.mode);
  if (const toml::node* node = table.get("action")) {
    std::string name;
    string_field(table, "action", source, name);
    auto found = kActions.find(name);
    if (found == kActions.end()) fail(source, *node, "unknown action '" + name + "'");
    command.action = found->second;
  }
  bool_field(table, "leave", source, command.leave);
  text_field(table, "output", source, command.output);
  text_field(table, "header", source, command.header);
  text_field(table, "footer", source, command.footer);
  if (const toml::node* node = table.get("repeat")) {
    // Only an integer: toml++ converts a huge float to int64 without a range check.
    const auto* repeat = node->as_integer();
    if (!repeat || repeat->get() < 1 || repeat->get() > 10'000'000)
      fail(source, *node, "'repeat' must be 1..1e7");
    command.repeat = static_cast<int>(repeat->get());
  }
  bool_field(table, "hang", source, command.hang);
  bool_field(table, "show_config", source, command.show_config);
  strings_field(table, "aliases", source, command.aliases);
  string_field(table, "question", source, command.question);
  string_field(table, "unless_word", source, command.unless_word);
  return command;
}

void parse_mode(const toml::table& table, const std::string& source, ModelMode& mode) {
  string_field(table, "prompt", source, mode.prompt);
  string_field(table, "parent", source, mode.parent);
  strings_field(table, "enter", source, mode.enter);
  strings_field(table, "leave", source, mode.leave);
  strings_field(table, "end", source, mode.end);
  strings_field(table, "logout", source, mode.logout);
  bool_field(table, "password", source, mode.password);
  string_field(table, "password_prompt", source, mode.password_prompt);
  bool_field(table, "config", source, mode.config);
  bool_field(table, "candidate", source, mode.candidate);
  bool_field(table, "exclusive", source, mode.exclusive);
  string_field(table, "locked", source, mode.locked);
  text_field(table, "banner", source, mode.banner);
  string_field(table, "changed_prompt", source, mode.changed_prompt);
  string_field(table, "uncommitted_question", source, mode.uncommitted_question);
  string_field(table, "uncommitted_yes", source, mode.uncommitted_yes);
  string_field(table, "uncommitted_no", source, mode.uncommitted_no);
  string_field(table, "uncommitted_refusal", source, mode.uncommitted_refusal);
  bool_field(table, "keeps_changes", source, mode.keeps_changes);
  if (mode.uncommitted_yes != "commit" && mode.uncommitted_yes != "discard")
    fail(source, table, "'uncommitted_yes' is commit or discard");
  if (mode.uncommitted_no != "discard" && mode.uncommitted_no != "stay")
    fail(source, table, "'uncommitted_no' is discard or stay");
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

void check_patterns(const toml::table& table, std::string_view key, const std::string& source,
                    const std::vector<std::string>& patterns) {
  for (const auto& pattern : patterns) {
    try {
      vty::Regex{pattern};
    } catch (const std::exception& error) {
      fail(source, *table.get(key), "bad pattern '" + pattern + "': " + error.what());
    }
  }
}

void check_model(DeviceModel& model, const std::string& source) {
  if (model.modes.empty()) throw std::runtime_error(source + ": a device model needs [[mode]]s");
  int roots = 0;
  for (const auto& mode : model.modes) {
    if (mode.prompt.empty())
      throw std::runtime_error(source + ": mode '" + mode.name + "' needs a 'prompt'");
    if (mode.parent.empty()) {
      ++roots;
    } else if (!model.find_mode(mode.parent)) {
      throw std::runtime_error(source + ": mode '" + mode.name + "' names parent '" + mode.parent +
                               "', which the model lacks");
    }
  }
  if (roots != 1) throw std::runtime_error(source + ": a device model needs one root mode");
  if (!model.start.empty() && !model.find_mode(model.start))
    throw std::runtime_error(source + ": 'start' names mode '" + model.start +
                             "', which the model lacks");
  for (const auto& command : model.commands) {
    if (!command.mode.empty() && !model.find_mode(command.mode)) {
      throw std::runtime_error(source + ": command '" + command.command + "' names mode '" +
                               command.mode + "', which the model lacks");
    }
  }
}

DeviceModel parse_into(DeviceModel model, std::string_view toml_text, const std::string& source,
                       int depth);

DeviceModel load_file(const std::filesystem::path& file, int depth) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot read the device model");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_into({}, text.str(), file.string(), depth);
}

DeviceModel parse_into(DeviceModel model, std::string_view toml_text, const std::string& source,
                       int depth) {
  toml::table root;
  try {
    root = toml::parse(toml_text, source);
  } catch (const toml::parse_error& error) {
    throw std::runtime_error(where(source, error.source()) + ": " +
                             std::string(error.description()));
  }
  if (const toml::node* node = root.get("extends")) {
    std::string base;
    string_field(root, "extends", source, base);
    if (depth > 4) fail(source, *node, "'extends' goes too deep");
    std::filesystem::path beside = std::filesystem::path(source).parent_path() / (base + ".toml");
    std::error_code error;
    if (!std::filesystem::is_regular_file(beside, error))
      beside = shipped_device_dir() / (base + ".toml");
    if (!std::filesystem::is_regular_file(beside, error))
      fail(source, *node, "no device model '" + base + "' to extend");
    model = load_file(beside, depth + 1);
  }
  string_field(root, "name", source, model.name);
  if (const toml::table* device = root["device"].as_table()) {
    text_field(*device, "login_banner", source, model.login_banner);
    string_field(*device, "pager", source, model.pager);
    bool_field(*device, "paging", source, model.paging);
    string_field(*device, "timestamp", source, model.timestamp);
    string_field(*device, "start", source, model.start);
    if (const toml::node* fault = device->get("fault")) {
      std::string spec;
      string_field(*device, "fault", source, spec);
      try {
        model.fault = parse_fault(spec);
      } catch (const std::invalid_argument& error) {
        fail(source, *fault, error.what());
      }
      model.fault->on.clear();
      string_field(*device, "fault_on", source, model.fault->on);
    } else if (const toml::node* on = device->get("fault_on")) {
      fail(source, *on, "'fault_on' needs a 'fault'");
    }
  }
  if (const toml::table* errors = root["errors"].as_table()) {
    string_field(*errors, "unknown", source, model.errors.unknown);
    string_field(*errors, "incomplete", source, model.errors.incomplete);
    string_field(*errors, "ambiguous", source, model.errors.ambiguous);
    string_field(*errors, "bad_password", source, model.errors.bad_password);
  }
  if (const toml::table* config = root["config"].as_table()) {
    strings_field(*config, "refuse", source, model.config.refuse);
    check_patterns(*config, "refuse", source, model.config.refuse);
    string_field(*config, "refused", source, model.config.refused);
    strings_field(*config, "commit_fails", source, model.config.commit_fails);
    check_patterns(*config, "commit_fails", source, model.config.commit_fails);
    string_field(*config, "commit_failed", source, model.config.commit_failed);
    string_field(*config, "commit_empty", source, model.config.commit_empty);
    string_field(*config, "diff_header", source, model.config.diff_header);
    string_field(*config, "diff_removed", source, model.config.diff_removed);
    string_field(*config, "diff_added", source, model.config.diff_added);
    string_field(*config, "rollback_missing", source, model.config.rollback_missing);
    string_field(*config, "archive_name", source, model.config.archive_name);
    if (const toml::node* node = config->get("archive_maximum")) {
      const auto* maximum = node->as_integer();
      if (!maximum || maximum->get() < 1 || maximum->get() > 1000)
        fail(source, *node, "'archive_maximum' must be 1..1000");
      model.config.archive_maximum = static_cast<int>(maximum->get());
    }
    string_field(*config, "archive_entry", source, model.config.archive_entry);
    string_field(*config, "archive_empty", source, model.config.archive_empty);
    string_field(*config, "archive_newest", source, model.config.archive_newest);
    string_field(*config, "archive_backup", source, model.config.archive_backup);
    string_field(*config, "file_missing", source, model.config.file_missing);
    string_field(*config, "replace_refused", source, model.config.replace_refused);
    string_field(*config, "confirm_none", source, model.config.confirm_none);
    string_field(*config, "file_prompt", source, model.config.file_prompt);
  }
  for_each_table(root, "mode", source, [&](const toml::table& table) {
    std::string name;
    string_field(table, "name", source, name);
    if (name.empty()) fail(source, table, "a [[mode]] needs 'name'");
    ModelMode* mode = nullptr;
    for (auto& existing : model.modes)
      if (existing.name == name) mode = &existing;
    if (!mode) {
      model.modes.emplace_back();
      mode = &model.modes.back();
      mode->name = name;
    }
    parse_mode(table, source, *mode);
  });
  std::vector<ModelSubmode> submodes;
  for_each_table(root, "submode", source, [&](const toml::table& table) {
    ModelSubmode submode;
    string_field(table, "command", source, submode.command);
    string_field(table, "tag", source, submode.tag);
    if (submode.command.empty() || submode.tag.empty()) {
      fail(source, table, "a [[submode]] needs 'command' and 'tag'");
    }
    submodes.push_back(std::move(submode));
  });
  model.submodes.insert(model.submodes.begin(), submodes.begin(), submodes.end());
  // A file's own commands come first: the first of several complete matches wins.
  std::vector<ModelCommand> commands;
  for_each_table(root, "command", source, [&](const toml::table& table) {
    commands.push_back(parse_command(table, source));
  });
  model.commands.insert(model.commands.begin(), commands.begin(), commands.end());
  check_model(model, source);
  return model;
}

}  // namespace

const ModelMode* DeviceModel::find_mode(std::string_view mode) const {
  for (const auto& candidate : modes)
    if (candidate.name == mode) return &candidate;
  return nullptr;
}

DeviceModel parse_device_model(std::string_view toml_text, const std::string& source) {
  return parse_into({}, toml_text, source, 0);
}

DeviceModel load_device_model_file(const std::filesystem::path& file) {
  return load_file(file, 0);
}

std::filesystem::path shipped_device_dir() {
  return vty::detail::shipped_data_dir("devices", VTY_SIM_DEVICE_DIR, VTY_SIM_INSTALL_DEVICE_DIR);
}

}  // namespace vty::sim
