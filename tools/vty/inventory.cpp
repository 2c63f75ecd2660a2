#include "inventory.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace vty::cli {
namespace {

using Keys = std::vector<std::string_view>;

class Reader;

// How one setting is read and inherited. A new inventory key is a field of HostSettings,
// one row in setting_table below, its use in run_hosts.cpp, and a row in docs/inventory.md.
struct SettingKey {
  std::string_view name;
  std::string_view type;  // as docs/inventory.md names it
  void (*read)(const Reader&, const toml::table&, std::string_view key, const std::string& where,
               HostSettings&);
  void (*inherit)(HostSettings& into, const HostSettings& from);
};

// A group or host as written, before inheritance.
struct Entry {
  HostSettings settings;
  std::vector<std::string> parents;
  std::vector<const toml::node*> parent_nodes;  // where each parent is named
  std::vector<std::string> tags;
};

void add_unique(std::vector<std::string>& into, const std::vector<std::string>& from) {
  for (const auto& item : from)
    if (std::find(into.begin(), into.end(), item) == into.end()) into.push_back(item);
}

class Reader {
 public:
  explicit Reader(std::string_view source) : source_(source) {}
  Inventory read(std::string_view text);

  [[noreturn]] void fail(const toml::source_region& where, const std::string& what) const {
    std::ostringstream text;
    text << source_ << ':' << where.begin.line << ':' << where.begin.column << ": " << what;
    throw InventoryError(text.str());
  }
  std::optional<std::string> string_of(const toml::table& table, std::string_view key,
                                       const std::string& where) const;
  std::vector<std::string> strings_of(const toml::table& table, std::string_view key,
                                      const std::string& where,
                                      std::vector<const toml::node*>* nodes = nullptr) const;
  std::optional<double> seconds_of(const toml::table& table, std::string_view key,
                                   const std::string& where) const;
  std::optional<std::uint16_t> port_of(const toml::table& table, std::string_view key,
                                       const std::string& where) const;

 private:
  void reject_unknown(const toml::table& table, const Keys& known, const std::string& where) const;
  const toml::table& table_at(const toml::node& node, const std::string& what) const;
  Entry entry_of(const toml::table& table, const std::string& where, bool with_parents) const;
  void check_parents(const Entry& entry, const std::string& where) const;
  void ancestors(const std::string& group, std::vector<std::string>& out,
                 std::set<std::string>& visiting) const;
  void read_groups(const toml::table& root);
  InventoryHost read_host(const toml::key& key, const toml::node& value,
                          const Entry& defaults) const;

  std::string source_;
  std::map<std::string, Entry> groups_;
  std::map<std::string, const toml::node*> group_nodes_;
};

template <auto Field>
void nearest(HostSettings& into, const HostSettings& from) {
  if (!(into.*Field)) into.*Field = from.*Field;
}
template <auto Field>
void read_string(const Reader& r, const toml::table& t, std::string_view key,
                 const std::string& where, HostSettings& s) {
  s.*Field = r.string_of(t, key, where);
}
template <auto Field>
void read_seconds(const Reader& r, const toml::table& t, std::string_view key,
                  const std::string& where, HostSettings& s) {
  s.*Field = r.seconds_of(t, key, where);
}
template <auto Field>
void read_port(const Reader& r, const toml::table& t, std::string_view key,
               const std::string& where, HostSettings& s) {
  s.*Field = r.port_of(t, key, where);
}
template <auto Field>
void read_strings(const Reader& r, const toml::table& t, std::string_view key,
                  const std::string& where, HostSettings& s) {
  if (t.get(key)) s.*Field = r.strings_of(t, key, where);
}

const SettingKey setting_table[] = {
    {"platform", "string", read_string<&HostSettings::platform>, nearest<&HostSettings::platform>},
    {"transport", "string", read_string<&HostSettings::transport>,
     nearest<&HostSettings::transport>},
    {"port", "integer", read_port<&HostSettings::port>, nearest<&HostSettings::port>},
    {"credentials", "string", read_string<&HostSettings::credentials>,
     nearest<&HostSettings::credentials>},
    {"username", "string", read_string<&HostSettings::username>, nearest<&HostSettings::username>},
    {"timeout_connect", "number", read_seconds<&HostSettings::timeout_connect>,
     nearest<&HostSettings::timeout_connect>},
    {"timeout_ops", "number", read_seconds<&HostSettings::timeout_ops>,
     nearest<&HostSettings::timeout_ops>},
    {"commands", "array of strings", read_strings<&HostSettings::commands>,
     nearest<&HostSettings::commands>},
    {"jump_host", "string", read_string<&HostSettings::jump_host>,
     nearest<&HostSettings::jump_host>},
    {"ssh_config", "string", read_string<&HostSettings::ssh_config>,
     nearest<&HostSettings::ssh_config>},
    {"ssh_options", "array of strings", read_strings<&HostSettings::ssh_options>,
     nearest<&HostSettings::ssh_options>},
};

// Keys every table takes besides the settings: tags (merged, not inherited by nearest).
Keys setting_keys() {
  Keys keys;
  for (const auto& key : setting_table) keys.push_back(key.name);
  keys.push_back("tags");
  return keys;
}

std::string join(const Keys& keys) {
  std::string out;
  for (auto key : keys) out.append(out.empty() ? "" : ", ").append(key);
  return out;
}

void inherit(HostSettings& into, const HostSettings& from) {
  for (const auto& key : setting_table) key.inherit(into, from);
}

void Reader::reject_unknown(const toml::table& table, const Keys& known,
                            const std::string& where) const {
  for (auto&& [key, value] : table) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    fail(key.source(), "unknown key `" + std::string(key.str()) + "` in " + where +
                           " (known keys: " + join(known) + ")");
  }
}

