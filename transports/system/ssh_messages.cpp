#include "ssh_messages.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <vector>

namespace vty::detail {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = trim(text.substr(0, end));
    if (!line.empty()) lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

// How ssh's lines begin; matched case-sensitively at the start of a trimmed line.
// clang-format off
constexpr std::array ssh_line_starts{
    "Warning:", "@", "ssh:", "kex_exchange_identification:", "Connection ", "Permission denied",
    "Host key", "Load key", "Unable to negotiate", "The authenticity of host", "This key is not",
    "Offending ", "Please contact", "It is also possible", "Someone could be", "IT IS POSSIBLE",
    "The fingerprint for", "Add correct host key", "Matching host key", "Are you sure",
    "Pseudo-terminal", "Authenticated to", "debug", "Received disconnect", "Disconnected from",
    "Bad ", "command-line", "Identity file", "Enter passphrase", "Too many authentication",
    "Authentication failed", "Keyboard-interactive", "End of keyboard-interactive",
    "ECDSA key fingerprint", "ED25519 key fingerprint", "RSA key fingerprint",
    "Password authentication", "banner exchange", "Read from remote host", "client_loop:",
    "channel ", "Killed by signal", "Shared connection", "Bad owners", "Transferred:", "SHA256:",
    "MD5:", "remove with:", "ssh-keygen ", "+---[", "|", "+----"};
// clang-format on

bool looks_like_ssh_line(std::string_view line) {
  // Lines that ssh prefixes with "user@host: " or "ssh: ".
  constexpr std::array ssh_line_parts{"host key is known for", "Permission denied",
                                      "Connection closed by", "Connection reset by"};
  if (std::any_of(ssh_line_parts.begin(), ssh_line_parts.end(),
                  [&](std::string_view part) { return line.find(part) != std::string_view::npos; }))
    return true;
  return std::any_of(ssh_line_starts.begin(), ssh_line_starts.end(),
                     [&](std::string_view start) { return line.starts_with(start); });
}

std::string_view after(std::string_view text, std::string_view marker) {
  auto at = text.find(marker);
  return at == std::string_view::npos ? std::string_view{} : trim(text.substr(at + marker.size()));
}

// "Offending ED25519 key in /home/u/.ssh/known_hosts:3" (also "Offending key for IP in").
void find_offending_key(std::string_view line, SshFailure& failure) {
  if (!line.starts_with("Offending ")) return;
  auto location = after(line, " in ");
  auto colon = location.rfind(':');
  if (colon == std::string_view::npos) return;
  int number = 0;
  auto digits = location.substr(colon + 1);
  // A line number is digits only (from_chars would take "-22"; fuzzing found it).
  if (digits.empty() || digits.front() < '0' || digits.front() > '9' ||
      std::from_chars(digits.data(), digits.data() + digits.size(), number).ec != std::errc{})
    return;
  failure.known_hosts_file = std::string(location.substr(0, colon));
  failure.known_hosts_line = number;
}

SshFailure negotiation_failure(std::string_view line) {
  struct Algorithm {
    std::string_view what, option;
  };
  constexpr std::array algorithms{Algorithm{"key exchange method", "KexAlgorithms"},
                                  Algorithm{"host key type", "HostKeyAlgorithms"},
                                  Algorithm{"cipher", "Ciphers"}, Algorithm{"MAC", "MACs"}};
  auto offer = std::string(after(line, "Their offer:"));
  for (const auto& algorithm : algorithms) {
    if (line.find(std::string("no matching ") + std::string(algorithm.what)) ==
        std::string_view::npos)
      continue;
    std::string summary = "no " + std::string(algorithm.what) + " in common with the device";
    if (!offer.empty())
      summary += ": the device offers " + offer + "; `-o " + std::string(algorithm.option) + "=+" +
                 offer + "` (in Options::ssh_options or the ssh config) would allow it";
    return {.kind = SshFailureKind::no_common_algorithm, .summary = summary};
  }
  return {.kind = SshFailureKind::no_common_algorithm, .summary = std::string(line)};
}

}  // namespace

