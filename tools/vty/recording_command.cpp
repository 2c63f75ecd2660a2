// `vty recording redact FILE --pattern REGEX...`: replaces what matches in every event (and
// the host alias) of a recording, so that it can be shared without names, addresses or
// secrets.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <vty/errors.hpp>
#include <vty/recording.hpp>
#include <vty/regex.hpp>

#include "commands.hpp"

namespace vty::cli {
namespace {

constexpr const char* recording_usage =
    R"(usage: vty recording redact FILE --pattern REGEX... [--replacement TEXT] [-o OUT]

Recordings (docs/recording.md) are written by `vty run --record DIR` and replayed by
`vty run --replay DIR`.

redact: replaces every match of each REGEX (PCRE2) in the bytes of every event and in
the host alias with TEXT (default "redacted"). A match cannot span two events. Writes
FILE in place, or OUT ("-": standard output).
)";

struct RedactArgs {
  std::string file;
  std::vector<std::string> patterns;
  std::string replacement = "redacted";
  std::string out;
};

std::optional<RedactArgs> parse_redact(int argc, char** argv) {
  RedactArgs args;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--pattern" && has_value)
      args.patterns.push_back(argv[++i]);
    else if (arg == "--replacement" && has_value)
      args.replacement = argv[++i];
    else if ((arg == "-o" || arg == "--output") && has_value)
      args.out = argv[++i];
    else if (args.file.empty() && !arg.starts_with("-"))
      args.file = arg;
    else
      return std::nullopt;
  }
  if (args.file.empty() || args.patterns.empty()) return std::nullopt;
  return args;
}

// Every match of `pattern` in `text` replaced; returns how many there were.
std::size_t replace_all(std::string& text, const Regex& pattern, const std::string& replacement) {
  std::string result;
  std::size_t count = 0, at = 0;
  while (at <= text.size()) {
    auto match = pattern.find(text, at);
    if (!match) break;
    result.append(text, at, match->begin - at);
    result += replacement;
    ++count;
    if (match->end == match->begin) {  // an empty match: step over one byte
      if (match->end < text.size()) result += text[match->end];
      at = match->end + 1;
    } else {
      at = match->end;
    }
  }
  if (count == 0) return 0;
  if (at < text.size()) result.append(text, at);
  text = std::move(result);
  return count;
}

void write_file(const std::string& path, const std::string& text) {
  if (path == "-") {
    std::cout << text;
    return;
  }
  // A temporary file renamed over the target: a failure leaves the original whole.
  std::string temporary = path + ".redacting";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw RecordingError("cannot write " + temporary);
  }
  std::filesystem::rename(temporary, path);
}

int redact(const RedactArgs& args) {
  Recording recording = load_recording(args.file);
  std::vector<Regex> patterns;
  for (const auto& pattern : args.patterns) patterns.emplace_back(pattern);
  std::size_t count = 0;
  for (const auto& pattern : patterns) {
    count += replace_all(recording.header.host, pattern, args.replacement);
    for (auto& event : recording.events)
      count += replace_all(event.bytes, pattern, args.replacement);
  }
  write_file(args.out.empty() ? args.file : args.out, format_recording(recording));
  std::cerr << "vty recording redact: " << count << " replacement" << (count == 1 ? "" : "s")
            << " in " << args.file << "\n";
  return 0;
}

}  // namespace

int recording_command(int argc, char** argv) {
  std::string_view verb = argc > 1 ? argv[1] : "";
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::cout << recording_usage;
      return 0;
    }
  }
  auto args = verb == "redact" ? parse_redact(argc, argv) : std::nullopt;
  if (!args) {
    std::cerr << recording_usage;
    return exit_usage;
  }
  try {
    return redact(*args);
  } catch (const PlatformDefinitionError& error) {  // a pattern that does not compile
    std::cerr << "vty recording redact: bad --pattern: " << error.summary() << "\n";
    return exit_usage;
  } catch (const std::exception& error) {
    std::cerr << "vty recording redact: " << error.what() << "\n";
    return 1;
  }
}

}  // namespace vty::cli