const toml::table& Reader::table_at(const toml::node& node, const std::string& what) const {
  if (!node.is_table()) fail(node.source(), what + " must be a table");
  return *node.as_table();
}

std::optional<std::string> Reader::string_of(const toml::table& table, std::string_view key,
                                             const std::string& where) const {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  if (!node->is_string())
    fail(node->source(), "`" + std::string(key) + "` in " + where + " must be a string");
  std::string value = node->as_string()->get();
  if (value.empty())
    fail(node->source(), "`" + std::string(key) + "` in " + where + " must not be empty");
  return value;
}

std::vector<std::string> Reader::strings_of(const toml::table& table, std::string_view key,
                                            const std::string& where,
                                            std::vector<const toml::node*>* nodes) const {
  std::vector<std::string> out;
  const toml::node* node = table.get(key);
  if (!node) return out;
  std::string what = "`" + std::string(key) + "` in " + where;
  if (!node->is_array()) fail(node->source(), what + " must be an array of strings");
  for (const toml::node& item : *node->as_array()) {
    if (!item.is_string() || item.as_string()->get().empty())
      fail(item.source(), what + " must hold non-empty strings");
    out.push_back(item.as_string()->get());
    if (nodes) nodes->push_back(&item);
  }
  return out;
}

std::optional<double> Reader::seconds_of(const toml::table& table, std::string_view key,
                                         const std::string& where) const {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  auto value = node->value<double>();
  if (!value || !(*value > 0) || *value > 1e6)
    fail(node->source(),
         "`" + std::string(key) + "` in " + where + " must be a positive number of seconds");
  return value;
}

std::optional<std::uint16_t> Reader::port_of(const toml::table& table, std::string_view key,
                                             const std::string& where) const {
  const toml::node* port = table.get(key);
  if (!port) return std::nullopt;
  // Only an integer: toml++ 3.3 converts a float like 2e222 to int64 without a range
  // check (undefined behaviour, found by the inventory fuzz target).
  const auto* integer = port->as_integer();
  const std::optional<std::int64_t> value = integer ? std::optional(integer->get()) : std::nullopt;
  if (!value || *value < 1 || *value > 65535)
    fail(port->source(),
         "`" + std::string(key) + "` in " + where + " must be an integer from 1 to 65535");
  return static_cast<std::uint16_t>(*value);
}

Entry Reader::entry_of(const toml::table& table, const std::string& where,
                       bool with_parents) const {
  Entry entry;
  for (const auto& key : setting_table) key.read(*this, table, key.name, where, entry.settings);
  entry.tags = strings_of(table, "tags", where);
  if (with_parents) entry.parents = strings_of(table, "groups", where, &entry.parent_nodes);
  return entry;
}

void Reader::check_parents(const Entry& entry, const std::string& where) const {
  for (std::size_t i = 0; i < entry.parents.size(); ++i) {
    if (groups_.count(entry.parents[i])) continue;
    std::string known;
    for (const auto& [name, group] : groups_) known.append(known.empty() ? "" : ", ").append(name);
    fail(entry.parent_nodes[i]->source(),
         "unknown group `" + entry.parents[i] + "` in " + where +
             (known.empty() ? " (the inventory defines no [groups])" : " (groups: " + known + ")"));
  }
}

// `group` and its ancestors, depth first, nearest first; fails on a cycle.
void Reader::ancestors(const std::string& group, std::vector<std::string>& out,
                       std::set<std::string>& visiting) const {
  if (visiting.count(group))
    fail(group_nodes_.at(group)->source(), "group `" + group + "` inherits from itself");
  if (std::find(out.begin(), out.end(), group) != out.end()) return;
  visiting.insert(group);
  out.push_back(group);
  for (const auto& parent : groups_.at(group).parents) ancestors(parent, out, visiting);
  visiting.erase(group);
}

