#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "textfsm/program.hpp"
#include "vty/textfsm.hpp"

namespace vty {
namespace {

std::string located(const std::string& file, std::size_t line, const std::string& reason) {
  return line ? file + ":" + std::to_string(line) + ": " + reason : file + ": " + reason;
}

}  // namespace

TextFsmTemplateError::TextFsmTemplateError(std::string file, std::size_t line,
                                           const std::string& reason)
    : TextFsmError("vty::TextFsmTemplateError", located(file, line, reason)),
      file_(std::move(file)),
      line_(line),
      reason_(reason) {}

namespace textfsm {
namespace detail {
std::vector<Row> run_program(const Program& program, std::string_view text);
}

const Field& Row::at(std::string_view name) const {
  for (const auto& [field_name, field] : fields)
    if (field_name == name) return field;
  throw std::out_of_range("no TextFSM value named \"" + std::string(name) + "\"");
}

Template::Template(std::shared_ptr<const detail::Program> program) : program_(std::move(program)) {}

Template Template::from_text(std::string_view text, std::string source) {
  return Template(
      std::make_shared<const detail::Program>(detail::compile_template(text, std::move(source))));
}

Template Template::from_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw TextFsmLookupError("cannot read template " + path.string() + ": not a file");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) throw TextFsmLookupError("cannot read template " + path.string());
  return from_text(text.str(), path.string());
}

std::shared_ptr<const Template> Template::cached(const std::filesystem::path& path) {
  struct Entry {
    std::filesystem::file_time_type mtime;
    std::shared_ptr<const Template> compiled;
  };
  static std::mutex mutex;
  static std::map<std::string, Entry> cache;
  std::error_code ec;
  auto mtime = std::filesystem::last_write_time(path, ec);
  std::string key = std::filesystem::absolute(path, ec).lexically_normal().string();
  {
    std::lock_guard lock(mutex);
    auto found = cache.find(key);
    if (found != cache.end() && found->second.mtime == mtime) return found->second.compiled;
  }
  // Compiled outside the lock: a slow template does not hold up other paths.
  auto compiled = std::make_shared<const Template>(from_file(path));
  std::lock_guard lock(mutex);
  cache[key] = {mtime, compiled};
  return compiled;
}

std::vector<Row> Template::parse(std::string_view text) const {
  return detail::run_program(*program_, text);
}

std::vector<std::string> Template::header() const {
  std::vector<std::string> names;
  for (const auto& value : program_->values) names.push_back(value.name);
  return names;
}

const std::string& Template::source() const {
  return program_->source;
}

}  // namespace textfsm
}  // namespace vty
