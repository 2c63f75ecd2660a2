// Telnet option negotiation, sans-io: byte strings in, data and answers out.
#include <catch2/catch.hpp>

#include <string>
#include <utility>

#include "telnet_negotiator.hpp"

namespace {

using namespace vty::telnet;
using namespace std::string_literals;

std::string bytes(std::initializer_list<unsigned char> list) {
  return std::string(list.begin(), list.end());
}
std::string verb(unsigned char v, unsigned char option) {
  return bytes({kIac, v, option});
}
std::string sub(unsigned char option, const std::string& payload) {
  return bytes({kIac, kSb, option}) + payload + bytes({kIac, kSe});
}

Negotiator::Settings client() {
  Negotiator::Settings settings;
  settings.local = {kSuppressGoAhead, kTerminalType, kWindowSize};
  settings.remote = {kEcho, kSuppressGoAhead};
  settings.terminal_type = "vt100";
  settings.window = {511, 24};
  return settings;
}

Negotiator::Settings server() {
  Negotiator::Settings settings;
  settings.local = {kEcho, kSuppressGoAhead};
  settings.remote = {kSuppressGoAhead, kTerminalType, kWindowSize};
  return settings;
}

struct Result {
  std::string data;
  std::string output;
  bool operator==(const Result&) const = default;
};

// Feeds `input` in the given pieces to a fresh client negotiator.
Result feed_client(const std::vector<std::string_view>& pieces) {
  Negotiator negotiator(client());
  Result result;
  for (auto piece : pieces) {
    negotiator.feed(piece, result.data);
    result.output += negotiator.take_output();
  }
  return result;
}

// What a Cisco-like server sends when a session starts, then a banner and a prompt with
// a 255 byte and a CR NUL in it, and a terminal-type question in the middle.
const std::string kOpening = verb(kWill, kEcho) + verb(kWill, kSuppressGoAhead) +
                             verb(kDo, kTerminalType) + verb(kDo, kWindowSize) + "User Access" +
                             sub(kTerminalType, bytes({1})) + " Verification\r\0\r\n"s +
                             bytes({kIac, kIac}) + "\r\nUsername: "s;

}  // namespace

TEST_CASE("a peer that never negotiates: the data passes unchanged and nothing is sent") {
  Negotiator negotiator(client());
  std::string data;
  negotiator.feed("router1>show clock\r\n*10:00:00.000 UTC Mon Jan 1 2024\r\nrouter1>", data);
  CHECK(data == "router1>show clock\r\n*10:00:00.000 UTC Mon Jan 1 2024\r\nrouter1>");
  CHECK_FALSE(negotiator.has_output());
  CHECK_FALSE(negotiator.remote_enabled(kEcho));
  CHECK_FALSE(negotiator.local_enabled(kWindowSize));
}

TEST_CASE("IAC IAC in the data is one 255 byte, and escaping for sending doubles it") {
  Negotiator negotiator(client());
  std::string data;
  negotiator.feed("a" + bytes({kIac, kIac}) + "b", data);
  CHECK(data ==
        "a\xff"
        "b");
  std::string sent;
  Negotiator::escape(
      "a\xff"
      "b",
      sent);
  CHECK(sent == "a" + bytes({kIac, kIac}) + "b");
}

TEST_CASE("a bare carriage return travels as CR NUL and arrives as CR") {
  std::string sent;
  Negotiator::escape("show clock\r", sent);
  CHECK(sent == "show clock\r\0"s);
  sent.clear();
  Negotiator::escape("a\r\nb\rc", sent);
  CHECK(sent == "a\r\nb\r\0c"s);
  Negotiator negotiator(client());
  std::string data;
  negotiator.feed("x\r\0y\r\nz"s, data);
  CHECK(data == "x\ry\r\nz");
}

TEST_CASE("a client agrees to a device's echo and sends its terminal type and window size") {
  auto result = feed_client({kOpening});
  CHECK(result.data == "User Access Verification\r\r\n\xff\r\nUsername: ");
  // 511 is 0x01ff: the 0xff byte of the width is doubled inside the subnegotiation.
  CHECK(result.output == verb(kDo, kEcho) + verb(kDo, kSuppressGoAhead) +
                             verb(kWill, kTerminalType) + verb(kWill, kWindowSize) +
                             sub(kWindowSize, bytes({0x01, kIac, kIac, 0, 24})) +
                             sub(kTerminalType, "\0vt100"s));
}

TEST_CASE("the stream split at every byte gives the same data and answers") {
  const Result whole = feed_client({kOpening});
  for (std::size_t cut = 0; cut <= kOpening.size(); ++cut) {
    std::string_view text = kOpening;
    INFO("split at byte " << cut);
    CHECK(feed_client({text.substr(0, cut), text.substr(cut)}) == whole);
  }
  std::vector<std::string_view> one_by_one;
  for (std::size_t i = 0; i < kOpening.size(); ++i)
    one_by_one.push_back(std::string_view(kOpening).substr(i, 1));
  CHECK(feed_client(one_by_one) == whole);
}

