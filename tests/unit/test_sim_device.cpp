// vty-sim's device: typed bytes in, what the device model says the device prints out.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim_shipped.hpp"
#include "support/child_process.hpp"
#include "vty-sim/cli_tree.hpp"
#include "vty-sim/command_table.hpp"
#include "vty-sim/device.hpp"
#include "vty-sim/device_model.hpp"
#include "vty-sim/output_source.hpp"
#include "vty-sim/sim_options.hpp"
#include "vty/recording.hpp"

using namespace vty::sim;
using vty::test::Shipped;
using vty::test::TempDir;

namespace {

constexpr const char* kModel = R"(
name = "test_ios"

[[mode]]
name = "exec"
prompt = "{hostname}>"
logout = ["exit", "logout"]

[[mode]]
name = "privilege_exec"
prompt = "{hostname}#"
parent = "exec"
enter = "enable"
leave = "disable"
password = true
logout = ["exit", "logout"]

[[mode]]
name = "configuration"
prompt = "{hostname}(config)#"
parent = "privilege_exec"
enter = "configure terminal"
leave = "exit"
end = "end"
config = true
banner = "Enter configuration commands, one per line.  End with CNTL/Z."

[[command]]
command = "terminal length <lines>"
action = "page_length"

[[command]]
command = "do <command...>"
mode = "configuration"
action = "do"

[[submode]]
command = "interface <name...>"
tag = "config-if"

[[submode]]
command = "router <protocol...>"
tag = "config-router"

[[command]]
command = "show version"
output = '''
Cisco IOS XE Software, Version 17.09.04a
{hostname} uptime is 3 weeks'''

[[command]]
command = "show ip interface brief"
output = "GigabitEthernet1 10.0.0.1 up up"

[[command]]
command = "show running-config"
mode = "privilege_exec"
show_config = true
output = "hostname {hostname}"
footer = "end"

[[command]]
command = "show lines"
output = "line {i}"
repeat = 30

[[command]]
command = "show hang"
output = "Building configuration..."
hang = true
)";

struct Sim {
  explicit Sim(DeviceOptions options = {})
      : cli(parse_device_model(kModel, "test.toml")), device(cli, options) {}
  // Types `text` and returns all the device printed in answer.
  std::string type(std::string_view text) {
    device.feed(text);
    return device.read_all();
  }
  CliTree cli;
  Device device;
};

std::string repeat_char(char c, int n) {
  return std::string(static_cast<std::size_t>(n), c);
}

}  // namespace

TEST_CASE("the device starts at the root level's prompt", "[sim]") {
  Sim sim;
  REQUIRE(sim.device.read_all() == "router1>");
  REQUIRE(sim.device.level() == "exec");

  SECTION("the prompt carries the hostname") {
    DeviceOptions options;
    options.hostname = "edge-7";
    Sim named(options);
    REQUIRE(named.device.read_all() == "edge-7>");
  }
}

TEST_CASE("an in-band login asks for username and password", "[sim]") {
  DeviceOptions options;
  options.login = true;
  Sim sim(options);
  REQUIRE(sim.device.read_all() == "\r\nUser Access Verification\r\n\r\nUsername: ");
  REQUIRE(sim.type("admin\r") == "admin\r\nPassword: ");

  SECTION("the right password gives the prompt, unechoed") {
    REQUIRE(sim.type("admin123\r") == "\r\nrouter1>");
  }
  SECTION("a wrong one asks again, three wrong ones end the session") {
    REQUIRE(sim.type("nope\r") == "\r\n% Login invalid\r\n\r\nUsername: ");
    sim.type("admin\rnope\r");
    REQUIRE_FALSE(sim.device.closed());
    sim.type("admin\rnope\r");
    REQUIRE(sim.device.closed());
  }
}

