// `vty parse --textfsm` against python3-textfsm 1.1.0 on every template in
// tests/data/textfsm/cases: NAME.textfsm parses NAME.raw; NAME.expected is python3-textfsm's
// answer (rows as JSON, or "TemplateError: ..." / "StateError: ..."), written by
// `tests/textfsm/reference.py --write-expected tests/data/textfsm/cases`. Where python3-textfsm
// is installed the test also reruns it, so that a stale .expected file cannot hide a change.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <vty/textfsm.hpp>

#include "support/child_process.hpp"
#include "support/paths.hpp"

using vty::test::run_program;

namespace {

const std::filesystem::path cases_dir = std::filesystem::path(VTY_TEST_DATA_DIR) / "textfsm/cases";
const std::string reference_script = std::string(VTY_SOURCE_DIR) + "/tests/textfsm/reference.py";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(cases_dir))
    if (entry.path().extension() == ".textfsm") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

bool python_textfsm_available() {
  if (!std::filesystem::exists("/usr/bin/python3")) return false;
  return run_program({.argv = {"/usr/bin/python3", "-c", "import textfsm"}}).exit_code == 0;
}

struct Answer {
  int exit_code;
  std::string out, err;
};

// vty's stdout and, separately, its stderr (through a file: run_program merges or drops it).
Answer vty_parse(const std::string& name, const vty::test::TempDir& tmp) {
  auto templ = (cases_dir / (name + ".textfsm")).string();
  auto raw = (cases_dir / (name + ".raw")).string();
  std::string err_file = tmp.file(name + ".err");
  auto r = run_program({.argv = {"/bin/sh", "-c", "\"$0\" parse --textfsm \"$1\" \"$2\" 2>\"$3\"",
                                 VTY_CLI_PATH, templ, raw, err_file}});
  return {r.exit_code, r.output, read_file(err_file)};
}

// python3-textfsm's message without its " Line: N." suffix, and N (0 when it gives none).
std::pair<std::string, std::size_t> split_line(const std::string& message) {
  static const std::regex suffix(R"(\.?\s*Line:? (\d+)\.?$)");
  std::smatch m;
  if (!std::regex_search(message, m, suffix)) return {message, 0};
  return {message.substr(0, m.position(0)), std::stoul(m[1])};
}

void check_same_template_error(const std::string& name, const std::string& expected,
                               const Answer& vty) {
  auto [reason, line] = split_line(expected.substr(std::string("TemplateError: ").size()));
  CHECK(vty.exit_code == 65);
  CHECK(vty.out.empty());
  std::string file = (cases_dir / (name + ".textfsm")).string();
  // Where python3-textfsm names no line (a missing state...), vty may name one.
  std::string where = line ? file + ":" + std::to_string(line) + ": " : file;
  INFO("python3-textfsm: " << expected);
  CHECK_THAT(vty.err, Catch::Contains("vty::TextFsmTemplateError: " + where));
  // Python's own `re` messages are worded differently from PCRE2's; the rest is the same.
  if (name.ends_with("_regex")) return;
  CHECK_THAT(vty.err, Catch::Contains(": " + reason.substr(0, reason.find_last_not_of('.') + 1)));
}

}  // namespace

TEST_CASE("vty parse gives python3-textfsm's answer on every template of the suite") {
  auto names = case_names();
  REQUIRE(names.size() >= 30);
  bool python = python_textfsm_available();
  if (!python) WARN("python3-textfsm is not installed: comparing with the stored answers only");
  vty::test::TempDir tmp;
  for (const auto& name : names) {
    INFO("case " << name);
    std::string expected = read_file(cases_dir / (name + ".expected"));
    REQUIRE(!expected.empty());
    expected.pop_back();  // the final newline
    if (python) {
      auto r = run_program({.argv = {"/usr/bin/python3", reference_script,
                                     (cases_dir / (name + ".textfsm")).string(),
                                     (cases_dir / (name + ".raw")).string()}});
      REQUIRE(r.exit_code == 0);
      CHECK(r.output == expected + "\n");
    }
    Answer vty = vty_parse(name, tmp);
    if (expected.starts_with("TemplateError: ")) {
      check_same_template_error(name, expected, vty);
    } else if (expected.starts_with("StateError: ")) {
      CHECK(vty.exit_code == 1);
      CHECK(vty.err == "vty parse: vty::TextFsmStateError: " +
                           expected.substr(std::string("StateError: ").size()) + "\n");
    } else {
      INFO(vty.err);
      CHECK(vty.exit_code == 0);
      CHECK(vty.out == expected + "\n");
    }
  }
}

