// The conformance cases at the end of PLATFORMS.md, against the shipped definitions: the
// tail of what a device sent, fed to the prompt reader with the platform's patterns, ends in
// the expected level's prompt, in a pager prompt, or in no prompt at all (the read goes on).
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include <vty/platform.hpp>
#include <vty/privilege_graph.hpp>
#include <vty/prompt_reader.hpp>

namespace {

constexpr const char* kNotPrompt = "NOT PROMPT";
constexpr const char* kPager = "PAGER";

struct Case {
  int number;  // as in PLATFORMS.md
  const char* platform;
  std::string tail;
  // A level; several joined by | where only tracking tells them apart (the levels share the
  // prompt line: IOS-XR and Junos configuration modes, two-line SR OS and SR Linux prompts);
  // or kNotPrompt, or kPager.
  std::string expected;
};

// Cases 8 (a banner line "WARNING#" before the first prompt), 36 (AireOS in-band "User:"),
// and 37 (AireOS "display the next 15 entries? (y/n)", answered "y") are not questions of
// prompt patterns; the dialogs of 17, 25, 27, 41 and 44 are here as text that must not end
// a read.
const std::vector<Case> kCases = {
    {1, "cisco_iosxe", "\nedge-rtr01>", "exec"},
    {2, "cisco_iosxe", "\ncore-sw01.dc1# ", "privilege_exec"},
    {3, "cisco_iosxe", "\nR1(config-sg-tacacs+)#", "configuration"},
    {4, "cisco_iosxe", "\n819HGW(tcl)#", "tclsh"},
    {5, "cisco_iosxe", "\nR1#show run | i desc\n description uplink-to-core#\n", kNotPrompt},
    {6, "cisco_iosxe", "\n description uplink-to-core#", kNotPrompt},
    {7, "cisco_iosxe", "\n*** AUTHORIZED ACCESS ONLY ***#\n", kNotPrompt},
    {9, "cisco_iosxe", "\x1b[1;32mleaf1#\x1b[0m ", "privilege_exec"},
    {10, "cisco_iosxe", "\n --More-- ", kPager},
    {11, "cisco_iosxe", "\n% Invalid input detected at '^' marker.\n\nR1#", "privilege_exec"},
    {12, "cisco_nxos", "\nswitch(maint-mode)(config-if)# ", "configuration"},
    {13, "cisco_nxos", "\nswitch-tcl# ", "tclsh"},
    {14, "cisco_nxos", "\nswitch(config-s)# ", "configuration_session"},
    {15, "cisco_iosxr", "\nRP/0/RSP0/CPU0:pe1.lab(config-if)#",
     "configuration|configuration_exclusive"},
    {16, "cisco_iosxr", "\nRP/0/RP0/CPU0:xr1(admin)#", "admin"},
    {17, "cisco_iosxr",
     "end\nUncommitted changes found, commit them before exiting(yes/no/cancel)? [cancel]:",
     kNotPrompt},
    {18, "cisco_iosxr", "show clock\nSat Mar  3 17:49:03.596 UTC\n", kNotPrompt},
    {19, "arista_eos", "\nleaf1(s1)#", "privilege_exec"},
    {20, "arista_eos", "\nlocalhost(some thing)(config)#", "configuration"},
    {21, "arista_eos", "\nsw1(config-s-change)#", "configuration_session"},
    {22, "arista_eos", "\n[admin@leaf1 ~]$ ", "bash"},
    {23, "juniper_junos", "\n{master:0}\nnetops@mx960-re0.lab> ", "exec"},
    {24, "juniper_junos", "\n[edit interfaces ge-0/0/0]\nnetops@mx960# ",
     "configuration|configuration_exclusive|configuration_private"},
    {25, "juniper_junos", "\nroot@vmx1:~ # ", "root_shell"},
    {26, "juniper_junos", "\n---(more 45%)---", kPager},
    {27, "juniper_junos",
     "\nThe configuration has been changed but not committed\n"
     "Exit with uncommitted changes? [yes,no] (yes) ",
     kNotPrompt},
    {28, "huawei_vrp", "<AR650>display current-configuration\n[V200R009C00SPC500]\n#\n",
     kNotPrompt},
    {29, "huawei_vrp", "\nHRP_M[FW1-GigabitEthernet1/0/1]", "configuration"},
    {30, "huawei_vrpv8", "\n[*CE1-10GE1/0/1]", "configuration"},
    {31, "huawei_vrp", "\n  ---- More ----", kPager},
    {32, "hp_comware", "\n[H3C-GigabitEthernet1/0/1]", "configuration"},
    {32, "hp_comware", "\n<H3C>", "privilege_exec"},
    {33, "cisco_asa", "\nfw01/act/pri(config-if)#", "configuration"},
    {34, "cisco_asa", "\n<--- More --->", kPager},
    {35, "cisco_wlc", "\n(Cisco Controller) >", "exec"},
    {38, "nokia_sros", "\n*(ex)[/configure router \"Base\"]\nA:admin@pe1.lab#",
     "exec|configuration"},
    {39, "nokia_sros", "\n[/]\nA:admin@sr1# ", "exec|configuration"},
    {40, "mikrotik_routeros", "\n[admin@rtr-edge.lab] /ip address> ", "cli"},
    {41, "mikrotik_routeros", "\nPlease press \"Enter\" to continue!", kNotPrompt},
    {42, "fortinet_fortios", "\nFGT-01 (interface) # ", "exec"},
    {43, "fortinet_fortios", "    set comments \"core uplink #\"\n", kNotPrompt},
    {44, "fortinet_fortios", "(Press 'a' to accept):", kNotPrompt},
    {45, "paloalto_panos", "\n[edit]\nadmin@pa-fw01(active)#", "configuration"},
    {46, "vyos", "\x1b]0;vyos@vyos: ~\x07vyos@vyos:~$ ", "privilege_exec"},
    {47, "extreme_exos", "\n* X460-48t.27 # ", "exec"},
    {48, "ubiquiti_edgeswitch", "\n(sw-core-01) (Interface 0/1)#", "configuration"},
    {49, "ruckus_fastiron", "\nSSH@ICX7150-24P Switch(config-if-e1000-1/1/1)#", "configuration"},
    {50, "nokia_srlinux",
     "\n--{ * candidate private private-root }--[ interface ethernet-1/1 ]--\nA:leaf1#",
     "exec|configuration"},
};

std::set<std::string> split(const std::string& levels) {
  std::set<std::string> names;
  std::size_t begin = 0;
  for (auto bar = levels.find('|');; bar = levels.find('|', begin)) {
    names.insert(levels.substr(begin, bar - begin));
    if (bar == std::string::npos) break;
    begin = bar + 1;
  }
  return names;
}

}  // namespace

