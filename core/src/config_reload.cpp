#include "config_reload.hpp"

#include <algorithm>

namespace vty::detail {
namespace {

struct Node {
  std::string line;  // without its indentation
  std::vector<Node> children;
};

bool is_noise(std::string_view line) {
  if (line.empty() || line == "!" || line == "end" || line.rfind("exit", 0) == 0) return true;
  for (std::string_view prefix :
       {"Building configuration", "Current configuration", "frr version", "frr defaults"}) {
    if (line.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

// Each kept line with its indentation.
std::vector<std::pair<std::size_t, std::string>> kept_lines(std::string_view text) {
  std::vector<std::pair<std::size_t, std::string>> lines;
  while (!text.empty()) {
    std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
    std::string_view content = line.substr(indent);
    if (!is_noise(content)) lines.emplace_back(indent, std::string(content));
  }
  return lines;
}

std::vector<Node> parse(std::string_view text) {
  std::vector<Node> top;
  // The open blocks: their indentation and where they are.
  std::vector<std::pair<std::size_t, std::vector<Node>*>> open{{0, &top}};
  for (auto& [indent, line] : kept_lines(text)) {
    while (open.size() > 1 && indent <= open.back().first) open.pop_back();
    std::vector<Node>& siblings = *open.back().second;
    siblings.push_back({std::move(line), {}});
    open.emplace_back(indent, &siblings.back().children);
  }
  return top;
}

const Node* find(const std::vector<Node>& nodes, const std::string& line) {
  for (const auto& node : nodes)
    if (node.line == line) return &node;
  return nullptr;
}

class Planner {
 public:
  std::vector<std::string> commands;

  void compare(const std::vector<Node>& before, const std::vector<Node>& after) {
    for (const auto& node : before) {
      if (find(after, node.line)) continue;
      enter();
      commands.push_back(node.line.rfind("no ", 0) == 0 ? node.line.substr(3) : "no " + node.line);
      leave();
    }
    for (const auto& node : after) {
      if (const Node* old = find(before, node.line)) {
        path_.push_back(node.line);
        compare(old->children, node.children);
        path_.pop_back();
        continue;
      }
      enter();
      add(node);
      leave();
    }
  }

 private:
  void enter() { commands.insert(commands.end(), path_.begin(), path_.end()); }
  void leave() { commands.insert(commands.end(), path_.size(), "exit"); }
  void add(const Node& node) {
    commands.push_back(node.line);
    for (const auto& child : node.children) add(child);
    if (!node.children.empty()) commands.push_back("exit");
  }

  std::vector<std::string> path_;
};

}  // namespace

std::string configuration_lines(std::string_view text) {
  std::string out;
  for (const auto& [indent, line] : kept_lines(text)) {
    if (!out.empty()) out += '\n';
    out += std::string(indent, ' ') + line;
  }
  return out;
}

std::vector<std::string> reload_commands(std::string_view running, std::string_view target) {
  Planner planner;
  planner.compare(parse(running), parse(target));
  return planner.commands;
}

}  // namespace vty::detail
