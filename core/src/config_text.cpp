#include "config_text.hpp"

namespace vty::detail {

std::string with(std::string command, std::string_view key, std::string_view value) {
  for (auto at = command.find(key); at != std::string::npos;
       at = command.find(key, at + value.size()))
    command.replace(at, key.size(), value);
  return command;
}

std::string with_minutes(std::string command, int minutes) {
  std::string hours = std::to_string(minutes / 60);
  std::string rest = std::to_string(minutes % 60);
  std::string clock =
      (hours.size() < 2 ? "0" : "") + hours + ":" + (rest.size() < 2 ? "0" : "") + rest + ":00";
  command = with(std::move(command), "{seconds}", std::to_string(minutes * 60));
  return with(with(std::move(command), "{minutes}", std::to_string(minutes)), "{hh:mm:ss}", clock);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) lines.push_back(std::move(line));
    begin = end + 1;
  }
  return lines;
}

}  // namespace vty::detail
