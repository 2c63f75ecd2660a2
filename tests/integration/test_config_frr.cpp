// vty::ConfigSession on real FRR (tests/support/frr.hpp, vtysh over SSH): a replace is
// committed as the commands that turn the running configuration into the new one, as FRR's
// frr-reload does, after which the two say the same.
#include <catch2/catch.hpp>

#include <string>

#include <vty/vty.hpp>

#include "support/async.hpp"
#include "support/frr.hpp"
#include "support/real_peers.hpp"

using vty::test::FrrOverSsh;
using vty::test::run_async;
using Executor = asio::any_io_executor;

namespace {

bool frr_missing() {
  return vty::test::peer_unavailable("FRR", vty::test::Frr::unavailable());
}

void replace_once(std::string& text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("FRR: load replace commits the difference, and the running configuration is the new one",
          "[frr]") {
  if (frr_missing()) return;
  FrrOverSsh peer;
  const vty::Options device = peer.options("libssh");
  auto seen = run_async([&](Executor ex) -> asio::awaitable<std::string> {
    auto conn = co_await vty::connect(ex, device);
    vty::ConfigSession session(*conn);
    std::string target = co_await session.get_config();
    replace_once(target, " bgp router-id 10.255.0.1\n", " bgp router-id 10.255.0.9\n");
    replace_once(target, "  network 10.201.2.0/24\n", "  network 10.201.3.0/24\n");
    replace_once(target, "ip route 10.200.7.0/24 blackhole\n", "");
    co_await session.load_config(target, vty::LoadMode::kReplace);
    std::string diff = co_await session.diff();
    co_await session.commit();
    co_await session.load_config(target, vty::LoadMode::kReplace);
    std::string after = co_await session.diff();  // nothing left to change
    co_await session.abort();
    co_await conn->close();
    co_return diff + "\n=====\n" + after;
  });
  INFO(seen);
  CHECK_THAT(seen, Catch::Contains("\n- bgp router-id 10.255.0.1\n+ bgp router-id 10.255.0.9\n"));
  CHECK_THAT(seen, Catch::Contains("\n-  network 10.201.2.0/24\n+  network 10.201.3.0/24\n"));
  CHECK_THAT(seen, Catch::Contains("\n-ip route 10.200.7.0/24 blackhole\n"));
  CHECK_THAT(seen, Catch::EndsWith("\n=====\n"));
  std::string running = peer.frr().vtysh("show running-config");
  CHECK_THAT(running, Catch::Contains("network 10.201.3.0/24"));
  CHECK(running.find("network 10.201.2.0/24") == std::string::npos);
  CHECK(running.find("ip route 10.200.7.0/24 blackhole") == std::string::npos);
}

TEST_CASE("FRR: a merge is UnsupportedOperation, and abort drops a held replace", "[frr]") {
  if (frr_missing()) return;
  FrrOverSsh peer;
  const vty::Options device = peer.options("libssh");
  auto seen = run_async([&](Executor ex) -> asio::awaitable<std::string> {
    auto conn = co_await vty::connect(ex, device);
    vty::ConfigSession session(*conn);
    std::string names;
    try {
      co_await session.load_config("hostname other\n");
    } catch (const vty::UnsupportedOperation&) {
      names += "merge;";
    }
    co_await session.load_config("hostname other\n", vty::LoadMode::kReplace);
    co_await session.abort();
    names += co_await session.diff();
    co_await conn->close();
    co_return names;
  });
  CHECK(seen == "merge;");
  CHECK_THAT(peer.frr().vtysh("show running-config"), Catch::Contains("hostname frr1"));
}
