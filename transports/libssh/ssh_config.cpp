#include "ssh_config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace vty::detail {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool space(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

// "Keyword value", "Keyword=value", "Keyword = "quoted value"": the keyword and its words.
bool split_line(std::string_view line, std::string& keyword, std::vector<std::string>& args) {
  std::size_t i = 0;
  while (i < line.size() && space(line[i])) ++i;
  if (i == line.size() || line[i] == '#') return false;
  const std::size_t start = i;
  while (i < line.size() && !space(line[i]) && line[i] != '=') ++i;
  keyword = lower(line.substr(start, i - start));
  while (i < line.size() && space(line[i])) ++i;
  if (i < line.size() && line[i] == '=') ++i;
  args.clear();
  while (i < line.size()) {
    while (i < line.size() && space(line[i])) ++i;
    if (i == line.size() || line[i] == '#') break;
    std::string word;
    if (line[i] == '"') {
      const auto end = line.find('"', i + 1);
      if (end == std::string_view::npos) throw std::invalid_argument("unterminated quote");
      word = line.substr(i + 1, end - i - 1);
      i = end + 1;
    } else {
      while (i < line.size() && !space(line[i])) word += line[i++];
    }
    args.push_back(std::move(word));
  }
  return true;
}

// ssh_config's wildcards: * any run, ? one character; case-insensitive as host names are.
bool glob(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  auto same = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  };
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || same(pattern[p], text[t]))) {
      ++p, ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

int to_int(const std::string& text, const std::string& where, const std::string& keyword) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0)
    throw std::invalid_argument(where + ": " + keyword + " takes a whole number, not \"" + text +
                                "\"");
  return value;
}

std::uint16_t to_port(const std::string& text, const std::string& where) {
  const int value = to_int(text, where, "Port");
  if (value < 1 || value > 65535)
    throw std::invalid_argument(where + ": Port must be from 1 to 65535, not \"" + text + "\"");
  return static_cast<std::uint16_t>(value);
}

// The first word of a line whose keyword takes one value, or every word joined (ProxyCommand).
std::string joined(const std::vector<std::string>& args) {
  std::string text;
  for (const auto& arg : args) text += (text.empty() ? "" : " ") + arg;
  return text;
}

}  // namespace

bool ssh_host_matches(std::string_view host, const std::vector<std::string>& patterns) {
  bool matched = false;
  for (const auto& entry : patterns) {
    std::string_view list(entry);
    // A Host line's words may themselves be comma-separated lists.
    while (!list.empty()) {
      const auto comma = list.find(',');
      std::string_view pattern = list.substr(0, comma);
      list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
      if (pattern.empty()) continue;
      const bool negated = pattern.front() == '!';
      if (negated) pattern.remove_prefix(1);
      if (!glob(pattern, host)) continue;
      if (negated) return false;  // a negated match rules the host out whatever else matches
      matched = true;
    }
  }
  return matched;
}

void SshConfig::add(std::string_view text, const std::string& source,
                    const SshConfigIncluder& include) {
  add_text(text, source, include, 0);
  // A Host block in one file does not extend into the next source.
  blocks_.push_back(Block{.patterns = {"*"}});
}

void SshConfig::add_text(std::string_view text, const std::string& source,
                         const SshConfigIncluder& include, int depth) {
  int number = 0;
  while (!text.empty()) {
    ++number;
    const auto newline = text.find('\n');
    const std::string_view raw = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    Line line{.where = source + ":" + std::to_string(number)};
    try {
      if (!split_line(raw, line.keyword, line.args)) continue;
    } catch (const std::invalid_argument& problem) {
      throw std::invalid_argument(line.where + ": " + problem.what());
    }
    add_line(std::move(line), include, depth);
  }
}

void SshConfig::add_line(Line line, const SshConfigIncluder& include, int depth) {
  if (line.keyword == "host") {
    blocks_.push_back(Block{.patterns = line.args});
    return;
  }
  if (line.keyword == "match") {
    const bool all = line.args.size() == 1 && lower(line.args[0]) == "all";
    blocks_.push_back(Block{.patterns = {"*"}, .never = !all});
    return;
  }
  if (line.keyword == "include") {
    // OpenSSH's own limit on nesting, and one on the files read in all (files that include
    // each other several times would otherwise multiply); an included file's Host lines end
    // where it ends.
    if (!include || depth >= 16) return;
    const Block enclosing = blocks_.back();
    for (const auto& pattern : line.args)
      for (const auto& [path, text] : include(pattern)) {
        if (++included_ > 256)
          throw std::invalid_argument(line.where + ": more than 256 files included in all");
        add_text(text, path, include, depth + 1);
      }
    Block resumed{.patterns = enclosing.patterns, .never = enclosing.never};
    blocks_.push_back(std::move(resumed));
    return;
  }
  if (line.args.empty())
    throw std::invalid_argument(line.where + ": " + line.keyword + " needs a value");
  blocks_.back().lines.push_back(std::move(line));
}

