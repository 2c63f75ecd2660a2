// BIRD 2's control client as the peer of the bird platform: a real bird daemon of the
// test's, birdcl as the ForceCommand of a test sshd, over libssh and the system ssh.
#include <catch2/catch.hpp>

#include <string>

#include <vty/vty.hpp>

#include "support/bird.hpp"
#include "support/real_peers.hpp"
#include "support/sim.hpp"

using vty::test::Bird;
using vty::test::BirdOverSsh;
using vty::test::Libssh;
using vty::test::SystemSsh;

namespace {

bool bird_missing() {
  return vty::test::peer_unavailable("BIRD", Bird::unavailable());
}

}  // namespace

TEMPLATE_TEST_CASE("BIRD: birdc opens at bird> and answers show commands", "[bird]", Libssh,
                   SystemSsh) {
  if (bird_missing()) return;
  BirdOverSsh peer;
  vty::Driver driver(peer.options(TestType::transport));
  driver.open();
  CHECK(driver.current_privilege() == "exec");
  CHECK(driver.get_prompt() == "bird>");
  auto status = driver.send_command("show status");
  CHECK_THAT(status.result, Catch::Contains("Router ID is 10.255.0.2"));
  CHECK_THAT(status.result, Catch::Contains("Daemon is up and running"));
  CHECK(status.result.find("bird>") == std::string::npos);
  // 40 routes on a 24-line terminal: birdcl pages, vty answers each --More--.
  auto routes = driver.send_command("show route");
  CHECK_THAT(routes.raw_result, Catch::Contains("--More--"));
  CHECK(routes.result.find("--More--") == std::string::npos);
  for (int i = 0; i < Bird::static_routes; i += 9)
    CHECK_THAT(routes.result, Catch::Contains("10.210." + std::to_string(i) + ".0/24"));
  auto count = driver.send_command("show route count");
  CHECK_THAT(count.result, Catch::Contains(std::to_string(Bird::static_routes) + " of " +
                                           std::to_string(Bird::static_routes) + " routes"));
  driver.close();
}

TEMPLATE_TEST_CASE("BIRD: birdc's refusals mark a response failed", "[bird]", Libssh, SystemSsh) {
  if (bird_missing()) return;
  BirdOverSsh peer;
  vty::Driver driver(peer.options(TestType::transport));
  driver.open();
  auto unknown = driver.send_command("show no-such-thing");
  INFO(unknown.result);
  CHECK(unknown.failed);
  auto protocol = driver.send_command("show protocols no_such_protocol");
  INFO(protocol.result);
  CHECK(protocol.failed);
  auto fine = driver.send_command("show protocols");
  CHECK_FALSE(fine.failed);
  CHECK_THAT(fine.result, Catch::Contains("static4"));
  driver.close();
}

TEST_CASE("BIRD: configure reloads the daemon's file, and autodetection finds bird", "[bird]") {
  if (bird_missing()) return;
  BirdOverSsh peer;
  auto options = peer.options("libssh");
  options.platform = "auto";
  vty::Driver driver(options);
  driver.open();
  REQUIRE(driver.detection().has_value());
  INFO(driver.detection()->reason);
  CHECK(driver.detection()->platform == "bird");
  auto reload = driver.send_command("configure");
  CHECK_THAT(reload.result, Catch::Contains("Reconfigured"));
  CHECK_FALSE(reload.failed);
  driver.close();
}
