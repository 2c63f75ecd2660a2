// The credentials file (TOML): named credential sets, one table each. A pure function over
// text; reading the file (and refusing one that others can read) is credentials_file().
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vty::cli {

// A bad credentials file: what() is "source:line:col: what is wrong" (or says why the
// file itself was refused).
struct CredentialsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Unset fields fall back to the command line and environment.
struct CredentialSet {
  std::optional<std::string> username;
  std::optional<std::string> password;
  std::optional<std::string> secondary;    // the enable password
  std::optional<std::string> private_key;  // a key file
  std::optional<std::string> passphrase;   // unlocks private_key
};

using Credentials = std::map<std::string, CredentialSet, std::less<>>;

// Parses a credentials file's text:
//   [default]            the set of hosts that name none
//   username = "admin"
//   password = "..."
//   [core]               named by `credentials = "core"` in the inventory
//   username = "netops"
//   secondary = "..."
//   private_key = "/home/me/.ssh/core_ed25519"
Credentials parse_credentials(std::string_view text, std::string_view source);

// The keys a credential set takes (docs/inventory.md is checked against them).
const std::vector<std::string_view>& credential_keys();

// Reads and parses `file`, refusing it (CredentialsError saying why) unless it is a regular
// file that only its owner can read or write (mode 0600 or 0400).
Credentials credentials_file(const std::filesystem::path& file);

}  // namespace vty::cli