TEST_CASE("typed characters are echoed like IOS", "[sim]") {
  Sim sim;
  sim.device.read_all();

  SECTION("each character as it arrives") {
    REQUIRE(sim.type("sh") == "sh");
    REQUIRE(sim.type("ow clock") == "ow clock");
  }
  SECTION("CR, LF, CRLF and CR NUL each end one line") {
    REQUIRE(sim.type("\n") == "\r\nrouter1>");
    REQUIRE(sim.type("\r\n") == "\r\nrouter1>");
    REQUIRE(sim.type(std::string("\r\0", 2)) == "\r\nrouter1>");
    REQUIRE(sim.type("\r") == "\r\nrouter1>");
    REQUIRE(sim.type("x\r") == "x\r\n" + std::string(8, ' ') +
                                   "^\r\n"
                                   "% Invalid input detected at '^' marker.\r\n\r\nrouter1>");
  }
  SECTION("a CRLF split across two feeds is still one line end") {
    REQUIRE(sim.type("\r") == "\r\nrouter1>");
    REQUIRE(sim.type("\n") == "");
  }
  SECTION("backspace and DEL erase") {
    REQUIRE(sim.type("shx\b") == "shx\b \b");
    REQUIRE(sim.type("\x7f") == "\b \b");
    REQUIRE(sim.type("\b\b") == "\b \b");  // only one character was left
  }
  SECTION("control characters and garbage do not crash or echo") {
    std::string garbage;
    for (int i = 0; i < 256; ++i) garbage.push_back(static_cast<char>(i));
    sim.type(garbage + "\x1b[A\x1b[B");
    REQUIRE_FALSE(sim.device.closed());
    REQUIRE(sim.type("\r").ends_with("router1>"));
  }
}

TEST_CASE("model commands print their output then the prompt", "[sim]") {
  Sim sim;
  sim.device.read_all();
  std::string version =
      "show version\r\nCisco IOS XE Software, Version 17.09.04a\r\n"
      "router1 uptime is 3 weeks\r\nrouter1>";

  SECTION("full words") {
    REQUIRE(sim.type("show version\n") == version);
  }
  SECTION("IOS abbreviations") {
    REQUIRE(sim.type("sh ver\n").ends_with("uptime is 3 weeks\r\nrouter1>"));
    REQUIRE(sim.type("sh ip int br\n").ends_with("10.0.0.1 up up\r\nrouter1>"));
  }
  SECTION("input typed ahead waits for the output") {
    std::string both = sim.type("show version\nshow version\n");
    REQUIRE(both == version + version);
  }
}

TEST_CASE("bad commands get IOS's error messages", "[sim]") {
  Sim sim;
  sim.device.read_all();

  SECTION("unknown word: a caret under it") {
    REQUIRE(sim.type("show foo\n") ==
            "show foo\r\n" + repeat_char(' ', 13) +
                "^\r\n% Invalid input detected at '^' marker.\r\n\r\nrouter1>");
  }
  SECTION("unknown first word") {
    REQUIRE(sim.type("bogus\n").starts_with("bogus\r\n" + repeat_char(' ', 8) + "^\r\n"));
  }
  SECTION("a privileged command at exec is invalid input at its word") {
    REQUIRE(sim.type("show running-config\n")
                .starts_with("show running-config\r\n" + repeat_char(' ', 13) + "^\r\n"));
  }
  SECTION("a known prefix alone") {
    REQUIRE(sim.type("show\n") == "show\r\n% Incomplete command.\r\n\r\nrouter1>");
  }
  SECTION("a word that fits several keywords") {
    REQUIRE(sim.type("e\n") == "e\r\n% Ambiguous command:  \"e\"\r\nrouter1>");
  }
}

TEST_CASE("enable asks for the enable password", "[sim]") {
  Sim sim;
  sim.device.read_all();
  REQUIRE(sim.type("enable\n") == "enable\r\nPassword: ");

  SECTION("the right password, not echoed, gives the privileged prompt") {
    REQUIRE(sim.type("enable123\n") == "\r\nrouter1#");
    REQUIRE(sim.device.level() == "privilege_exec");
    REQUIRE(sim.type("disable\n") == "disable\r\nrouter1>");
  }
  SECTION("a wrong password asks again; three give % Bad secrets") {
    REQUIRE(sim.type("nope\n") == "\r\nPassword: ");
    REQUIRE(sim.type("nope\n") == "\r\nPassword: ");
    REQUIRE(sim.type("nope\n") == "\r\n% Bad secrets\r\n\r\nrouter1>");
    REQUIRE(sim.device.level() == "exec");
  }
  SECTION("a wrong then a right password") {
    REQUIRE(sim.type("nope\nenable123\n") == "\r\nPassword: \r\nrouter1#");
  }
  SECTION("en is enough") {
    Sim other;
    other.device.read_all();
    REQUIRE(other.type("en\n") == "en\r\nPassword: ");
  }
}

