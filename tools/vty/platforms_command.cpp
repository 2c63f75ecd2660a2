// `vty platforms list|show|check`: what definitions there are, where each comes from, what
// one resolves to, and whether files are valid.
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <vty/vty.hpp>

#include "commands.hpp"
#include "json.hpp"

namespace vty::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* usage = R"(usage: vty platforms list [--platform-path DIR]...
       vty platforms show NAME [--platform-path DIR]...
       vty platforms check FILE... [--platform-path DIR]...

list    every platform name, the file that wins and where it comes from (a user folder,
        $VTY_PLATFORM_PATH or the shipped definitions), and the files it overrides
show    the definition NAME resolves to (after `extends`), as TOML
check   validate definition files; each error as FILE:LINE:COL: MESSAGE; exit 1 on any
)";

struct Arguments {
  std::vector<std::string> words;
  std::vector<fs::path> dirs;
};

bool parse(int argc, char** argv, Arguments& args) {
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--platform-path" && i + 1 < argc) {
      args.dirs.emplace_back(argv[++i]);
    } else if (arg.starts_with("--platform-path=")) {
      args.dirs.emplace_back(arg.substr(16));
    } else if (arg.starts_with("-")) {
      std::cerr << "vty platforms: unknown option " << arg << "\n" << usage;
      return false;
    } else {
      args.words.push_back(arg);
    }
  }
  return true;
}

// A TOML basic string: its escapes (\" \\ \n \r \t \uXXXX) and its UTF-8 rule are JSON's.
std::string toml_string(std::string_view text) {
  return json_string(text);
}

std::string toml_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + toml_string(items[i]);
  return out + "]";
}

void show(const PlatformDefinition& p, std::ostream& out) {
  out << "# resolved from " << p.source.string();
  if (!p.extends.empty()) out << " (extends " << p.extends << ")";
  out << "\nname = " << toml_string(p.name)
      << "\ndefault_privilege = " << toml_string(p.default_privilege)
      << "\nreturn_char = " << toml_string(p.return_char)
      << "\nfailed_when_contains = " << toml_list(p.failed_when_contains)
      << "\non_open = " << toml_list(p.on_open) << "\non_close = " << toml_list(p.on_close)
      << "\npager_pattern = " << toml_string(p.pager_pattern)
      << "\npager_response = " << toml_string(p.pager_response)
      << "\n\n[config]\nprivilege = " << toml_string(p.config_privilege)
      << "\ncommit = " << toml_string(p.config_commit)
      << "\nabort = " << toml_string(p.config_abort)
      << "\nno_commit_at = " << toml_list(p.config_no_commit_at) << "\n";
  if (!p.detect_command.empty()) {
    out << "\n[detect]\ncommand = " << toml_string(p.detect_command)
        << "\npattern = " << toml_string(p.detect_pattern) << "\n";
  }
  for (const auto& level : p.privileges) {
    out << "\n[[privilege]]\nname = " << toml_string(level.name)
        << "\npattern = " << toml_string(level.pattern) << "\n";
    if (!level.previous.empty()) {
      out << "previous = " << toml_string(level.previous)
          << "\nescalate = " << toml_string(level.escalate)
          << "\ndeescalate = " << toml_string(level.deescalate)
          << "\nescalate_auth = " << (level.escalate_auth ? "true" : "false")
          << "\nescalate_prompt = " << toml_string(level.escalate_prompt) << "\n";
    }
    out << "not_contains = " << toml_list(level.not_contains)
        << "\nsim_prompt = " << toml_string(level.sim_prompt) << "\n";
  }
}

int list(const Arguments& args) {
  const auto listing = list_platforms(args.dirs);
  std::size_t width = 4;
  for (const auto& entry : listing) width = std::max(width, entry.name.size());
  for (const auto& entry : listing) {
    std::cout << std::left << std::setw(static_cast<int>(width) + 2) << entry.name << std::setw(19)
              << to_string(entry.origin) << entry.file.string() << "\n";
    for (const auto& hidden : entry.overridden) {
      std::cout << std::string(width + 2, ' ') << "overrides " << hidden.string() << "\n";
    }
  }
  std::cout << listing.size() << " platforms\n";
  return 0;
}

int check(const Arguments& args) {
  if (args.words.empty()) {
    std::cerr << "vty platforms check: name at least one FILE\n" << usage;
    return exit_usage;
  }
  int failures = 0;
  for (const auto& file : args.words) {
    try {
      auto platform = load_platform_file(file, args.dirs);
      std::cout << file << ": ok (" << platform.name << ", " << platform.privileges.size()
                << " levels)\n";
    } catch (const PlatformError& error) {
      std::cerr << error.summary() << "\n";
      ++failures;
    }
  }
  return failures ? 1 : 0;
}

}  // namespace

int platforms_command(int argc, char** argv) {
  Arguments args;
  if (argc < 2 || !parse(argc, argv, args)) {
    std::cerr << usage;
    return exit_usage;
  }
  std::string_view verb = argv[1];
  try {
    if (verb == "list" && args.words.empty()) return list(args);
    if (verb == "show" && args.words.size() == 1) {
      show(load_platform(args.words[0], args.dirs), std::cout);
      return 0;
    }
    if (verb == "check") return check(args);
    if (verb == "-h" || verb == "--help" || verb == "help") {
      std::cout << usage;
      return 0;
    }
  } catch (const PlatformError& error) {
    std::cerr << "vty platforms " << verb << ": " << error.summary() << "\n";
    return 1;
  }
  std::cerr << "vty platforms: unknown use \"" << verb << "\"\n" << usage;
  return exit_usage;
}

}  // namespace vty::cli