TEST_CASE("The suite covers every feature and every template error") {
  std::string all;
  for (const auto& name : case_names()) all += read_file(cases_dir / (name + ".textfsm"));
  for (const char* feature : {"Filldown", "Key", "Required", "List", "Fillup", "Continue", "Record",
                              "NoRecord", "Clear", "Clearall", "Error", "$$", "EOF", "End"})
    CHECK_THAT(all, Catch::Contains(feature));
  std::size_t template_errors = 0, state_errors = 0;
  for (const auto& name : case_names()) {
    std::string expected = read_file(cases_dir / (name + ".expected"));
    template_errors += expected.starts_with("TemplateError: ");
    state_errors += expected.starts_with("StateError: ");
  }
  CHECK(template_errors >= 20);
  CHECK(state_errors >= 2);
}

TEST_CASE("vty parse reads stdin and looks templates up in an ntc-templates index") {
  std::string index = std::string(VTY_TEST_DATA_DIR) + "/textfsm/index";
  std::string output =
      "Interface  IP-Address  OK? Method Status Protocol\n"
      "GigabitEthernet1 10.0.0.1 YES NVRAM up up\n";
  SECTION("a platform and an abbreviated command pick the template") {
    auto r = run_program({.argv = {VTY_CLI_PATH, "parse", "--textfsm", index, "--platform",
                                   "cisco_iosxe", "--command", "sh ip int br"},
                          .stdin_text = output});
    CHECK(r.exit_code == 0);
    CHECK(r.output ==
          "[\n{\"INTERFACE\":\"GigabitEthernet1\",\"IP_ADDRESS\":\"10.0.0.1\","
          "\"STATUS\":\"up\",\"PROTO\":\"up\"}\n]\n");
  }
  SECTION("no template for the platform: exit 66 and a message naming both") {
    auto r = run_program({.argv = {VTY_CLI_PATH, "parse", "--textfsm", index, "--platform",
                                   "cisco_iosxr", "--command", "show version"},
                          .stdin_text = output,
                          .merge_stderr = true});
    CHECK(r.exit_code == 66);
    CHECK_THAT(r.output, Catch::Contains("platform cisco_xr and command \"show version\""));
  }
  SECTION("a folder without a platform and command is a usage error") {
    auto r = run_program({.argv = {VTY_CLI_PATH, "parse", "--textfsm", index},
                          .stdin_text = output,
                          .merge_stderr = true});
    CHECK(r.exit_code == 64);
  }
}

TEST_CASE("The index picks the template python3-textfsm's clitable picks") {
  if (!python_textfsm_available()) {
    WARN("python3-textfsm is not installed: index lookups not compared");
    return;
  }
  std::string folder = std::string(VTY_TEST_DATA_DIR) + "/textfsm/index";
  vty::textfsm::TemplateIndex index(folder);
  const std::vector<std::pair<std::string, std::vector<std::string>>> lookups{
      {"cisco_ios",
       {"sh ip int br", "show ip interface brief", "sho ip inter bri", "sh ip int b", "sh int",
        "show interfaces GigabitEthernet1", "sh ver", "s ver", "show versions", "show run"}},
      {"cisco_nxos", {"sh ver", "show version", "show ip int br"}},
      {"arista_eos", {"show version", "sh ver"}},
      {"juniper_junos", {"sh int te", "show interfaces terse", "show interfaces", "sh ver"}},
      {"cisco_xr", {"show version"}}};
  for (const auto& [platform, commands] : lookups) {
    std::vector<std::string> argv{"/usr/bin/python3", reference_script, "--index", folder,
                                  platform};
    argv.insert(argv.end(), commands.begin(), commands.end());
    auto r = run_program({.argv = argv});
    REQUIRE(r.exit_code == 0);
    std::istringstream python(r.output);
    for (const auto& command : commands) {
      std::string expected;
      std::getline(python, expected);
      auto paths = index.find(platform, command);
      INFO(platform << ": " << command);
      CHECK((paths.empty() ? "" : paths.front().filename().string()) == expected);
    }
  }
}