TEST_CASE("config mode and its sub-modes", "[sim]") {
  Sim sim;
  sim.type("enable\nenable123\n");
  REQUIRE(sim.type("conf t\n") ==
          "conf t\r\nEnter configuration commands, one per line.  End with CNTL/Z.\r\n"
          "router1(config)#");
  REQUIRE(sim.device.level() == "configuration");

  SECTION("sub-modes, exit back to config, end back to privileged exec") {
    REQUIRE(sim.type("interface Gi1\n").ends_with("router1(config-if)#"));
    REQUIRE(sim.type(" description to core#1\n").ends_with("\r\nrouter1(config-if)#"));
    REQUIRE(sim.type("exit\n").ends_with("router1(config)#"));
    REQUIRE(sim.type("router ospf 1\n").ends_with("router1(config-router)#"));
    REQUIRE(sim.type("end\n") == "end\r\nrouter1#");
    REQUIRE(sim.device.level() == "privilege_exec");
  }
  SECTION("exit from config returns to privileged exec") {
    REQUIRE(sim.type("exit\n") == "exit\r\nrouter1#");
  }
  SECTION("Ctrl-Z leaves config mode") {
    REQUIRE(sim.type("interface Gi2\n\x1a") ==
            "interface Gi2\r\nrouter1(config-if)#^Z\r\nrouter1#");
  }
  SECTION("configuration lines show in the running config") {
    sim.type("hostname x\ninterface Gi1\n shutdown\nend\nterminal length 0\n");
    REQUIRE(sim.type("show running-config\n") ==
            "show running-config\r\nhostname router1\r\nhostname x\r\ninterface Gi1\r\n"
            " shutdown\r\nend\r\nrouter1#");
  }
  SECTION("do runs an exec command") {
    REQUIRE(sim.type("do show ip interface brief\n").ends_with("up up\r\nrouter1(config)#"));
  }
}

TEST_CASE("the pager stops long output until a key", "[sim]") {
  Sim sim;
  sim.device.read_all();
  const std::string erase = "\b\b\b\b\b\b\b\b\b         \b\b\b\b\b\b\b\b\b";
  std::string first_page = "show lines\r\n";
  for (int i = 1; i <= 24; ++i) first_page += "line " + std::to_string(i) + "\r\n";

  REQUIRE(sim.type("show lines\n") == first_page + " --More-- ");
  SECTION("return shows one more line") {
    REQUIRE(sim.type("\r") == erase + "line 25\r\n --More-- ");
  }
  SECTION("space shows the rest (less than a page)") {
    REQUIRE(sim.type(" ") == erase +
                                 "line 25\r\nline 26\r\nline 27\r\nline 28\r\nline 29\r\n"
                                 "line 30\r\nrouter1>");
  }
  SECTION("q stops the output") {
    REQUIRE(sim.type("q") == erase + "router1>");
  }
  SECTION("terminal length 0 turns it off") {
    sim.type("q");
    sim.type("terminal length 0\n");
    std::string all = sim.type("show lines\n");
    REQUIRE(all.find("--More--") == std::string::npos);
    REQUIRE(all.ends_with("line 30\r\nrouter1>"));
  }
}

