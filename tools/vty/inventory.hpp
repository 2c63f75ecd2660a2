// The inventory file (TOML): defaults, groups that inherit from groups, and hosts. A pure
// function over text, so that it can be tested and fuzzed without files.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vty::cli {

// A bad inventory: what() is "source:line:col: what is wrong".
struct InventoryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What a host, a group or the defaults may set; unset fields inherit (the nearest wins).
struct HostSettings {
  std::optional<std::string> platform;  // a platform name, or "auto"
  std::optional<std::string> transport;
  std::optional<std::string> credentials;  // a named set of the credentials file
  std::optional<std::string> username;
  std::optional<std::uint16_t> port;
  std::optional<double> timeout_connect;                // seconds
  std::optional<double> timeout_ops;                    // seconds
  std::optional<std::vector<std::string>> commands;     // sent after the command line's
  std::optional<std::string> jump_host;                 // as Options::jump_host
  std::optional<std::string> ssh_config;                // as Options::ssh_config_file
  std::optional<std::vector<std::string>> ssh_options;  // "Key=Value", as `ssh -o`
};

// A host with everything inherited filled in (what is still unset was set nowhere).
struct InventoryHost {
  std::string name;
  std::string address;              // the name when not given
  std::vector<std::string> groups;  // its groups and their ancestors, nearest first
  std::vector<std::string> tags;    // its own and its groups', without duplicates
  HostSettings settings;            // resolved: the host, its groups, then [defaults]
  HostSettings specific;            // the host and its groups only (they outrank flags)
  int line = 0;                     // where it is defined, for messages
};

struct Inventory {
  std::vector<InventoryHost> hosts;          // in file order
  std::vector<std::string> group_names;      // every group, sorted
  std::vector<std::string> credential_refs;  // every credential set named anywhere
  HostSettings defaults;                     // [defaults] (command-line flags outrank it)
  // [platforms.NAME] commands: for hosts whose own and groups' lists are unset, by the
  // platform they run (the detected one for "auto"); they outrank [defaults]' list.
  std::map<std::string, std::vector<std::string>> platform_commands;
};

// Parses and resolves an inventory. `source` names it in errors. Throws InventoryError
// for invalid TOML, unknown keys, wrong types, unknown or cyclic groups, and bad values.
//
//   [defaults]                  platform, transport, port, credentials, username,
//   platform = "cisco_iosxe"    timeout_connect, timeout_ops, commands, tags, jump_host,
//                               ssh_config, ssh_options
//   [groups.core]               the same keys, plus groups = ["parent", ...]
//   groups = ["dc1"]
//   [hosts.r1]                  the same keys, plus address (default: the name)
//   address = "10.0.0.1"
//   groups = ["core"]
//   [platforms.juniper_junos]   commands only
//   commands = ["show system uptime"]
// docs/inventory.md describes every key.
Inventory parse_inventory(std::string_view text, std::string_view source);

// One key the loader accepts: its name, its TOML type and the tables that take it
// ("defaults", "groups", "hosts"). docs/inventory.md is checked against this list.
struct InventoryKey {
  std::string_view name;
  std::string_view type;
  std::vector<std::string_view> tables;
};
std::vector<InventoryKey> inventory_keys();

}  // namespace vty::cli
