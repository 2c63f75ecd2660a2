// `vty parse --textfsm TEMPLATE [FILE]`: raw command output (stdin by default) -> one JSON
// array of rows, as python3-textfsm's ParseTextToDicts would give them.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <vty/response.hpp>
#include <vty/textfsm.hpp>

#include "commands.hpp"
#include "textfsm_json.hpp"

namespace vty::cli {
namespace {

constexpr const char* parse_usage = R"(usage: vty parse --textfsm TEMPLATE [FILE]
       vty parse --textfsm FOLDER --platform NAME --command CMD [FILE]

Parses raw command output (FILE, or stdin) with a TextFSM template and prints the rows as
one JSON array of objects (field -> string, or list of strings for List values). With an
ntc-templates FOLDER (one holding an `index` file) the template is looked up by platform
(vty or ntc-templates name) and command ("sh ip int br" works).

exit status: 0 parsed; 1 an Error rule matched; 65 bad template; 66 unreadable input or
no template for the platform and command; 64 usage.
)";

constexpr int exit_data = 65;
constexpr int exit_no_input = 66;

struct ParseArgs {
  std::string templ, platform, command, file;
};

bool read_args(int argc, char** argv, ParseArgs& a) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    if (arg == "--textfsm" || arg == "--platform" || arg == "--command") {
      auto& out = arg == "--textfsm" ? a.templ : arg == "--platform" ? a.platform : a.command;
      if (!value(out)) return false;
    } else if (arg.starts_with("-") && arg != "-") {
      return false;
    } else if (a.file.empty()) {
      a.file = arg;
    } else {
      return false;
    }
  }
  return !a.templ.empty();
}

bool read_input(const std::string& file, std::string& text) {
  std::ostringstream buffer;
  if (file.empty() || file == "-") {
    buffer << std::cin.rdbuf();
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) return false;
    buffer << in.rdbuf();
  }
  text = buffer.str();
  return true;
}

}  // namespace

int parse_command(int argc, char** argv) {
  ParseArgs a;
  if (argc > 1 && (std::string_view(argv[1]) == "-h" || std::string_view(argv[1]) == "--help")) {
    std::cout << parse_usage;
    return 0;
  }
  bool ok = read_args(argc, argv, a);
  bool is_folder = ok && std::filesystem::is_directory(a.templ);
  if (!ok || (is_folder && (a.platform.empty() || a.command.empty()))) {
    std::cerr << parse_usage;
    return exit_usage;
  }
  std::string text;
  if (!read_input(a.file, text)) {
    std::cerr << "vty parse: cannot read " << a.file << "\n";
    return exit_no_input;
  }
  try {
    // The same path as `vty run --parse textfsm:PATH`, with the output as the response.
    Response response;
    response.command = a.command;
    response.result = std::move(text);
    std::cout << textfsm_parse_json(a.templ, a.platform, response) << "\n";
    return 0;
  } catch (const TextFsmTemplateError& e) {
    std::cerr << "vty parse: " << e.what() << "\n";
    return exit_data;
  } catch (const TextFsmStateError& e) {
    std::cerr << "vty parse: " << e.what() << "\n";
    return 1;
  } catch (const TextFsmError& e) {
    std::cerr << "vty parse: " << e.what() << "\n";
    return exit_no_input;
  }
}

}  // namespace vty::cli
