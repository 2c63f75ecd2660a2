// ntc-templates' `index`: python3-textfsm's clitable.IndexTable with CliTable's [[...]]
// completion; a row matches when each of its Platform and Command patterns matches the
// start of the given value (re.match), the first matching row wins.
#include <fstream>
#include <optional>

#include "textfsm/pattern.hpp"
#include "vty/textfsm.hpp"

namespace vty::textfsm {
namespace {

std::string strip(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> split(std::string_view s, char separator) {
  std::vector<std::string> parts;
  for (std::size_t begin = 0;;) {
    std::size_t at = s.find(separator, begin);
    parts.push_back(strip(s.substr(begin, at - begin)));
    if (at == std::string_view::npos) return parts;
    begin = at + 1;
  }
}

// "sh[[ow]]" -> "sh(o(w)?)?": each further letter may be typed or not.
std::string expand_completions(std::string_view command) {
  std::string out;
  for (std::size_t i = 0; i < command.size();) {
    std::size_t close =
        command.compare(i, 2, "[[") == 0 ? command.find("]]", i + 3) : std::string::npos;
    if (close == std::string_view::npos) {
      out += command[i++];
      continue;
    }
    std::string_view word = command.substr(i + 2, close - i - 2);
    out += '(';
    for (std::size_t k = 0; k < word.size(); ++k) out += (k ? "(" : "") + std::string(1, word[k]);
    for (std::size_t k = 0; k < word.size(); ++k) out += ")?";
    i = close + 2;
  }
  return out;
}

struct IndexRow {
  std::string templates;
  std::optional<detail::Pattern> platform, command;
};

}  // namespace

struct TemplateIndex::Impl {
  std::filesystem::path folder;
  std::vector<IndexRow> rows;
};

TemplateIndex::TemplateIndex(std::filesystem::path folder) : impl_(std::make_unique<Impl>()) {
  impl_->folder = std::move(folder);
  auto path = impl_->folder / "index";
  std::ifstream in(path);
  if (!in) throw TextFsmLookupError("cannot read the template index " + path.string());
  std::string line;
  std::vector<std::string> header;
  std::size_t line_num = 0;
  while (header.empty() && std::getline(in, line)) {
    ++line_num;
    std::string text = strip(std::string_view(line).substr(0, line.find('#')));
    if (!text.empty()) header = split(text, ',');
  }
  auto column = [&](std::string_view name) -> int {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    return -1;
  };
  int tpl = column("Template"), platform = column("Platform"), command = column("Command");
  if (tpl < 0) throw TextFsmLookupError(path.string() + ": no Template column in the header");
  auto compile = [&](const std::string& regex) -> std::optional<detail::Pattern> {
    if (regex.empty()) return std::nullopt;
    try {
      return detail::Pattern(regex);
    } catch (const detail::RegexError& e) {
      throw TextFsmTemplateError(path.string(), line_num,
                                 "bad pattern '" + regex + "': " + e.what());
    }
  };
  while (std::getline(in, line)) {
    ++line_num;
    if (line.starts_with('#')) continue;
    auto cells = split(line, ',');
    if (cells.size() != header.size()) continue;  // python3-textfsm drops such rows silently
    IndexRow row{cells[tpl], std::nullopt, std::nullopt};
    if (platform >= 0) row.platform = compile(cells[platform]);
    if (command >= 0) row.command = compile(expand_completions(cells[command]));
    impl_->rows.push_back(std::move(row));
  }
}

TemplateIndex::~TemplateIndex() = default;
TemplateIndex::TemplateIndex(TemplateIndex&&) noexcept = default;
TemplateIndex& TemplateIndex::operator=(TemplateIndex&&) noexcept = default;

std::string TemplateIndex::ntc_platform(std::string_view vty_platform) {
  if (vty_platform == "cisco_iosxe") return "cisco_ios";
  if (vty_platform == "cisco_iosxr") return "cisco_xr";
  return std::string(vty_platform);
}

std::vector<std::filesystem::path> TemplateIndex::find(std::string_view platform,
                                                       std::string_view command) const {
  std::string ntc = ntc_platform(platform);
  std::string wanted = strip(command);
  detail::MatchData data(64);
  for (const auto& row : impl_->rows) {
    if (row.platform && !row.platform->match(ntc, data)) continue;
    if (row.command && !row.command->match(wanted, data)) continue;
    std::vector<std::filesystem::path> paths;
    for (const auto& name : split(row.templates, ':')) paths.push_back(impl_->folder / name);
    return paths;
  }
  return {};
}

std::vector<Row> TemplateIndex::parse(std::string_view platform, std::string_view command,
                                      std::string_view output) const {
  auto paths = find(platform, command);
  if (paths.empty())
    throw TextFsmLookupError("no template in " + (impl_->folder / "index").string() +
                             " for platform " + ntc_platform(platform) + " and command \"" +
                             std::string(command) + "\"");
  return Template::cached(paths.front())->parse(output);
}

}  // namespace vty::textfsm
