// TextFSM through the library: compiled templates, their rows, errors with file and line,
// the ntc-templates index, vty::parse_textfsm. (Equality with python3-textfsm on the
// whole template suite is tests/integration/test_textfsm_differential.cpp.)
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <thread>

#include <vty/response.hpp>
#include <vty/textfsm.hpp>

#include "support/child_process.hpp"
#include "support/paths.hpp"
#include "textfsm/pattern.hpp"

using vty::textfsm::Template;
using vty::textfsm::TemplateIndex;

namespace {

const std::filesystem::path data_dir = std::filesystem::path(VTY_TEST_DATA_DIR) / "textfsm";

constexpr const char* brief_template = R"(Value INTERFACE (\S+)
Value IP_ADDRESS (\S+)
Value List FLAGS ([A-Z])

Start
  ^${INTERFACE}\s+${IP_ADDRESS}(\s+${FLAGS})*\s*$$ -> Record
)";

}  // namespace

TEST_CASE("A template turns output into rows of named fields") {
  auto t = Template::from_text(brief_template);
  CHECK(t.header() == std::vector<std::string>{"INTERFACE", "IP_ADDRESS", "FLAGS"});
  auto rows = t.parse("Gi1 10.0.0.1 U\nGi2 unassigned\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].text("INTERFACE") == "Gi1");
  CHECK(rows[0].text("IP_ADDRESS") == "10.0.0.1");
  CHECK(std::get<std::vector<std::string>>(rows[0].at("FLAGS")) == std::vector<std::string>{"U"});
  // An unset group still appends to a List (python3-textfsm appends None; vty "").
  CHECK(std::get<std::vector<std::string>>(rows[1].at("FLAGS")) == std::vector<std::string>{""});
  CHECK_THROWS_AS(rows[0].at("NOPE"), std::out_of_range);
}

TEST_CASE("A List value with nested named groups gives one dict per item") {
  auto t = Template::from_text(R"(Value List PEERS ((?P<ip>\d+\.\d+\.\d+\.\d+)\s+(?P<as>\d+))

Start
  ^peer\s+${PEERS}
)");
  auto rows = t.parse("peer 10.0.0.1 65001\npeer 10.0.0.2 65002\n");
  REQUIRE(rows.size() == 1);
  const auto& peers = std::get<std::vector<vty::textfsm::Dict>>(rows[0].at("PEERS"));
  REQUIRE(peers.size() == 2);
  CHECK(peers[1] == vty::textfsm::Dict{{"ip", "10.0.0.2"}, {"as", "65002"}});
}

TEST_CASE("A bad template is refused with its file, line and reason") {
  SECTION("a rule with an unknown target state, at the rule's line") {
    try {
      Template::from_text("Value A (\\S+)\n\nStart\n  ^x\n  ^${A} -> Gone\n", "mine.textfsm");
      FAIL("no error");
    } catch (const vty::TextFsmTemplateError& e) {
      CHECK(e.file() == "mine.textfsm");
      CHECK(e.line() == 5);
      CHECK(e.summary() == "mine.textfsm:5: State 'Gone' not found, referenced in state 'Start'");
    }
  }
  SECTION("a Value line") {
    try {
      Template::from_text("Value A (\\S+)\nValue Sticky B (\\S+)\n\nStart\n", "t");
      FAIL("no error");
    } catch (const vty::TextFsmTemplateError& e) {
      CHECK(e.line() == 2);
      CHECK(e.reason() == "Unknown option \"Sticky\"");
    }
  }
  SECTION("a pattern Python's re refuses although PCRE2 would take it") {
    CHECK_THROWS_WITH(Template::from_text("Value A (\\S+)\n\nStart\n  ^\\K${A}\n", "t"),
                      Catch::Contains("t:4: Invalid regular expression"));
  }
  SECTION("the template as a whole") {
    CHECK_THROWS_WITH(Template::from_text("Value A (x)\n\nBegin\n  ^${A}\n", "t"),
                      Catch::Contains("t: Missing state 'Start'."));
  }
  SECTION("a missing file") {
    CHECK_THROWS_AS(Template::from_file(data_dir / "nope.textfsm"), vty::TextFsmLookupError);
  }
  SECTION("all are TextFSM errors and DriverExceptions") {
    CHECK_THROWS_AS(Template::from_text("", "t"), vty::TextFsmError);
    CHECK_THROWS_AS(Template::from_text("", "t"), vty::DriverException);
  }
}

TEST_CASE("An Error rule stops parsing with python3-textfsm's message") {
  auto t = Template::from_text(
      "Value A (\\S+)\n\nStart\n  ^ok ${A} -> Record\n"
      "  ^% -> Error \"device said no\"\n");
  CHECK_THROWS_MATCHES(t.parse("ok 1\n% Invalid input\n"), vty::TextFsmStateError,
                       Catch::Message("vty::TextFsmStateError: Error: \"device said no\". Rule "
                                      "Line: 5. Input Line: % Invalid input."));
}

TEST_CASE("Python regex syntax is translated where PCRE2 reads it differently") {
  using vty::textfsm::detail::translate_python_regex;
  CHECK(translate_python_regex("a{,3}").pcre2 == "a{0,3}");
  CHECK(translate_python_regex("x\\Z").pcre2 == "x\\z");
  CHECK(translate_python_regex("\\u00e9").pcre2 == "\\x{00e9}");
  CHECK(translate_python_regex("[[:]").pcre2 == "[\\[:]");
  auto named = translate_python_regex("(?P<a>x)(y)(?P<b>z)(?P=a)");
  CHECK(named.pcre2 == "(x)(y)(z)(?:\\g{1})");
  CHECK(named.names == std::vector<std::pair<std::string, int>>{{"a", 1}, {"b", 3}});
  // Names longer than PCRE2's 32-character limit are fine: groups are numbered.
  CHECK(translate_python_regex("(?P<" + std::string(48, 'N') + ">x)").groups == 1);
  CHECK_THROWS_AS(translate_python_regex("\\h"), vty::textfsm::detail::RegexError);
  CHECK_THROWS_AS(translate_python_regex("a(?i)"), vty::textfsm::detail::RegexError);
  CHECK_THROWS_AS(translate_python_regex("(?P<a>x)(?P<a>y)"), vty::textfsm::detail::RegexError);
}

TEST_CASE("The index finds a template by platform and abbreviated command") {
  TemplateIndex index(data_dir / "index");
  auto found = [&](std::string_view platform, std::string_view command) {
    auto paths = index.find(platform, command);
    return paths.empty() ? std::string() : paths.front().filename().string();
  };
  CHECK(found("cisco_iosxe", "sh ip int br") == "cisco_ios_show_ip_interface_brief.textfsm");
  CHECK(found("cisco_ios", "show ip interface brief") ==
        "cisco_ios_show_ip_interface_brief.textfsm");
  CHECK(found("cisco_iosxe", "sh int") == "cisco_ios_show_interfaces.textfsm");
  CHECK(found("cisco_iosxe", "show interfaces Gi1") == "cisco_ios_show_interfaces.textfsm");
  CHECK(found("cisco_nxos", "sho ver") == "cisco_nxos_show_version.textfsm");
  CHECK(found("arista_eos", "show version") == "arista_eos_show_version.textfsm");
  CHECK(found("juniper_junos", "sh int te") == "juniper_junos_show_interfaces_terse.textfsm");
  SECTION("what python3-textfsm's clitable does not match either") {
    CHECK(found("cisco_iosxe", "sh ip int b").empty());  // "br" is the shortest form
    CHECK(found("cisco_iosxe", "s ver").empty());
    CHECK(found("juniper_junos", "show interfaces").empty());
    CHECK(found("cisco_iosxr", "show version").empty());  // no cisco_xr row
    CHECK_THROWS_WITH(index.parse("cisco_iosxr", "show version", ""),
                      Catch::Contains("platform cisco_xr and command \"show version\""));
  }
  SECTION("and parses with it") {
    auto rows = index.parse("cisco_iosxe", "sh ip int br",
                            "Interface IP-Address OK? Method Status Protocol\n"
                            "Gi1 10.0.0.1 YES NVRAM up up\n");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].text("INTERFACE") == "Gi1");
  }
}

