// vty-sim's shipped device models (IOS-XE, IOS-XR, Junos, ...), its IOS-style command
// matching and its command line: each model plays its OS as the vendor documents it, and as
// the real devices of tests/transcripts answered.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim_shipped.hpp"
#include "support/paths.hpp"
#include "vty-sim/cli_tree.hpp"
#include "vty-sim/command_table.hpp"
#include "vty-sim/device.hpp"
#include "vty-sim/device_model.hpp"
#include "vty-sim/sim_options.hpp"
#include "vty/recording.hpp"

using namespace vty::sim;
using vty::test::Shipped;

TEST_CASE("IOS-style command matching", "[sim]") {
  std::vector<CommandSpec> specs = {make_spec("show version", Action::kModel, "0"),
                                    make_spec("show ip interface brief", Action::kModel, "1"),
                                    make_spec("sh ver", Action::kModel, "2"),
                                    make_spec("interface <name...>", Action::kSubmode, "if")};
  auto match = [&](std::string_view line) { return match_command(specs, tokenize(line)); };
  REQUIRE(match("show version").spec->target == "0");
  REQUIRE(match("sh ver").spec->target == "2");  // an exact alias beats a prefix
  REQUIRE(match("sh ip int br").spec->target == "1");
  REQUIRE(match("int GigabitEthernet 1").arguments.front() == "GigabitEthernet 1");
  REQUIRE(match("show ip").kind == MatchResult::Kind::kIncomplete);
  auto bad = match("show  ip foo");
  REQUIRE(bad.kind == MatchResult::Kind::kInvalid);
  REQUIRE(bad.bad_column == 9);
}

TEST_CASE("the shipped cisco_iosxe device model plays IOS-XE", "[sim]") {
  CliTree cli(load_device_model_file(shipped_device_dir() / "cisco_iosxe.toml"));
  Device device(cli, {});
  REQUIRE(device.read_all() == "router1>");
  device.feed("terminal length 0\nsh ver\n");
  REQUIRE(device.read_all().find("Cisco IOS XE Software") != std::string::npos);
  device.feed("enable\nenable123\nshow run\n");
  std::string run = device.read_all();
  REQUIRE(run.find("hostname router1\r\n") != std::string::npos);
  REQUIRE(run.ends_with("end\r\nrouter1#"));
}

TEST_CASE("vty-sim's command line", "[sim]") {
  auto options = parse_sim_options({"--devices", "3", "--port", "2200", "--hostname", "edge"});
  REQUIRE(options.devices == 3);
  REQUIRE(options.port == 2200);
  REQUIRE_THROWS_AS(parse_sim_options({"--port", "x"}), std::invalid_argument);
  REQUIRE_THROWS_AS(parse_sim_options({"--bogus"}), std::invalid_argument);
  REQUIRE(device_hostname("router1", 0, 1) == "router1");
  REQUIRE(device_hostname("router1", 1, 3) == "router2");
  REQUIRE(device_hostname("core", 0, 2) == "core1");
}

TEST_CASE("IOS-XR asks about uncommitted changes when configuration mode is left", "[sim]") {
  Shipped xr("cisco_iosxr");
  REQUIRE(xr.type("configure terminal\n").ends_with("RP/0/RSP0/CPU0:router1(config)#"));
  xr.type("interface Loopback0\n description uncommitted\n");
  REQUIRE(xr.device.candidate().size() == 2);
  const std::string question =
      "Uncommitted changes found, commit them before exiting(yes/no/cancel)? [cancel]:";
  REQUIRE(xr.type("end\n") == "end\r\n" + question);

  SECTION("cancel stays where it was, with the changes") {
    REQUIRE(xr.type("cancel\n") == "cancel\r\nRP/0/RSP0/CPU0:router1(config-if)#");
    REQUIRE(xr.device.candidate().size() == 2);
  }
  SECTION("no discards them and leaves") {
    REQUIRE(xr.type("no\n") == "no\r\nRP/0/RSP0/CPU0:router1#");
    REQUIRE(xr.device.candidate().empty());
    REQUIRE(xr.device.config_lines().empty());
  }
  SECTION("yes commits them and leaves") {
    REQUIRE(xr.type("yes\n") == "yes\r\nRP/0/RSP0/CPU0:router1#");
    REQUIRE(xr.device.config_lines().size() == 2);
  }
  SECTION("yes with a line the commit refuses: the failure, and still in configuration") {
    xr.type("cancel\n");
    xr.type(" description commit-fails\nend\n");
    std::string answer = xr.type("yes\n");
    REQUIRE(answer.find("% Failed to commit one or more configuration items") != std::string::npos);
    REQUIRE(answer.ends_with("RP/0/RSP0/CPU0:router1(config-if)#"));
  }
}

