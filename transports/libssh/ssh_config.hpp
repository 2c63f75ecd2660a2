// OpenSSH's client configuration (ssh_config(5)) as the libssh transport reads it (sans-io):
// Host blocks with patterns, the first value of each keyword winning, as `ssh` does.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vty::detail {

// What the configuration says about one host; unset fields were said nowhere.
struct SshHostConfig {
  std::optional<std::string> hostname{};  // %h already replaced by the host as given
  std::optional<std::uint16_t> port{};
  std::optional<std::string> user{};
  std::vector<std::string> identity_files{};  // every one given, in order, unexpanded
  std::optional<std::string> proxy_jump{};    // "none" or "[user@]host[:port][,...]"
  std::optional<std::string> proxy_command{};
  std::optional<std::string> kex_algorithms{};  // as written: "+a,b", "-a", "^a", "a,b"
  std::optional<std::string> ciphers{};
  std::optional<std::string> macs{};
  std::optional<std::string> host_key_algorithms{};
  std::optional<std::string> pubkey_accepted_algorithms{};
  std::optional<int> connect_timeout{};  // seconds
  std::optional<int> server_alive_interval{};
  std::optional<int> server_alive_count_max{};
};

// Reads a file named by an Include line: (path, text) for each match of a glob pattern.
using SshConfigIncluder =
    std::function<std::vector<std::pair<std::string, std::string>>(const std::string& pattern)>;

class SshConfig {
 public:
  // Appends one source's lines after those already read (so earlier sources win): `-o`
  // options first, then the user's file, then the system's. A value that cannot be used
  // throws std::invalid_argument naming `source` and the line.
  void add(std::string_view text, const std::string& source, const SshConfigIncluder& include = {});
  // Adds one "Keyword=value" (or "Keyword value"), as `ssh -o` does: before every file's
  // lines, for the connection's target only.
  void add_option(std::string_view option);

  // The values that apply to `host` (the name as given, before HostName); `with_options`:
  // the host is the connection's target, not a jump host on the way.
  SshHostConfig lookup(std::string_view host, bool with_options = true) const;

 private:
  struct Line {
    std::string keyword{};  // lower case
    std::vector<std::string> args{};
    std::string where{};  // "file:line", for errors
  };
  struct Block {
    std::vector<std::string> patterns{};  // empty: every host (lines before the first Host)
    bool never = false;                   // a Match block other than "Match all"
    std::vector<Line> lines{};
  };
  void add_line(Line line, const SshConfigIncluder& include, int depth);
  void add_text(std::string_view text, const std::string& source, const SshConfigIncluder& include,
                int depth);

  Block options_{};
  int included_ = 0;  // files read through Include lines
  std::vector<Block> blocks_{Block{}};
};

// True when `host` matches a Host line's pattern list ("a*,b?" or "*.lab !bad.lab").
bool ssh_host_matches(std::string_view host, const std::vector<std::string>& patterns);

// One hop of a ProxyJump list: "[user@]host[:port]" or "ssh://[user@]host[:port]".
struct JumpHop {
  std::string user{};
  std::string host{};
  std::uint16_t port = 0;  // 0: not given
};
// Splits "a,b,c" into hops, first hop first. Throws std::invalid_argument on a bad hop.
std::vector<JumpHop> parse_proxy_jump(std::string_view value);

}  // namespace vty::detail
