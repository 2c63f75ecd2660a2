// Telnet option negotiation (RFC 854, 855 and RFC 1143's "Q method"), sans-io: fed the bytes
// a peer sent, split anywhere, it hands back the data with the negotiation taken out and
// queues the answers to send. No sockets: the transport and vty-sim's server move the bytes.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vty::telnet {

/// Command bytes (RFC 854). Every command starts with kIac.
enum Command : unsigned char {
  kSe = 240,  ///< end of subnegotiation
  kNop = 241,
  kGoAhead = 249,
  kSb = 250,  ///< start of subnegotiation
  kWill = 251,
  kWont = 252,
  kDo = 253,
  kDont = 254,
  kIac = 255,
};

/// The options vty speaks; every other option is refused.
enum Option : unsigned char {
  kEcho = 1,             ///< RFC 857: the side that WILLs it echoes what it receives
  kSuppressGoAhead = 3,  ///< RFC 858: full-duplex, no GA after each output
  kTerminalType = 24,    ///< RFC 1091: the client names its terminal when asked
  kWindowSize = 31,      ///< RFC 1073 (NAWS): the client tells its width and height
};

struct WindowSize {
  std::uint16_t width = 80;
  std::uint16_t height = 24;
  bool operator==(const WindowSize&) const = default;
};

class Negotiator {
 public:
  struct Settings {
    /// Options this side agrees to perform when asked (DO x is answered WILL x).
    std::vector<Option> local{};
    /// Options this side agrees to let the peer perform (WILL x is answered DO x).
    std::vector<Option> remote{};
    std::string terminal_type = "xterm";  ///< the answer to TTYPE SEND
    WindowSize window{};                  ///< sent once NAWS is on
  };

  explicit Negotiator(Settings settings);

  /// Asks to turn an option on at this side (WILL) or at the peer's (DO), or off again
  /// (WONT, DONT). Does nothing when the option already is, or is being asked, so.
  void enable_local(Option option);
  void enable_remote(Option option);
  void disable_local(Option option);
  void disable_remote(Option option);

  /// Feeds bytes received, split anywhere (inside a command or a subnegotiation). Appends
  /// the data to `data`: commands removed, IAC IAC as one 255 byte, CR NUL as CR.
  void feed(std::string_view bytes, std::string& data);
  /// The bytes to send to the peer (answers and requests, in order); empties the queue.
  std::string take_output();
  bool has_output() const { return !output_.empty(); }

  bool local_enabled(unsigned char option) const;
  bool remote_enabled(unsigned char option) const;
  /// What the peer reported by subnegotiation (a server's view of its client).
  std::optional<WindowSize> peer_window() const { return peer_window_; }
  const std::string& peer_terminal_type() const { return peer_terminal_type_; }

  /// Appends `data` escaped for sending: IAC doubled, and a CR not followed by LF sent as
  /// CR NUL (RFC 854's rule for a bare carriage return).
  static void escape(std::string_view data, std::string& out);

 private:
  // RFC 1143: the state of one side of one option, and whether the opposite request is
  // queued behind the one in flight.
  enum class Q : std::uint8_t { no, yes, want_no, want_yes };
  struct Side {
    Q state = Q::no;
    bool opposite = false;
  };
  enum class Parse : std::uint8_t { data, iac, verb, sb, sb_iac };

  void on_byte(unsigned char byte, std::string& data);
  void on_verb(unsigned char verb, unsigned char option);
  void on_offer(Side& side, bool local, unsigned char option);
  void on_refusal(Side& side, bool local, unsigned char option);
  void ask_on(Side& side, bool local, unsigned char option);
  void ask_off(Side& side, bool local, unsigned char option);
  void became_enabled(bool local, unsigned char option);
  void add_to_subnegotiation(unsigned char byte);
  void on_subnegotiation();
  void send_verb(unsigned char verb, unsigned char option);
  void send_subnegotiation(unsigned char option, std::string_view payload);

  std::bitset<256> local_allowed_;
  std::bitset<256> remote_allowed_;
  std::string terminal_type_;
  WindowSize window_;
  std::array<Side, 256> us_{};
  std::array<Side, 256> him_{};

  Parse parse_ = Parse::data;
  unsigned char verb_ = 0;
  bool after_cr_ = false;  // the last data byte was CR: a NUL after it is padding
  std::string sb_;         // the subnegotiation being received, option byte first
  bool sb_overflow_ = false;
  std::string output_;

  std::optional<WindowSize> peer_window_;
  std::string peer_terminal_type_;
};

}  // namespace vty::telnet