TEST_CASE("a peer offering and asking every option: ours agreed once, the rest refused") {
  std::string everything;
  for (int option = 0; option < 256; ++option) {
    everything += verb(kWill, static_cast<unsigned char>(option));
    everything += verb(kDo, static_cast<unsigned char>(option));
  }
  Negotiator negotiator(client());
  std::string data;
  negotiator.feed(everything, data);
  CHECK(data.empty());

  std::string expected;
  std::string refusals;
  for (int o = 0; o < 256; ++o) {
    const auto option = static_cast<unsigned char>(o);
    const bool remote = option == kEcho || option == kSuppressGoAhead;
    const bool local =
        option == kSuppressGoAhead || option == kTerminalType || option == kWindowSize;
    expected += verb(remote ? kDo : kDont, option);
    expected += verb(local ? kWill : kWont, option);
    if (!remote) refusals += verb(kDont, option);
    if (!local) refusals += verb(kWont, option);
    if (option == kWindowSize) expected += sub(kWindowSize, bytes({0x01, kIac, kIac, 0, 24}));
  }
  CHECK(negotiator.take_output() == expected);
  CHECK(negotiator.remote_enabled(kEcho));
  CHECK(negotiator.local_enabled(kWindowSize));
  CHECK_FALSE(negotiator.remote_enabled(kTerminalType));
  CHECK_FALSE(negotiator.local_enabled(kEcho));

  // The same again: what is on is not answered again (that is how loops start); what was
  // refused is refused again. Then the peer accepts the refusals: nothing to answer.
  negotiator.feed(everything, data);
  CHECK(negotiator.take_output() == refusals);
  for (int o = 0; o < 256; ++o) {
    const auto option = static_cast<unsigned char>(o);
    if (option != kEcho && option != kSuppressGoAhead) negotiator.feed(verb(kWont, option), data);
  }
  CHECK_FALSE(negotiator.has_output());
  CHECK(negotiator.remote_enabled(kEcho));
}

TEST_CASE("an option turned off by the peer is acknowledged once") {
  Negotiator negotiator(client());
  std::string data;
  negotiator.feed(verb(kWill, kEcho), data);
  CHECK(negotiator.take_output() == verb(kDo, kEcho));
  negotiator.feed(verb(kWont, kEcho), data);
  CHECK(negotiator.take_output() == verb(kDont, kEcho));
  negotiator.feed(verb(kWont, kEcho), data);
  CHECK_FALSE(negotiator.has_output());
  CHECK_FALSE(negotiator.remote_enabled(kEcho));
}

TEST_CASE("requests queued behind one in flight follow RFC 1143, without loops") {
  Negotiator negotiator(server());
  std::string data;
  negotiator.enable_local(kEcho);
  CHECK(negotiator.take_output() == verb(kWill, kEcho));
  SECTION("asking again while the question is open sends nothing") {
    negotiator.enable_local(kEcho);
    CHECK_FALSE(negotiator.has_output());
  }
  SECTION("changing our mind is queued and sent after the answer") {
    negotiator.disable_local(kEcho);
    CHECK_FALSE(negotiator.has_output());
    negotiator.feed(verb(kDo, kEcho), data);
    CHECK(negotiator.take_output() == verb(kWont, kEcho));
    CHECK_FALSE(negotiator.local_enabled(kEcho));
    negotiator.feed(verb(kDont, kEcho), data);
    CHECK_FALSE(negotiator.has_output());
  }
  SECTION("a refusal ends the question") {
    negotiator.feed(verb(kDont, kEcho), data);
    CHECK_FALSE(negotiator.has_output());
    CHECK_FALSE(negotiator.local_enabled(kEcho));
  }
}

TEST_CASE("a client and a server negotiating with each other agree and fall quiet") {
  Negotiator c(client());
  Negotiator s(server());
  s.enable_local(kEcho);
  s.enable_local(kSuppressGoAhead);
  s.enable_remote(kWindowSize);
  s.enable_remote(kTerminalType);
  c.enable_remote(kSuppressGoAhead);  // both ask for the same thing at once
  std::string c_data, s_data;
  int rounds = 0;
  while ((c.has_output() || s.has_output()) && rounds < 20) {
    s.feed(c.take_output(), s_data);
    c.feed(s.take_output(), c_data);
    ++rounds;
  }
  CHECK(rounds < 20);
  CHECK(c_data.empty());
  CHECK(s_data.empty());
  CHECK(c.remote_enabled(kEcho));
  CHECK(c.remote_enabled(kSuppressGoAhead));
  CHECK(s.local_enabled(kSuppressGoAhead));
  CHECK(s.peer_terminal_type() == "vt100");
  REQUIRE(s.peer_window().has_value());
  CHECK(*s.peer_window() == WindowSize{511, 24});
}

TEST_CASE("a subnegotiation without its SE ends at the next command") {
  Negotiator negotiator(server());
  std::string data;
  negotiator.enable_remote(kWindowSize);
  negotiator.feed(verb(kWill, kWindowSize), data);
  (void)negotiator.take_output();
  negotiator.feed(bytes({kIac, kSb, kWindowSize, 0, 80, 0, 25}) + verb(kWill, kEcho) + "ok", data);
  CHECK(data == "ok");
  CHECK(negotiator.take_output() == verb(kDont, kEcho));
  REQUIRE(negotiator.peer_window().has_value());
  CHECK(*negotiator.peer_window() == WindowSize{80, 25});
}

TEST_CASE("an endless subnegotiation is cut, and the data after it arrives intact") {
  Negotiator negotiator(server());
  std::string data;
  negotiator.feed(bytes({kIac, kSb, kTerminalType}) + std::string(100'000, 'x') +
                      bytes({kIac, kSe}) + "router1>",
                  data);
  CHECK(data == "router1>");
  CHECK(negotiator.peer_terminal_type().empty());
}