SshPrompt classify_prompt(std::string_view partial_line) {
  const auto text = lower(trim(partial_line));
  if (text.empty()) return SshPrompt::none;
  if (text.find("are you sure you want to continue connecting") != std::string::npos)
    return SshPrompt::host_key_question;
  if (text.find("passphrase") != std::string::npos && text.ends_with(":"))
    return SshPrompt::passphrase;
  // "user@host's password:", "(user@host) Password:", "Password for user@host:", "Password:"
  if (text.ends_with(":") && text.find("password") != std::string::npos) return SshPrompt::password;
  return SshPrompt::none;
}

bool is_ssh_message(std::string_view line) {
  line = trim(line);
  if (line.empty()) return true;
  if (looks_like_ssh_line(line)) return true;
  // Prompts answered earlier, now followed by their newline.
  return classify_prompt(line) != SshPrompt::none;
}

bool may_become_ssh_message(std::string_view partial_line) {
  auto line = trim(partial_line);
  if (line.empty() || looks_like_ssh_line(line)) return true;
  return std::any_of(ssh_line_starts.begin(), ssh_line_starts.end(),
                     [&](std::string_view start) { return start.starts_with(line); });
}

bool announces_exit(std::string_view text) {
  return text.find("Host key verification failed.") != std::string_view::npos ||
         text.find("Permission denied (") != std::string_view::npos ||
         text.find("Unable to negotiate with") != std::string_view::npos;
}

std::optional<SshFailure> classify_failure(std::string_view output) {
  const auto lines = lines_of(output);
  SshFailure changed{.kind = SshFailureKind::host_key_changed};
  bool host_key_changed = false;
  for (auto line : lines) {
    if (line.find("REMOTE HOST IDENTIFICATION HAS CHANGED") != std::string_view::npos ||
        line.find("has changed and you have requested strict checking") != std::string_view::npos)
      host_key_changed = true;
    find_offending_key(line, changed);
  }
  if (host_key_changed) {
    changed.summary = "the device's host key has changed";
    if (!changed.known_hosts_file.empty())
      changed.summary += ": the known key is in " + changed.known_hosts_file + " line " +
                         std::to_string(changed.known_hosts_line);
    return changed;
  }
  std::string unknown_key_line = lines.empty() ? std::string() : std::string(lines.front());
  for (auto line : lines)
    if (line.find("host key is known for") != std::string_view::npos) unknown_key_line = line;
  for (auto line : lines) {
    const std::string text(line);
    if (line.starts_with("Unable to negotiate")) return negotiation_failure(line);
    if (line.find("Permission denied") != std::string_view::npos ||
        line.find("Too many authentication") != std::string_view::npos)
      return SshFailure{.kind = SshFailureKind::authentication,
                        .summary = "the device refused the login: " + text};
    if (line.starts_with("Host key verification failed") ||
        line.find("host key is known for") != std::string_view::npos)
      return SshFailure{
          .kind = SshFailureKind::host_key_unknown,
          .summary = "the device's host key is not known (strict checking): " + unknown_key_line};
    if (line.find("Connection refused") != std::string_view::npos)
      return SshFailure{.kind = SshFailureKind::refused, .summary = text};
    if (line.find("Connection timed out") != std::string_view::npos ||
        line.find("Operation timed out") != std::string_view::npos)
      return SshFailure{.kind = SshFailureKind::timed_out, .summary = text};
    if (line.find("Could not resolve hostname") != std::string_view::npos ||
        line.find("No route to host") != std::string_view::npos ||
        line.find("Network is unreachable") != std::string_view::npos)
      return SshFailure{.kind = SshFailureKind::unreachable, .summary = text};
  }
  for (auto line : lines) {
    if (line.find("Connection closed by") != std::string_view::npos ||
        line.find("Connection reset by") != std::string_view::npos ||
        line.find("closed by remote host") != std::string_view::npos ||
        line.starts_with("Received disconnect from") || line.starts_with("Disconnected from"))
      return SshFailure{.kind = SshFailureKind::closed, .summary = std::string(line)};
  }
  if (lines.empty()) return std::nullopt;
  return SshFailure{.kind = SshFailureKind::other, .summary = std::string(lines.back())};
}

}  // namespace vty::detail
