// The ssh_config reader behind the libssh transport, and the algorithm lists it builds:
// strings in, values out, as OpenSSH's `ssh` would read them.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "libssh_algorithms.hpp"
#include "ssh_config.hpp"

using vty::detail::SshConfig;

TEST_CASE("ssh_config: Host patterns select blocks and the first value of a keyword wins") {
  SshConfig config;
  config.add(R"(# a comment
Host core-* !core-lab
  HostName %h.example.net
  Port 2222
  User netops
  IdentityFile ~/.ssh/core_ed25519
Host core-lab
  HostName 10.9.9.9
Host *
  Port 22
  User nobody
  IdentityFile ~/.ssh/id_ed25519
  ConnectTimeout=7
  KexAlgorithms +diffie-hellman-group14-sha1
)",
             "test_config");
  SECTION("a matching block, then the catch-all for what it did not say") {
    auto found = config.lookup("core-r1");
    CHECK(found.hostname == "core-r1.example.net");
    CHECK(found.port == 2222);
    CHECK(found.user == "netops");
    CHECK(found.identity_files ==
          std::vector<std::string>{"~/.ssh/core_ed25519", "~/.ssh/id_ed25519"});
    CHECK(found.connect_timeout == 7);
    CHECK(found.kex_algorithms == "+diffie-hellman-group14-sha1");
  }
  SECTION("a negated pattern rules a host out of a block") {
    auto found = config.lookup("core-lab");
    CHECK(found.hostname == "10.9.9.9");
    CHECK(found.port == 22);
    CHECK(found.user == "nobody");
  }
  SECTION("a host no block names gets only the catch-all") {
    auto found = config.lookup("edge1");
    CHECK_FALSE(found.hostname);
    CHECK(found.port == 22);
  }
}

TEST_CASE("ssh_config: -o options come before the files, for the target only") {
  SshConfig config;
  config.add_option("Port=2200");
  config.add_option("ProxyJump bastion");
  config.add("Host *\n  Port 22\n  ProxyJump none\n", "f");
  CHECK(config.lookup("r1").port == 2200);
  CHECK(config.lookup("r1").proxy_jump == "bastion");
  CHECK(config.lookup("bastion", false).port == 22);
  CHECK_THROWS_AS(config.add_option("Host x"), std::invalid_argument);
}

TEST_CASE("ssh_config: a later file's lines do not join an earlier file's Host block") {
  SshConfig config;
  config.add("Host r1\n  User first\n", "user");
  config.add("User second\nPort 2022\n", "system");
  CHECK(config.lookup("r1").user == "first");
  CHECK(config.lookup("r2").user == "second");
  CHECK(config.lookup("r1").port == 2022);
}

TEST_CASE("ssh_config: Match blocks other than `Match all` never apply, and Include reads more") {
  SshConfig config;
  config.add(
      "Match host r1 exec true\n  User matched\nMatch all\n  Port 2000\n"
      "Include extra.conf\n",
      "f", [](const std::string& pattern) {
        CHECK(pattern == "extra.conf");
        return std::vector<std::pair<std::string, std::string>>{
            {"extra.conf", "Host r1\n  User included\n"}};
      });
  CHECK(config.lookup("r1").user == "included");
  CHECK(config.lookup("r1").port == 2000);
}

TEST_CASE("ssh_config: a bad value names the file and the line") {
  SshConfig config;
  config.add("Host r1\n  Port seventy\n", "cfg");
  try {
    config.lookup("r1");
    FAIL("no error");
  } catch (const std::invalid_argument& e) {
    CHECK_THAT(e.what(), Catch::Contains("cfg:2") && Catch::Contains("seventy"));
  }
}

TEST_CASE("ssh_config: host patterns") {
  using vty::detail::ssh_host_matches;
  CHECK(ssh_host_matches("r1.lab", {"*.lab"}));
  CHECK(ssh_host_matches("R1.LAB", {"r?.lab"}));
  CHECK(ssh_host_matches("r2", {"r1,r2"}));
  CHECK_FALSE(ssh_host_matches("r10", {"r?"}));
  CHECK_FALSE(ssh_host_matches("bad.lab", {"*.lab", "!bad.*"}));
}

TEST_CASE("ssh_config: ProxyJump lists") {
  auto hops = vty::detail::parse_proxy_jump("ops@jump1:2222,jump2,[::1]:22,ssh://u@h");
  REQUIRE(hops.size() == 4);
  CHECK(hops[0].user == "ops");
  CHECK(hops[0].host == "jump1");
  CHECK(hops[0].port == 2222);
  CHECK(hops[1].host == "jump2");
  CHECK(hops[1].port == 0);
  CHECK(hops[2].host == "::1");
  CHECK(hops[3].user == "u");
  CHECK_THROWS_AS(vty::detail::parse_proxy_jump("jump:99999"), std::invalid_argument);
}

TEST_CASE("algorithms: OpenSSH's +, - and ^ against the defaults") {
  using vty::detail::resolve_algorithms;
  CHECK(resolve_algorithms("+c,a", "a,b") == "a,b,c");
  CHECK(resolve_algorithms("^c", "a,b") == "c,a,b");
  CHECK(resolve_algorithms("-a*", "ab,b,ac") == "b");
  CHECK(resolve_algorithms("x,y", "a,b") == "x,y");
}

TEST_CASE("algorithms: a failed negotiation names the device's offer and the option to add") {
  auto explained = vty::detail::explain_negotiation_failure(
      "kex error : no match for method kex algos: server [diffie-hellman-group1-sha1,"
      "ext-info-s], client [curve25519-sha256,kex-strict-c-v00@openssh.com]");
  REQUIRE(explained);
  CHECK_THAT(*explained, Catch::Contains("KexAlgorithms=+diffie-hellman-group1-sha1 ") &&
                             Catch::Contains("the device offers diffie-hellman-group1-sha1;"));
  auto cipher = vty::detail::explain_negotiation_failure(
      "kex error : no match for method encryption client->server: server [aes128-cbc,3des-cbc], "
      "client [aes256-ctr]");
  REQUIRE(cipher);
  CHECK_THAT(*cipher, Catch::Contains("Ciphers=+aes128-cbc,3des-cbc"));
  CHECK_FALSE(vty::detail::explain_negotiation_failure("Connection refused"));
}
