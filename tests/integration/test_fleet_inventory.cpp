// `vty run` over a multi-vendor inventory: commands per group, the platform each host ran
// (detected for auto), --list-hosts, and which setting wins: host > groups > command-line
// flags > [defaults].
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>

#include "support/child_process.hpp"
#include "support/cli.hpp"
#include "support/paths.hpp"
#include "support/sim.hpp"

using vty::test::jq;
using vty::test::run_program;
using vty::test::Sim;
using vty::test::TempDir;
using vty::test::vty_run_sim;

namespace {

std::string write(const TempDir& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir.file(name)) << text;
  return dir.file(name);
}

std::string host(const std::string& name, unsigned short port, const std::string& extra = "") {
  return "[hosts." + name + "]\naddress = \"127.0.0.1\"\nport = " + std::to_string(port) + "\n" +
         extra;
}

// `vty run ARGS --list-hosts --json` without the simulator's --user.
vty::test::RunResult list_hosts(std::vector<std::string> args, std::vector<std::string> env = {}) {
  std::vector<std::string> argv{VTY_CLI_PATH, "run", "--list-hosts", "--json"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program({.argv = argv, .env = std::move(env)});
}

}  // namespace

TEST_CASE("vty run: a mixed-vendor fleet gets each group's commands in one run") {
  Sim ios({.devices = 2});
  Sim junos({.devices = 2, .extra_args = {"--platform", "juniper_junos"}});
  TempDir dir;
  auto inventory = write(dir, "inventory.toml",
                         "[groups.ios]\nplatform = \"cisco_iosxe\"\ncommands = [\"show clock\"]\n"
                         "[groups.junos]\nplatform = \"auto\"\n"
                         "commands = [\"show system uptime\"]\n" +
                             host("r1", ios.port(0), "groups = [\"ios\"]\n") +
                             host("j1", junos.port(0), "groups = [\"junos\"]\n") +
                             host("r2", ios.port(1), "groups = [\"ios\"]\n") +
                             host("j2", junos.port(1), "groups = [\"junos\"]\n"));
  auto r = vty_run_sim({.args = {"-i", inventory, "--json"}});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(jq(r.output, "map(.host) == [\"r1\", \"j1\", \"r2\", \"j2\"] and all(.[]; .ok)"));
  CHECK(jq(r.output,
           "map(select(.host | startswith(\"r\")) | .results | map(.command)) == "
           "[[\"show clock\"], [\"show clock\"]]"));
  CHECK(jq(r.output,
           "map(select(.host | startswith(\"j\")) | .results | map(.command)) == "
           "[[\"show system uptime\"], [\"show system uptime\"]]"));
  // The platform run: the detected one for auto; and where each host is.
  CHECK(jq(r.output,
           "map(.platform) == [\"cisco_iosxe\", \"juniper_junos\", \"cisco_iosxe\", "
           "\"juniper_junos\"]"));
  CHECK(jq(r.output,
           ".[1].address == \"127.0.0.1\" and .[1].port == " + std::to_string(junos.port(0))));

  // -c still goes to every host, before the group's own.
  auto both =
      vty_run_sim({.args = {"-i", inventory, "--limit", "ios", "-c", "show version", "--json"}});
  CHECK(jq(both.output,
           "all(.[]; (.results | map(.command)) == [\"show version\", \"show "
           "clock\"])"));

  // A host with nothing to send is a usage error, before any connection.
  auto bare = write(dir, "bare.toml", host("r1", ios.port(0)));
  auto nothing = vty_run_sim({.args = {"-i", bare}, .with_stderr = true});
  CHECK(nothing.exit_code == 64);
  CHECK_THAT(nothing.output, Catch::Contains("nothing to send to r1"));
}

TEST_CASE("vty run: commands per platform follow the platform each host runs, detected too") {
  Sim ios({.devices = 1});
  Sim junos({.devices = 2, .extra_args = {"--platform", "juniper_junos"}});
  Sim eos({.devices = 1, .extra_args = {"--platform", "arista_eos"}});
  TempDir dir;
  auto inventory = write(dir, "inventory.toml",
                         "[defaults]\nplatform = \"auto\"\ncommands = [\"show version\"]\n"
                         "[platforms.cisco_iosxe]\ncommands = [\"show clock\"]\n"
                         "[platforms.juniper_junos]\ncommands = [\"show system uptime\"]\n" +
                             host("r1", ios.port(0)) + host("j1", junos.port(0)) +
                             host("j2", junos.port(1), "commands = [\"show version\"]\n") +
                             host("e1", eos.port(0)));
  auto r = vty_run_sim({.args = {"-i", inventory, "--json"}});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  // r1 and j1 by their detected platform; j2 by its own list; e1 (no [platforms.arista_eos])
  // by [defaults].
  CHECK(jq(r.output,
           "map(.results | map(.command)) == [[\"show clock\"], [\"show system "
           "uptime\"], [\"show version\"], [\"show version\"]]"));
  CHECK(jq(r.output,
           "map(.platform) == [\"cisco_iosxe\", \"juniper_junos\", "
           "\"juniper_junos\", \"arista_eos\"]"));

  auto typo = write(dir, "typo.toml",
                    "[platforms.junos]\ncommands = [\"show system uptime\"]\n" +
                        host("r1", ios.port(0), "commands = [\"show clock\"]\n"));
  auto refused = vty_run_sim({.args = {"-i", typo}, .with_stderr = true});
  CHECK(refused.exit_code == 64);
  CHECK_THAT(refused.output, Catch::Contains("[platforms.junos]") &&
                                 Catch::Contains("no platform named \"junos\""));
}