void Reader::read_groups(const toml::table& root) {
  const toml::node* node = root.get("groups");
  if (!node) return;
  for (auto&& [key, value] : table_at(*node, "[groups]")) {
    std::string where = "[groups." + std::string(key.str()) + "]";
    const auto& table = table_at(value, where);
    Keys keys = setting_keys();
    keys.push_back("groups");
    reject_unknown(table, keys, where);
    groups_[std::string(key.str())] = entry_of(table, where, true);
    group_nodes_[std::string(key.str())] = &value;
  }
  for (const auto& [name, group] : groups_) check_parents(group, "[groups." + name + "]");
  for (const auto& [name, group] : groups_) {  // a cycle is an error even in an unused group
    std::vector<std::string> lineage;
    std::set<std::string> visiting;
    ancestors(name, lineage, visiting);
  }
}

InventoryHost Reader::read_host(const toml::key& key, const toml::node& value,
                                const Entry& defaults) const {
  std::string where = "[hosts." + std::string(key.str()) + "]";
  if (key.str().empty()) fail(key.source(), "a host name must not be empty");
  const auto& table = table_at(value, where);
  Keys keys = setting_keys();
  keys.push_back("groups");
  keys.push_back("address");
  reject_unknown(table, keys, where);
  Entry entry = entry_of(table, where, true);
  check_parents(entry, where);

  InventoryHost host;
  host.name = std::string(key.str());
  host.address = string_of(table, "address", where).value_or(host.name);
  host.line = static_cast<int>(value.source().begin.line);
  host.settings = entry.settings;
  host.tags = entry.tags;
  for (const auto& parent : entry.parents) {
    std::set<std::string> visiting;
    ancestors(parent, host.groups, visiting);
  }
  for (const auto& group : host.groups) {
    inherit(host.settings, groups_.at(group).settings);
    add_unique(host.tags, groups_.at(group).tags);
  }
  host.specific = host.settings;
  inherit(host.settings, defaults.settings);
  add_unique(host.tags, defaults.tags);
  return host;
}

Inventory Reader::read(std::string_view text) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view{source_});
  } catch (const toml::parse_error& error) {
    fail(error.source(), "not valid TOML: " + std::string(error.description()));
  }
  reject_unknown(root, {"defaults", "groups", "hosts", "platforms"}, "the inventory's top level");
  Entry defaults;
  if (const toml::node* node = root.get("defaults")) {
    const auto& table = table_at(*node, "[defaults]");
    reject_unknown(table, setting_keys(), "[defaults]");
    defaults = entry_of(table, "[defaults]", false);
  }
  read_groups(root);

  Inventory inventory;
  inventory.defaults = defaults.settings;
  if (const toml::node* node = root.get("platforms")) {
    for (auto&& [key, value] : table_at(*node, "[platforms]")) {
      std::string where = "[platforms." + std::string(key.str()) + "]";
      const auto& table = table_at(value, where);
      reject_unknown(table, {"commands"}, where);
      inventory.platform_commands[std::string(key.str())] = strings_of(table, "commands", where);
    }
  }
  for (const auto& [name, group] : groups_) inventory.group_names.push_back(name);
  const toml::node* hosts = root.get("hosts");
  if (!hosts) fail(root.source(), "the inventory has no [hosts.NAME] tables");
  for (auto&& [key, value] : table_at(*hosts, "[hosts]")) {
    InventoryHost host = read_host(key, value, defaults);
    if (host.settings.credentials)
      add_unique(inventory.credential_refs, {*host.settings.credentials});
    inventory.hosts.push_back(std::move(host));
  }
  // toml++ keeps keys sorted; the user wrote them in an order that means something.
  std::stable_sort(inventory.hosts.begin(), inventory.hosts.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  return inventory;
}

}  // namespace

Inventory parse_inventory(std::string_view text, std::string_view source) {
  return Reader(source).read(text);
}

std::vector<InventoryKey> inventory_keys() {
  std::vector<InventoryKey> keys;
  for (const auto& key : setting_table)
    keys.push_back({key.name, key.type, {"defaults", "groups", "hosts"}});
  for (auto& key : keys)  // [platforms.NAME] takes commands only
    if (key.name == "commands") key.tables.push_back("platforms");
  keys.push_back({"tags", "array of strings", {"defaults", "groups", "hosts"}});
  keys.push_back({"groups", "array of strings", {"groups", "hosts"}});
  keys.push_back({"address", "string", {"hosts"}});
  return keys;
}

}  // namespace vty::cli
