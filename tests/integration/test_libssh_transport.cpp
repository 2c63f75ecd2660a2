// The libssh transport against a real OpenSSH sshd whose sessions run /bin/cat in a pty.
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "support/child_process.hpp"
#include "support/sshd.hpp"
#include "vty/errors.hpp"
#include "vty/transport.hpp"

namespace {

using namespace std::chrono_literals;
using namespace asio::experimental::awaitable_operators;
using Clock = std::chrono::steady_clock;
using vty::test::Sshd;

// Runs `work` to completion on `io`; fails the test instead of hanging past `limit`.
// (Not asio::use_future: it completes on another thread, so "not ready yet" would be a race.)
template <typename T>
T run(asio::io_context& io, asio::awaitable<T> work, std::chrono::milliseconds limit = 20s) {
  bool done = false;
  std::exception_ptr error;
  std::optional<std::conditional_t<std::is_void_v<T>, bool, T>> value;
  auto wrapper = [&]() -> asio::awaitable<void> {
    try {
      if constexpr (std::is_void_v<T>) {
        co_await std::move(work);
      } else {
        value = co_await std::move(work);
      }
    } catch (...) {
      error = std::current_exception();
    }
    done = true;
  };
  asio::co_spawn(io, wrapper(), asio::detached);
  io.restart();
  io.run_for(limit);
  if (!done) FAIL("still running after " << limit.count() << " ms");
  if (error) std::rethrow_exception(error);
  if constexpr (!std::is_void_v<T>) return std::move(*value);
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::trunc) << text;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Public-key login to `sshd` with its host key already known.
vty::Options options_for(const Sshd& sshd) {
  vty::Options options;
  options.host = "127.0.0.1";
  options.port = sshd.port();
  options.auth.username = Sshd::login_user();
  options.auth.private_key_file = sshd.client_key_path();
  options.auth.use_agent = false;
  options.known_hosts_file = sshd.file("known_hosts");
  write_text(sshd.file("known_hosts"), sshd.host_key_line() + "\n");
  options.timeout_socket = 5s;
  options.timeout_transport = 10s;
  return options;
}

// Reads until `needle` has appeared `times` times; returns everything read.
asio::awaitable<std::string> read_until(vty::Transport& transport, std::string needle,
                                        int times = 1) {
  std::string seen;
  std::array<char, 4096> buffer;
  auto count = [&] {
    int found = 0;
    for (auto at = seen.find(needle); at != std::string::npos; at = seen.find(needle, at + 1))
      ++found;
    return found;
  };
  while (count() < times) seen.append(buffer.data(), co_await transport.read_some(buffer));
  co_return seen;
}

asio::awaitable<std::string> read_at_least(vty::Transport& transport, std::size_t size) {
  std::string seen;
  std::array<char, 4096> buffer;
  while (seen.size() < size) seen.append(buffer.data(), co_await transport.read_some(buffer));
  co_return seen;
}

template <typename Error>
void require_open_fails(const vty::Options& options, std::chrono::milliseconds limit,
                        const std::string& message_part) {
  asio::io_context io;
  auto transport = vty::make_transport("libssh", io.get_executor(), options);
  const auto started = Clock::now();
  try {
    run(io, transport->open());
    FAIL("open() succeeded");
  } catch (const Error& error) {
    INFO(error.what());
    CHECK_THAT(error.what(), Catch::Contains(message_part));
    CHECK(error.host() == options.host);
  }
  CHECK(Clock::now() - started < limit);
}

}  // namespace

TEST_CASE("libssh transport: is registered as \"libssh\" and authenticates out of band") {
  asio::io_context io;
  auto transport = vty::make_transport("libssh", io.get_executor(), vty::Options{});
  CHECK(transport->name() == "libssh");
  CHECK_FALSE(transport->authenticates_in_band());
}

TEST_CASE("libssh transport: opens with a key then carries bytes both ways and closes") {
  Sshd sshd;
  auto options = options_for(sshd);
  SECTION("key without a passphrase") {}
  SECTION("key with a passphrase") {
    options.auth.private_key_file = sshd.passphrase_key_path();
    options.auth.private_key_passphrase = Sshd::key_passphrase;
  }
  asio::io_context io;
  auto transport = vty::make_transport("libssh", io.get_executor(), options);
  run(io, transport->open());
  run(io, transport->write("hello\n"));
  // The pty echoes the line, then cat prints it.
  auto seen = run(io, read_until(*transport, "hello", 2));
  CHECK_THAT(seen, Catch::Contains("hello\r\nhello\r\n"));
  run(io, transport->close());
}