TEST_CASE("vty platform names map to ntc-templates names") {
  CHECK(TemplateIndex::ntc_platform("cisco_iosxe") == "cisco_ios");
  CHECK(TemplateIndex::ntc_platform("cisco_iosxr") == "cisco_xr");
  CHECK(TemplateIndex::ntc_platform("cisco_nxos") == "cisco_nxos");
  CHECK(TemplateIndex::ntc_platform("arista_eos") == "arista_eos");
  CHECK(TemplateIndex::ntc_platform("juniper_junos") == "juniper_junos");
}

TEST_CASE("A missing index is a lookup error") {
  CHECK_THROWS_AS(TemplateIndex(data_dir / "cases"), vty::TextFsmLookupError);
}

TEST_CASE("Templates are compiled once per path, again when the file changes") {
  vty::test::TempDir tmp;
  auto path = tmp.file("t.textfsm");
  std::ofstream(path) << brief_template;
  auto first = Template::cached(path);
  CHECK(Template::cached(path) == first);
  std::ofstream(path) << "Value ONLY (\\S+)\n\nStart\n  ^${ONLY} -> Record\n";
  std::filesystem::last_write_time(
      path, std::filesystem::last_write_time(path) + std::chrono::seconds(2));
  auto second = Template::cached(path);
  CHECK(second != first);
  CHECK(second->header() == std::vector<std::string>{"ONLY"});
}

TEST_CASE("A Response parses its result") {
  vty::Response r;
  r.command = "show ip interface brief";
  r.result = "Gi1 10.0.0.1\nGi2 10.0.0.2";
  auto t = Template::from_text(brief_template);
  CHECK(vty::parse_textfsm(r, t).size() == 2);
  CHECK(vty::parse_textfsm(r, data_dir / "cases/ios_show_ip_interface_brief.textfsm").empty());
  TemplateIndex index(data_dir / "index");
  r.result = "Gi1 10.0.0.1 YES NVRAM up up\n";
  CHECK(vty::parse_textfsm(r, index, "cisco_iosxe").at(0).text("STATUS") == "up");
}

TEST_CASE("One compiled template parses in many threads at once") {
  auto t = Template::from_text(brief_template);
  std::string text;
  for (int i = 0; i < 2000; ++i)
    text += "Gi" + std::to_string(i) + " 10.0.0." + std::to_string(i % 250) + " U D\n";
  std::vector<std::size_t> counts(4);
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < counts.size(); ++k)
    threads.emplace_back([&, k] { counts[k] = t.parse(text).size(); });
  for (auto& th : threads) th.join();
  CHECK(counts == std::vector<std::size_t>(4, 2000));
}

TEST_CASE("A pattern that backtracks without end is an error, not a hang") {
  auto t = Template::from_text("Value A (\\S+)\n\nStart\n  ^(\\w+\\s?)+$$\n", "runaway.textfsm");
  CHECK_THROWS_WITH(t.parse(std::string(40, 'x') + "!\n"),
                    Catch::Contains("runaway.textfsm: matching failed"));
}