TEST_CASE("candidate configurations commit, discard and refuse as their OS does", "[sim]") {
  SECTION("IOS-XR: a refused line is not staged; abort discards and leaves") {
    Shipped xr("cisco_iosxr");
    xr.type("configure terminal\n");
    std::string refused = xr.type("bogus line\n");
    REQUIRE(refused.find("% Invalid input detected at '^' marker.") != std::string::npos);
    REQUIRE(xr.device.candidate().empty());
    xr.type("hostname edge\n");
    REQUIRE(xr.type("abort\n") == "abort\r\nRP/0/RSP0/CPU0:router1#");
    REQUIRE(xr.device.config_lines().empty());
  }
  SECTION("Junos: exit with changes asks, no stays; private discards without asking") {
    Shipped junos("juniper_junos");
    junos.type("cli\n");
    REQUIRE(junos.type("configure\n").ends_with("[edit]\r\n{master:0}\r\nnetops@router1# "));
    junos.type("set system host-name edge\n");
    REQUIRE(junos.type("exit configuration-mode\n")
                .ends_with("Exit with uncommitted changes? [yes,no] (yes) "));
    REQUIRE(junos.type("no\n").ends_with("netops@router1# "));
    REQUIRE(junos.type("commit\n").find("commit complete\r\n") != std::string::npos);
    REQUIRE(junos.type("exit configuration-mode\n").ends_with("netops@router1> "));
    junos.type("configure private\nset system host-name edge\n");
    REQUIRE(junos.type("exit configuration-mode\n").ends_with("netops@router1> "));
    REQUIRE(junos.device.candidate().empty());
  }
  SECTION("VyOS: exit refused with changes, exit discard leaves") {
    Shipped vyos("vyos");
    vyos.type("configure\nset system host-name edge\n");
    REQUIRE(vyos.type("exit\n").find("Cannot exit: configuration modified.") != std::string::npos);
    REQUIRE(vyos.device.level() == "configuration");
    REQUIRE(vyos.type("exit discard\n").ends_with("vyos@router1:~$ "));
  }
  SECTION("VRP 8: [*HOST] while changes wait, the question on return") {
    Shipped vrp("huawei_vrpv8");
    REQUIRE(vrp.type("system-view\n").ends_with("[~router1]"));
    REQUIRE(vrp.type("sysname edge\n").ends_with("[*router1]"));
    REQUIRE(vrp.type("return\n").find("Uncommitted configurations found") != std::string::npos);
    REQUIRE(vrp.type("N\n").ends_with("<router1>"));
  }
  SECTION("SR OS: *(ex) while changes wait, commit clears it") {
    Shipped sros("nokia_sros");
    REQUIRE(sros.type("edit-config exclusive\n").find("INFO: CLI #2060") != std::string::npos);
    REQUIRE(sros.type("configure system location lab\n").ends_with("*(ex)[]\r\nA:admin@router1# "));
    REQUIRE(sros.type("commit\n").ends_with("\r\n(ex)[]\r\nA:admin@router1# "));
  }
  SECTION("VRP 5 has no terminal length, unlike IOS") {
    Shipped vrp("huawei_vrp");
    REQUIRE(vrp.type("terminal length 0\n").find("Error: Unrecognized command") !=
            std::string::npos);
  }
}

