// Old devices and quiet links over the libssh transport (docs/ssh.md): legacy algorithms
// allowed with OpenSSH's option syntax, SSH-level keepalives and liveness, against real
// OpenSSH sshd servers that serve vty-sim on loopback.
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include "libssh_reach_fixture.hpp"

using namespace vty::test::reach;
using vty::test::run_async;
using vty::test::Sim;
using vty::test::Sshd;

TEST_CASE(
    "libssh transport: a device limited to legacy algorithms, and the option that allows it") {
  Sshd::Config config = device_sshd({"KexAlgorithms diffie-hellman-group14-sha1",
                                     "Ciphers aes128-cbc,3des-cbc", "HostKeyAlgorithms ssh-rsa"});
  config.host_key_type = "rsa";
  Sshd sshd(config);
  vty::Options options = direct_options(sshd);
  SECTION("by default the handshake fails naming the device's offer and the option to add") {
    auto e = open_fails_with<vty::ConnectionError>(options);
    CHECK_THAT(e.what(), Catch::Contains("the device offers diffie-hellman-group14-sha1") &&
                             Catch::Contains("KexAlgorithms=+diffie-hellman-group14-sha1"));
  }
  SECTION("with the key exchange allowed, the host key type is what is missing") {
    options.ssh_options = {"KexAlgorithms=+diffie-hellman-group14-sha1"};
    auto e = open_fails_with<vty::ConnectionError>(options);
    CHECK_THAT(e.what(), Catch::Contains("HostKeyAlgorithms=+ssh-rsa"));
  }
  SECTION("then the cipher") {
    options.ssh_options = {"KexAlgorithms=+diffie-hellman-group14-sha1",
                           "HostKeyAlgorithms=+ssh-rsa"};
    auto e = open_fails_with<vty::ConnectionError>(options);
    CHECK_THAT(e.what(), Catch::Contains("Ciphers=+aes128-cbc,3des-cbc"));
  }
  SECTION("with all three allowed, the session works") {
    options.ssh_options = {"KexAlgorithms=+diffie-hellman-group14-sha1",
                           "HostKeyAlgorithms=+ssh-rsa", "Ciphers=+aes128-cbc"};
    CHECK_THAT(show_version(options), Catch::Contains("Cisco IOS XE Software"));
    CHECK_THAT(sshd.log(), Catch::Contains("Accepted publickey"));
  }
  SECTION("the same from an ssh_config Host block") {
    std::ofstream(sshd.file("ssh_config"))
        << "Host 127.0.0.1\n  KexAlgorithms +diffie-hellman-group14-sha1\n"
        << "  HostKeyAlgorithms +ssh-rsa\n  Ciphers ^3des-cbc\n";
    options.ssh_config_file = sshd.file("ssh_config");
    CHECK_THAT(show_version(options), Catch::Contains("Cisco IOS XE Software"));
  }
}

TEST_CASE(
    "libssh transport: ServerAliveInterval sends keepalives, and is_alive sees a lost session") {
  Sshd::Config config = device_sshd();
  config.log_level = "DEBUG3";
  Sshd sshd(config);
  vty::Options options = direct_options(sshd);
  options.ssh_options = {"ServerAliveInterval=1"};
  run_async([&](Executor ex) -> asio::awaitable<void> {
    vty::AsyncDriver driver(ex, options);
    co_await driver.open();
    CHECK(driver.is_alive());
    asio::steady_timer timer(ex, 2500ms);
    co_await timer.async_wait(asio::use_awaitable);
    CHECK(count(sshd.log(), "keepalive@openssh.com") >= 2);
    // The session still works after keepalives went back and forth.
    auto version = co_await driver.send_command("show version");
    CHECK_THAT(version.result, Catch::Contains("Cisco IOS XE Software"));

    sshd.kill_sessions();
    for (int i = 0; i < 100 && driver.is_alive(); ++i) {
      timer.expires_after(50ms);
      co_await timer.async_wait(asio::use_awaitable);
    }
    CHECK_FALSE(driver.is_alive());
    // A documented way back: reopen() with the same options.
    co_await driver.reopen();
    CHECK(driver.is_alive());
    auto again = co_await driver.send_command("show version");
    CHECK_THAT(again.result, Catch::Contains("Cisco IOS XE Software"));
    co_await driver.close();
  });
}

TEST_CASE("libssh transport: a peer that stops answering keepalives is lost after CountMax") {
  Sshd sshd(device_sshd());
  vty::Options options = direct_options(sshd);
  options.ssh_options = {"ServerAliveInterval=1", "ServerAliveCountMax=2"};
  options.timeout_ops = 30s;
  run_async([&](Executor ex) -> asio::awaitable<void> {
    vty::AsyncDriver driver(ex, options);
    co_await driver.open();
    sshd.freeze_sessions();  // the TCP connection stays up; nothing answers any more
    const auto started = std::chrono::steady_clock::now();
    try {
      co_await driver.send_command("show version");
      FAIL("the command returned from a frozen peer");
    } catch (const vty::ConnectionClosed& e) {
      CHECK_THAT(e.what(), Catch::Contains("no answer to 2 keepalives"));
    }
    // Lost after 2-3 intervals, long before the 30 s operation timeout.
    CHECK(std::chrono::steady_clock::now() - started < 5s);
    CHECK_FALSE(driver.is_alive());
  });
}