TEST_CASE("show big N prints N megabytes of 80-byte lines", "[sim]") {
  Sim sim;
  sim.type("terminal length 0\n");
  sim.device.feed("show big 1\n");
  std::string output;
  for (std::string chunk = sim.device.read(4096); !chunk.empty(); chunk = sim.device.read(4096)) {
    REQUIRE(chunk.size() <= 4096);
    output += chunk;
  }
  const std::string echo = "show big 1\r\n";
  const std::string prompt = "router1>";
  REQUIRE(output.starts_with(echo));
  REQUIRE(output.ends_with(prompt));
  std::string body = output.substr(echo.size(), output.size() - echo.size() - prompt.size());
  REQUIRE(body.size() == 12'500 * 81);  // 79 characters and "\r\n" per line
  std::string cleaned;
  for (char c : body) {
    if (c != '\r') cleaned.push_back(c);
  }
  REQUIRE(cleaned.size() == 1'000'000);
  REQUIRE(body.starts_with("00000000 abcdefg"));
  REQUIRE(big_line_count(0.5) == 6250);

  SECTION("a bad size is invalid input") {
    REQUIRE(sim.type("show big lots\n").find("% Invalid input") != std::string::npos);
  }
}

TEST_CASE("a hanging command prints its output and never a prompt", "[sim]") {
  Sim sim;
  sim.device.read_all();
  REQUIRE(sim.type("show hang\n") == "show hang\r\nBuilding configuration...\r\n");
  REQUIRE(sim.device.hung());
  REQUIRE(sim.type("\n\n show version\n") == "");
}

TEST_CASE("exit and logout end the session", "[sim]") {
  Sim sim;
  sim.device.read_all();
  REQUIRE(sim.type("exit\n") == "exit\r\n");
  REQUIRE(sim.device.closed());
  REQUIRE(sim.type("show version\n") == "");
}

TEST_CASE("device model files are checked when loaded", "[sim]") {
  const std::string modes = std::string(kModel);
  auto parse = [&](const std::string& extra) {
    return parse_device_model(modes + extra, "bad.toml");
  };
  REQUIRE_THROWS_WITH(parse_device_model("[[command]]\noutput = 'x'\n", "bad.toml"),
                      Catch::Contains("bad.toml:1:1") && Catch::Contains("'command'"));
  REQUIRE_THROWS_WITH(parse_device_model("name = 'x'\n", "bad.toml"),
                      Catch::Contains("needs [[mode]]"));
  REQUIRE_THROWS_WITH(parse("[[command]]\ncommand = 'x'\nrepeat = 0\n"),
                      Catch::Contains("bad.toml:") && Catch::Contains("'repeat'"));
  REQUIRE_THROWS_WITH(parse("[[command]]\ncommand = 'x'\nrepeat = 1e300\n"),
                      Catch::Contains("'repeat'"));
  REQUIRE_THROWS_WITH(parse("[[command]]\ncommand = 'x'\naction = 'fly'\n"),
                      Catch::Contains("unknown action 'fly'"));
  REQUIRE_THROWS_WITH(parse_device_model("[device]\nfault = 'stal:30'\n", "bad.toml"),
                      Catch::Contains("bad.toml:2:9") && Catch::Contains("unknown fault"));
  REQUIRE_THROWS_WITH(parse_device_model("[device]\nfault_on = 'show'\n", "bad.toml"),
                      Catch::Contains("bad.toml:2:12") && Catch::Contains("needs a 'fault'"));
  REQUIRE_THROWS_WITH(parse("[config]\nrefuse = ['(']\n"), Catch::Contains("bad pattern"));
  REQUIRE_THROWS_WITH(parse("[[mode]]\nname = 'x'\nprompt = 'x#'\nparent = 'nowhere'\n"),
                      Catch::Contains("nowhere"));
  auto faulty = parse("[device]\nfault = 'drop:7'\nfault_on = 'show'\n");
  REQUIRE((faulty.fault && faulty.fault->kind == FaultKind::drop && faulty.fault->arg == 7));
  REQUIRE(faulty.fault->on == "show");
  REQUIRE_THROWS_WITH(parse("[[command]]\ncommand = 'x'\nmode = 'nowhere'\n"),
                      Catch::Contains("nowhere"));
}

TEST_CASE("a device model extends another and overrides it", "[sim]") {
  TempDir dir;
  auto base = dir.file("base.toml");
  std::ofstream(base) << kModel;
  auto child = parse_device_model(
      "extends = 'base'\n[[mode]]\nname = 'exec'\nprompt = '{hostname}-lab>'\n"
      "[[command]]\ncommand = 'show clock'\noutput = 'noon'\n",
      dir.file("child.toml"));
  REQUIRE(child.modes.size() == 3);
  REQUIRE(child.find_mode("exec")->prompt == "{hostname}-lab>");
  REQUIRE(child.find_mode("exec")->logout.size() == 2);
  REQUIRE(child.commands.front().command == "show clock");
}