TEST_CASE("IOS-XR prints a timestamp before each command until told not to", "[sim]") {
  Shipped xr("cisco_iosxr");
  REQUIRE(xr.type("terminal length 0\n") ==
          "terminal length 0\r\nTue Mar 25 10:41:07.482 UTC\r\nRP/0/RSP0/CPU0:router1#");
  xr.type("terminal exec prompt no-timestamp\n");
  REQUIRE(xr.type("terminal width 512\n") == "terminal width 512\r\nRP/0/RSP0/CPU0:router1#");
}

TEST_CASE("every shipped device model loads and cites its sources", "[sim]") {
  int models = 0;
  for (const auto& entry : std::filesystem::directory_iterator(shipped_device_dir())) {
    if (entry.path().extension() != ".toml") continue;
    ++models;
    INFO(entry.path());
    CliTree cli(load_device_model_file(entry.path()));  // refuses inconsistent models
    std::ifstream in(entry.path());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("# Sources:") != std::string::npos);
    // Each mode says where its prompt comes from.
    for (auto at = text.find("[[mode]]"); at != std::string::npos;
         at = text.find("[[mode]]", at + 1))
      CHECK(text.substr(at, text.find('\n', at) - at).find("# [") != std::string::npos);
  }
  CHECK(models >= 28);
}

// Each device model against the real device's bytes: every transcript of
// tests/transcripts/ is typed into the model of its platform (with the recorded host name),
// and each answer must be the recorded one, byte for byte, except the exchanges a
// "# model-skip: TEXT" line names (TEXT: the input, or a piece of the recorded answer),
// which the model does not play. "# model-setup: TEXT" lines are typed first (a login that
// lands elsewhere than the model's); "# model-skip-file:" says why a file is not compared.
TEST_CASE("device models answer as the real devices of tests/transcripts did", "[sim]") {
  namespace fs = std::filesystem;
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(VTY_SOURCE_DIR) / "tests/transcripts")) {
    if (entry.path().extension() != ".vtyrec") continue;
    auto recording = vty::load_recording(entry.path());
    std::ifstream in(entry.path());
    std::vector<std::string> skips;
    std::string setup;
    bool skip_file = false;
    for (std::string line; std::getline(in, line);) {
      if (line.starts_with("# model-skip: ")) skips.push_back(line.substr(14));
      if (line.starts_with("# model-setup: ")) setup += line.substr(15) + "\n";
      if (line.starts_with("# model-skip-file: ")) skip_file = true;
    }
    if (skip_file) continue;
    DeviceOptions options;
    options.hostname = recording.header.host;
    CliTree cli(
        load_device_model_file(shipped_device_dir() / (recording.header.platform + ".toml")));
    Device device(cli, options);
    std::string typed = "(login)";
    std::string login = device.read_all();
    if (!setup.empty()) {
      device.feed(setup);  // e.g. a login that lands in another mode
      login = device.read_all();
      login = login.substr(login.rfind('\n') + 1);  // just the prompt
    }
    for (const auto& event : recording.events) {
      if (event.kind == vty::RecordedEvent::Kind::sent) {
        typed = event.bytes;
        if (event.masked) {
          device.feed(options.enable_password + event.bytes);
        } else {
          device.feed(event.bytes);
        }
        continue;
      }
      if (event.kind != vty::RecordedEvent::Kind::received) continue;
      std::string answer = typed == "(login)" ? login : device.read_all();
      bool skipped = false;
      for (const auto& skip : skips) {
        if (typed == skip + "\n" || (typed == "(login)" && skip == "(login)") ||
            event.bytes.find(skip) != std::string::npos)
          skipped = true;
      }
      if (skipped) continue;
      INFO(entry.path().filename().string() << " after " << typed);
      CHECK(answer == event.bytes);
      ++compared;
    }
  }
  CHECK(compared >= 25);
}