TEST_CASE("libssh transport: output larger than the initial channel window arrives whole") {
  Sshd sshd;
  asio::io_context io;
  auto transport = vty::make_transport("libssh", io.get_executor(), options_for(sshd));
  run(io, transport->open());
  // In batches: a canonical-mode pty drops input beyond its 4 KiB line buffer. The echo and
  // cat's copy interleave, so count bytes: each "\n" comes back twice as "\r\n".
  std::size_t received = 0;
  for (int batch = 0; batch < 20; ++batch) {
    std::string lines;
    for (int i = 0; i < 100; ++i)
      lines += "batch " + std::to_string(batch) + " line " + std::to_string(i) + " of text\n";
    run(io, transport->write(lines));
    received += run(io, read_at_least(*transport, 2 * (lines.size() + 100))).size();
  }
  CHECK(received > 64'000);  // libssh's initial window: the window had to grow
  run(io, transport->close());
}

TEST_CASE("libssh transport: a 1 MiB write goes through whole") {
  Sshd::Config config;
  config.force_command = "stty raw -echo; echo ready; exec cat";  // bytes back as sent
  Sshd sshd(config);
  asio::io_context io;
  auto transport = vty::make_transport("libssh", io.get_executor(), options_for(sshd));
  run(io, transport->open());
  run(io, read_until(*transport, "ready\n"));
  std::string data;
  for (int i = 0; data.size() < (1 << 20); ++i) data += std::to_string(i) + " abcdefghijklmnopq\n";
  auto echo_back = [&]() -> asio::awaitable<std::string> {
    // Reader and writer side by side: cat answers while the write is still going.
    std::string seen;
    auto reader = [&]() -> asio::awaitable<void> {
      std::array<char, 16384> buffer;
      while (seen.size() < data.size())
        seen.append(buffer.data(), co_await transport->read_some(buffer));
    };
    co_await (transport->write(data) && reader());
    co_return seen;
  };
  CHECK(run(io, echo_back(), 60s) == data);
  run(io, transport->close());
}

TEST_CASE("libssh transport: a read cancelled by a timer leaves the transport usable") {
  Sshd sshd;
  asio::io_context io;
  auto transport = vty::make_transport("libssh", io.get_executor(), options_for(sshd));
  run(io, transport->open());

  auto cancelled_read = [&]() -> asio::awaitable<std::size_t> {
    std::array<char, 256> buffer;
    asio::steady_timer timer(io, 100ms);
    auto winner = co_await (transport->read_some(buffer) || timer.async_wait(asio::use_awaitable));
    co_return winner.index();
  };
  CHECK(run(io, cancelled_read()) == 1);  // the timer won; nothing was sent

  run(io, transport->write("after\n"));
  CHECK_THAT(run(io, read_until(*transport, "after", 2)), Catch::Contains("after"));
  run(io, transport->close());
}

TEST_CASE("libssh transport: host key policy") {
  Sshd sshd;
  auto options = options_for(sshd);
  const auto known_hosts = sshd.file("known_hosts");
  asio::io_context io;

  SECTION("strict refuses an unknown key and says how to accept it") {
    write_text(known_hosts, "");
    require_open_fails<vty::HostKeyError>(options, 10s, "accept-new");
    require_open_fails<vty::HostKeyError>(options, 10s, "SHA256:");
  }
  SECTION("strict refuses when the known_hosts file does not exist") {
    options.known_hosts_file = sshd.file("missing/known_hosts");
    require_open_fails<vty::HostKeyError>(options, 10s, sshd.file("missing/known_hosts"));
  }
  SECTION("accept_new records an unknown key, and then strict accepts it") {
    write_text(known_hosts, "");
    options.host_key_policy = vty::HostKeyPolicy::accept_new;
    auto first = vty::make_transport("libssh", io.get_executor(), options);
    run(io, first->open());
    run(io, first->close());
    const auto key_blob = sshd.host_key_line().substr(sshd.host_key_line().rfind(' ') + 1);
    CHECK_THAT(read_text(known_hosts), Catch::Contains(key_blob));

    options.host_key_policy = vty::HostKeyPolicy::strict;
    auto second = vty::make_transport("libssh", io.get_executor(), options);
    run(io, second->open());
    run(io, second->close());
  }
  SECTION("a changed key is refused naming the file and line under strict and accept_new") {
    write_text(known_hosts, "# first line\n" + sshd.wrong_host_key_line() + "\n");
    require_open_fails<vty::HostKeyMismatch>(options, 10s, known_hosts + " line 2");
    options.host_key_policy = vty::HostKeyPolicy::accept_new;
    require_open_fails<vty::HostKeyMismatch>(options, 10s, "does not match");
  }
  SECTION("off ignores even a changed key") {
    write_text(known_hosts, sshd.wrong_host_key_line() + "\n");
    options.host_key_policy = vty::HostKeyPolicy::off;
    auto transport = vty::make_transport("libssh", io.get_executor(), options);
    run(io, transport->open());
    run(io, transport->close());
  }
}

TEST_CASE("libssh transport: refused credentials raise AuthenticationError naming the user") {
  Sshd sshd;
  auto options = options_for(sshd);
  SECTION("a key the server does not know") {
    options.auth.private_key_file = sshd.unauthorized_key_path();
  }
  SECTION("no credentials at all") {
    options.auth.private_key_file.clear();
  }
  SECTION("a wrong passphrase") {
    options.auth.private_key_file = sshd.passphrase_key_path();
    options.auth.private_key_passphrase = "not the passphrase";
  }
  require_open_fails<vty::AuthenticationError>(options, 10s, "\"" + Sshd::login_user() + "\"");
}

TEST_CASE("libssh transport: a closed port raises ConnectionRefused at once") {
  vty::Options options;
  options.host = "127.0.0.1";
  options.port = vty::test::free_loopback_port();
  options.timeout_socket = 3s;
  require_open_fails<vty::ConnectionRefused>(options, 3s, std::to_string(options.port));
}

TEST_CASE("libssh transport: an unknown host name raises HostUnreachable") {
  vty::Options options;
  options.host = "no-such-host.invalid";
  options.port = 22;
  options.timeout_socket = 10s;
  require_open_fails<vty::HostUnreachable>(options, 11s, "no-such-host.invalid");
}

TEST_CASE("libssh transport: a peer that never speaks SSH raises TransportTimeout") {
  // Listening is enough: the kernel completes the TCP handshake, then nothing is said.
  asio::io_context io;
  asio::ip::tcp::acceptor silent(io, {asio::ip::make_address("127.0.0.1"), 0});
  vty::Options options;
  options.host = "127.0.0.1";
  options.port = silent.local_endpoint().port();
  options.timeout_transport = 1s;
  options.host_key_policy = vty::HostKeyPolicy::off;
  require_open_fails<vty::TransportTimeout>(options, 2s, "SSH handshake");
}

TEST_CASE("libssh transport: a session killed on the server raises ConnectionClosed") {
  Sshd sshd;
  asio::io_context io;
  auto transport = vty::make_transport("libssh", io.get_executor(), options_for(sshd));
  run(io, transport->open());
  run(io, transport->write("ping\n"));
  run(io, read_until(*transport, "ping", 2));
  sshd.kill_sessions();
  auto read_forever = [&]() -> asio::awaitable<void> {
    std::array<char, 256> buffer;
    for (;;) co_await transport->read_some(buffer);
  };
  CHECK_THROWS_AS(run(io, read_forever(), 10s), vty::ConnectionClosed);
  transport->abort();
  transport->abort();  // idempotent
}

TEST_CASE("libssh transport: password authentication (needs root to create a user)") {
  if (!vty::test::LoginPassword::available()) {
    WARN("skipped: giving the test user a password needs root");
    return;
  }
  const std::string user = Sshd::login_user();
  const vty::test::LoginPassword login_password;
  const std::string& password = login_password.value();

  Sshd::Config config;
  config.password_authentication = true;
  Sshd sshd(config);
  auto options = options_for(sshd);
  options.auth.username = user;
  options.auth.private_key_file.clear();
  SECTION("the right password opens the session") {
    options.auth.password = password;
    asio::io_context io;
    auto transport = vty::make_transport("libssh", io.get_executor(), options);
    run(io, transport->open());
    run(io, transport->write("typed\n"));
    run(io, read_until(*transport, "typed", 2));
    run(io, transport->close());
  }
  SECTION("a wrong password is refused and never shown") {
    options.auth.password = "wrong-secret-123";
    require_open_fails<vty::AuthenticationError>(options, 10s, "password (refused)");
    asio::io_context io;
    auto transport = vty::make_transport("libssh", io.get_executor(), options);
    try {
      run(io, transport->open());
    } catch (const vty::AuthenticationError& error) {
      CHECK_THAT(error.what(), !Catch::Contains("wrong-secret-123"));
    }
  }
}
