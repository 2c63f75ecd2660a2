// The commands that replace an FRR configuration by its difference (as frr-reload does):
// removals with "no" inside their blocks, additions with their blocks, nothing when the two
// configurations say the same.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "config_reload.hpp"

using vty::detail::configuration_lines;
using vty::detail::reload_commands;
using Commands = std::vector<std::string>;

namespace {

constexpr const char* kRunning = R"(Building configuration...

Current configuration:
!
frr version 8.4.4
frr defaults traditional
!
hostname frr1
!
ip route 10.9.0.0/16 blackhole
!
router bgp 65001
 bgp router-id 10.255.0.1
 neighbor 127.0.0.2 remote-as 65002
 !
 address-family ipv4 unicast
  network 10.201.0.0/24
  network 10.201.1.0/24
 exit-address-family
exit
!
end)";

}  // namespace

TEST_CASE("reload: the same configuration, however printed, needs no command") {
  std::string same =
      "hostname frr1\nip route 10.9.0.0/16 blackhole\nrouter bgp 65001\n"
      " bgp router-id 10.255.0.1\n neighbor 127.0.0.2 remote-as 65002\n"
      " address-family ipv4 unicast\n  network 10.201.0.0/24\n"
      "  network 10.201.1.0/24\n exit-address-family\n";
  CHECK(reload_commands(kRunning, same).empty());
  CHECK(configuration_lines(kRunning) == configuration_lines(same));
}

TEST_CASE("reload: removed and added lines inside nested blocks, entered from the top") {
  std::string target =
      "hostname frr2\nrouter bgp 65001\n bgp router-id 10.255.0.9\n"
      " neighbor 127.0.0.2 remote-as 65002\n address-family ipv4 unicast\n"
      "  network 10.201.0.0/24\n  network 10.201.3.0/24\n"
      " exit-address-family\n";
  CHECK(reload_commands(kRunning, target) ==
        Commands{"no hostname frr1", "no ip route 10.9.0.0/16 blackhole", "hostname frr2",
                 "router bgp 65001", "no bgp router-id 10.255.0.1", "exit", "router bgp 65001",
                 "bgp router-id 10.255.0.9", "exit", "router bgp 65001",
                 "address-family ipv4 unicast", "no network 10.201.1.0/24", "exit", "exit",
                 "router bgp 65001", "address-family ipv4 unicast", "network 10.201.3.0/24", "exit",
                 "exit"});
}

TEST_CASE("reload: a new block comes whole, and a removed 'no' line is its positive form") {
  CHECK(reload_commands("hostname a\n no-op\n",
                        "hostname a\n no-op\ninterface lo\n ip address "
                        "10.0.0.1/32\n") ==
        Commands{"interface lo", "ip address 10.0.0.1/32", "exit"});
  CHECK(reload_commands("router ospf\n no ospf abr-type\n", "router ospf\n") ==
        Commands{"router ospf", "ospf abr-type", "exit"});
}
