#include "credentials.hpp"

#include <sys/stat.h>

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace vty::cli {
namespace {

[[noreturn]] void fail(std::string_view source, const toml::source_region& where,
                       const std::string& what) {
  std::ostringstream text;
  text << source << ':' << where.begin.line << ':' << where.begin.column << ": " << what;
  throw CredentialsError(text.str());
}

std::optional<std::string> field(std::string_view source, const toml::table& table,
                                 std::string_view key, const std::string& set) {
  const toml::node* node = table.get(key);
  if (!node) return std::nullopt;
  if (!node->is_string())
    fail(source, node->source(), "`" + std::string(key) + "` in [" + set + "] must be a string");
  return node->as_string()->get();
}

}  // namespace

const std::vector<std::string_view>& credential_keys() {
  static const std::vector<std::string_view> keys{"username", "password", "secondary",
                                                  "private_key", "passphrase"};
  return keys;
}

Credentials parse_credentials(std::string_view text, std::string_view source) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view{source});
  } catch (const toml::parse_error& error) {
    // The description may quote the offending line, which may hold a secret: keep only
    // where it is.
    fail(source, error.source(), "not valid TOML");
  }
  Credentials credentials;
  for (auto&& [key, value] : root) {
    std::string set(key.str());
    if (!value.is_table())
      fail(source, value.source(),
           "`" + set + "` must be a table: [" + set + "] with username, password, ...");
    const toml::table& table = *value.as_table();
    for (auto&& [field_key, field_value] : table) {
      auto name = field_key.str();
      const auto& known = credential_keys();
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        fail(source, field_key.source(),
             "unknown key `" + std::string(name) + "` in [" + set +
                 "] (known keys: username, password, secondary, private_key, passphrase)");
      }
    }
    CredentialSet entry;
    entry.username = field(source, table, "username", set);
    entry.password = field(source, table, "password", set);
    entry.secondary = field(source, table, "secondary", set);
    entry.private_key = field(source, table, "private_key", set);
    entry.passphrase = field(source, table, "passphrase", set);
    credentials.emplace(set, std::move(entry));
  }
  return credentials;
}

Credentials credentials_file(const std::filesystem::path& file) {
  struct stat info {};
  if (stat(file.c_str(), &info) != 0)
    throw CredentialsError("cannot read credentials file " + file.string());
  if (!S_ISREG(info.st_mode))
    throw CredentialsError("credentials file " + file.string() + " is not a regular file");
  if ((info.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    throw CredentialsError("refusing credentials file " + file.string() + ": its mode is " + mode +
                           ", so other users can read it; chmod 600 " + file.string());
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw CredentialsError("cannot read credentials file " + file.string());
  std::stringstream text;
  text << in.rdbuf();
  return parse_credentials(text.str(), file.string());
}

}  // namespace vty::cli