TEST_CASE("vty run: hosts and groups outrank command-line flags, which outrank [defaults]") {
  TempDir dir;
  auto inventory =
      write(dir, "inventory.toml",
            "[defaults]\nplatform = \"juniper_junos\"\ntransport = \"telnet\"\n"
            "[groups.arista]\nplatform = \"arista_eos\"\n" +
                host("own", 1001, "platform = \"cisco_nxos\"\ntransport = \"libssh\"\n") +
                host("grouped", 1002, "groups = [\"arista\"]\n") + host("plain", 1003));
  auto r = list_hosts({"-i", inventory, "--platform", "cisco_iosxe", "--transport", "system"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(jq(r.output, "map(.platform) == [\"cisco_nxos\", \"arista_eos\", \"cisco_iosxe\"]"));
  CHECK(jq(r.output, "map(.transport) == [\"libssh\", \"system\", \"system\"]"));
  // Without the flags, [defaults] applies where hosts and groups are silent.
  auto defaults = list_hosts({"-i", inventory});
  CHECK(jq(defaults.output,
           "map(.platform) == [\"cisco_nxos\", \"arista_eos\", "
           "\"juniper_junos\"]"));
  CHECK(jq(defaults.output, "map(.transport) == [\"libssh\", \"telnet\", \"telnet\"]"));
}

TEST_CASE("vty run leaves the port and login name to ssh_config with both SSH transports") {
  // Hosts without a port: telnet gets 23, and the SSH transports none of their own
  // (ssh_config's Port and User then apply, docs/ssh.md), nor $USER.
  auto r = list_hosts({"edge1", "--transport", "system"}, {"USER=someone"});
  INFO(r.output);
  CHECK(jq(r.output, ".[0].port == null and .[0].user == \"\""));
  auto given = list_hosts({"edge1", "--transport", "system", "--user", "netops"});
  CHECK(jq(given.output, ".[0].user == \"netops\""));
  auto libssh = list_hosts({"edge1"}, {"USER=someone"});
  CHECK(jq(libssh.output, ".[0].port == null and .[0].user == \"\""));
  auto telnet = list_hosts({"edge1", "--transport", "telnet"});
  CHECK(jq(telnet.output, ".[0].port == 23"));
}

TEST_CASE("vty run --list-hosts resolves the selection and contacts nothing") {
  TempDir dir;
  auto inventory = write(dir, "inventory.toml",
                         "[groups.core]\n" + host("r1", 2201, "groups = [\"core\"]\n") +
                             host("r2", 2202) + host("r3", 2203, "groups = [\"core\"]\n"));
  auto r = list_hosts({"-i", inventory, "--limit", "core"});
  CHECK(r.exit_code == 0);
  CHECK(jq(r.output, "map(.host) == [\"r1\", \"r3\"] and map(.port) == [2201, 2203]"));
  CHECK(jq(r.output, "all(.[]; .platform == \"cisco_iosxe\" and .address == \"127.0.0.1\")"));
  auto text = run_program({.argv = {VTY_CLI_PATH, "run", "--list-hosts", "-i", inventory}});
  CHECK_THAT(text.output, Catch::Contains("r2  127.0.0.1:2202  cisco_iosxe  libssh"));
}

TEST_CASE("vty run finds credentials in $VTY_CREDENTIALS_FILE and the XDG config folder") {
  Sim sim;
  TempDir dir;
  std::string target = "127.0.0.1:" + std::to_string(sim.port());
  auto credentials = write(dir, "creds.toml",
                           "[default]\nusername = \"admin\"\npassword = \"admin123\"\n"
                           "secondary = \"enable123\"\n");
  chmod(credentials.c_str(), 0600);
  std::vector<std::string> argv{VTY_CLI_PATH,        "run", target,  "-c", "show clock",
                                "--host-key-policy", "off", "--json"};
  auto from_env = run_program({.argv = argv, .env = {"VTY_CREDENTIALS_FILE=" + credentials}});
  INFO(from_env.output);
  CHECK(from_env.exit_code == 0);

  std::filesystem::create_directories(dir.file("config/vty"));
  std::filesystem::copy_file(credentials, dir.file("config/vty/credentials.toml"));
  chmod(dir.file("config/vty/credentials.toml").c_str(), 0600);
  auto from_xdg = run_program({.argv = argv, .env = {"XDG_CONFIG_HOME=" + dir.file("config")}});
  CHECK(from_xdg.exit_code == 0);

  // The default file is refused like any other when others can read it.
  chmod(dir.file("config/vty/credentials.toml").c_str(), 0644);
  auto refused = run_program(
      {.argv = argv, .env = {"XDG_CONFIG_HOME=" + dir.file("config")}, .merge_stderr = true});
  CHECK(refused.exit_code == 64);
  CHECK_THAT(refused.output, Catch::Contains("chmod 600"));
}