TEST_CASE("PLATFORMS.md conformance: each tail ends in the expected level, a pager or no prompt") {
  for (const auto& c : kCases) {
    DYNAMIC_SECTION("case " << c.number << " " << c.platform << ": " << c.expected) {
      const auto platform = vty::load_platform(c.platform);
      const vty::PrivilegeGraph graph{platform};
      vty::PromptReader reader{platform.prompt_pattern(),
                               {.pager_pattern = platform.pager_pattern}};
      reader.feed(c.tail);
      if (c.expected == kPager) {
        CHECK(reader.at_pager());
        CHECK_FALSE(reader.done());
      } else if (c.expected == kNotPrompt) {
        CHECK_FALSE(reader.done());
        CHECK_FALSE(reader.at_pager());
      } else {
        REQUIRE(reader.done());
        const auto expected = split(c.expected);
        const vty::PrivilegeLevel* found = graph.level_of(reader.prompt());
        REQUIRE(found);
        CHECK(expected.count(found->name) == 1);
        // Every level of a tie matches, so tracking can pick any of them.
        for (const auto& name : expected) {
          CHECK(graph.level_of(reader.prompt(), {platform.find(name)})->name == name);
        }
      }
    }
  }
}

TEST_CASE("PLATFORMS.md conformance: a failure string in the output is recognised") {
  const auto platform = vty::load_platform("cisco_iosxe");
  const std::string output = "% Invalid input detected at '^' marker.";
  bool failed = false;
  for (const auto& text : platform.failed_when_contains) {
    failed = failed || output.find(text) != std::string::npos;
  }
  CHECK(failed);
}
