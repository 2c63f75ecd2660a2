// vty-sim's files and archive as IOS-XE and NX-OS play them: a file written from tclsh,
// configure replace (asking first unless forced), its confirm timer, and the archive.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "sim_shipped.hpp"

using vty::test::Shipped;

namespace {

vty::sim::DeviceOptions with_store() {
  vty::sim::DeviceOptions options;
  options.store = std::make_shared<vty::sim::ConfigStore>(std::chrono::milliseconds(60'000));
  return options;
}

}  // namespace

TEST_CASE("IOS-XE writes a file from tclsh, line by line after +>", "[sim]") {
  Shipped ios("cisco_iosxe", with_store());
  ios.type("enable\nenable123\ntclsh\n");
  CHECK(ios.type("puts [open \"flash:new.cfg\" w+] {\n") ==
        "puts [open \"flash:new.cfg\" w+] {\r\n+>");
  CHECK(ios.type("hostname edge1\n") == "hostname edge1\r\n+>");
  CHECK(ios.type("}\n") == "}\r\nrouter1(tcl)#");
  ios.type("tclquit\n");
  CHECK(ios.type("show archive config incremental-diffs flash:new.cfg\n")
            .find("!List of Commands:\r\nhostname edge1\r\nend\r\n") != std::string::npos);
}

TEST_CASE("IOS-XE configure replace asks first unless forced, and archives when timed", "[sim]") {
  Shipped ios("cisco_iosxe", with_store());
  ios.type("enable\nenable123\ntclsh\nputs [open \"flash:new.cfg\" w+] {\nhostname edge1\n}\n");
  ios.type("tclquit\n");
  SECTION("without force: the question, and no keeps the configuration") {
    CHECK(ios.type("configure replace flash:new.cfg\n")
              .ends_with("Enter Y if you are sure you want to proceed. ? [no]: "));
    CHECK(ios.type("no\n") == "no\r\nrouter1#");
    CHECK(ios.device.config_lines().empty());
  }
  SECTION("with force and time: the backup to the archive, then the replace") {
    std::string shown = ios.type("configure replace flash:new.cfg force time 5\n");
    CHECK(shown.find("Rollback Confirmed Change: Backing up current running config to "
                     "flash:archive-1\r\nTotal number of passes: 1\r\nRollback Done\r\n") !=
          std::string::npos);
    CHECK(ios.type("show archive\n").find("   1        flash:archive-1 <- Most Recent") !=
          std::string::npos);
    CHECK(ios.type("configure confirm\n") == "configure confirm\r\nrouter1#");
    CHECK(ios.type("configure confirm\n").find("% No Rollback Confirmed Change pending") !=
          std::string::npos);
  }
}

TEST_CASE("NX-OS continues a Tcl command after a bare > and lists its checkpoints", "[sim]") {
  Shipped nx("cisco_nxos", with_store());
  nx.type("tclsh\n");
  CHECK(nx.type("puts [open \"bootflash:a.cfg\" w+] {\n").ends_with("\r\n> "));
  nx.type("hostname nx1\n}\ntclquit\n");
  nx.type("checkpoint\n");
  CHECK(nx.type("show checkpoint summary\n").find("1) user-checkpoint-1:\r\nCreated by admin") !=
        std::string::npos);
  CHECK(nx.type("show diff rollback-patch running-config file bootflash:a.cfg\n")
            .find("!!\r\nhostname nx1\r\n") != std::string::npos);
}