void SshConfig::add_option(std::string_view option) {
  Line line{.where = "option \"" + std::string(option) + "\""};
  try {
    if (!split_line(option, line.keyword, line.args)) return;
  } catch (const std::invalid_argument& problem) {
    throw std::invalid_argument(line.where + ": " + problem.what());
  }
  if (line.keyword == "host" || line.keyword == "match" || line.keyword == "include")
    throw std::invalid_argument(line.where + ": not an option for one connection");
  if (line.args.empty()) throw std::invalid_argument(line.where + " needs a value");
  options_.lines.push_back(std::move(line));
}

SshHostConfig SshConfig::lookup(std::string_view host, bool with_options) const {
  SshHostConfig found;
  auto set = [](auto& field, auto value) {
    if (!field) field = std::move(value);
  };
  std::vector<const Block*> order;
  if (with_options) order.push_back(&options_);
  for (const auto& block : blocks_) order.push_back(&block);
  for (const Block* each : order) {
    const Block& block = *each;
    if (block.never) continue;
    if (!block.patterns.empty() && !ssh_host_matches(host, block.patterns)) continue;
    for (const auto& line : block.lines) {
      const auto& keyword = line.keyword;
      const auto& value = line.args.front();
      if (keyword == "hostname") {
        std::string name;
        for (std::size_t i = 0; i < value.size(); ++i) {
          if (value[i] == '%' && i + 1 < value.size() && value[i + 1] == 'h') {
            name += host;
            ++i;
          } else if (value[i] == '%' && i + 1 < value.size() && value[i + 1] == '%') {
            name += '%';
            ++i;
          } else {
            name += value[i];
          }
        }
        set(found.hostname, name);
      } else if (keyword == "port") {
        if (!found.port) found.port = to_port(value, line.where);
      } else if (keyword == "user") {
        set(found.user, value);
      } else if (keyword == "identityfile") {
        if (lower(value) != "none") found.identity_files.push_back(value);
      } else if (keyword == "proxyjump") {
        set(found.proxy_jump, value);
      } else if (keyword == "proxycommand") {
        set(found.proxy_command, joined(line.args));
      } else if (keyword == "kexalgorithms") {
        set(found.kex_algorithms, value);
      } else if (keyword == "ciphers") {
        set(found.ciphers, value);
      } else if (keyword == "macs") {
        set(found.macs, value);
      } else if (keyword == "hostkeyalgorithms") {
        set(found.host_key_algorithms, value);
      } else if (keyword == "pubkeyacceptedalgorithms" || keyword == "pubkeyacceptedkeytypes") {
        set(found.pubkey_accepted_algorithms, value);
      } else if (keyword == "connecttimeout") {
        if (!found.connect_timeout)
          found.connect_timeout = to_int(value, line.where, "ConnectTimeout");
      } else if (keyword == "serveraliveinterval") {
        if (!found.server_alive_interval)
          found.server_alive_interval = to_int(value, line.where, "ServerAliveInterval");
      } else if (keyword == "serveralivecountmax") {
        if (!found.server_alive_count_max)
          found.server_alive_count_max = to_int(value, line.where, "ServerAliveCountMax");
      }
      // Other keywords (SendEnv, HashKnownHosts, ...) do not concern this transport.
    }
  }
  return found;
}

std::vector<JumpHop> parse_proxy_jump(std::string_view value) {
  std::vector<JumpHop> hops;
  while (!value.empty()) {
    const auto comma = value.find(',');
    std::string_view text = value.substr(0, comma);
    value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
    const std::string original(text);
    if (text.starts_with("ssh://")) text.remove_prefix(6);
    JumpHop hop;
    if (const auto at = text.rfind('@'); at != std::string_view::npos) {
      hop.user = text.substr(0, at);
      text.remove_prefix(at + 1);
    }
    std::string_view port;
    if (text.starts_with('[')) {  // [v6]:port
      const auto close = text.find(']');
      if (close == std::string_view::npos)
        throw std::invalid_argument("bad jump host \"" + original + "\"");
      hop.host = text.substr(1, close - 1);
      if (close + 1 < text.size()) {
        if (text[close + 1] != ':')
          throw std::invalid_argument("bad jump host \"" + original + "\"");
        port = text.substr(close + 2);
      }
    } else if (const auto colon = text.find(':');
               colon != std::string_view::npos &&
               text.find(':', colon + 1) == std::string_view::npos) {
      hop.host = text.substr(0, colon);
      port = text.substr(colon + 1);
    } else {
      hop.host = text;
    }
    if (hop.host.empty()) throw std::invalid_argument("bad jump host \"" + original + "\"");
    if (!port.empty()) hop.port = to_port(std::string(port), "jump host \"" + original + "\"");
    hops.push_back(std::move(hop));
  }
  return hops;
}

}  // namespace vty::detail
