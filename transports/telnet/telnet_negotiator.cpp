#include "telnet_negotiator.hpp"

namespace vty::telnet {
namespace {

constexpr unsigned char kTtypeIs = 0;
constexpr unsigned char kTtypeSend = 1;
constexpr std::size_t kMaxSubnegotiation = 512;  // longer ones are cut; none of ours is long

}  // namespace

Negotiator::Negotiator(Settings settings)
    : terminal_type_(std::move(settings.terminal_type)), window_(settings.window) {
  for (Option option : settings.local) local_allowed_.set(option);
  for (Option option : settings.remote) remote_allowed_.set(option);
}

bool Negotiator::local_enabled(unsigned char option) const {
  return us_[option].state == Q::yes;
}
bool Negotiator::remote_enabled(unsigned char option) const {
  return him_[option].state == Q::yes;
}

std::string Negotiator::take_output() {
  std::string out = std::move(output_);
  output_.clear();
  return out;
}

void Negotiator::enable_local(Option option) {
  ask_on(us_[option], true, option);
}
void Negotiator::enable_remote(Option option) {
  ask_on(him_[option], false, option);
}
void Negotiator::disable_local(Option option) {
  ask_off(us_[option], true, option);
}
void Negotiator::disable_remote(Option option) {
  ask_off(him_[option], false, option);
}

void Negotiator::feed(std::string_view bytes, std::string& data) {
  for (char c : bytes) on_byte(static_cast<unsigned char>(c), data);
}

void Negotiator::on_byte(unsigned char byte, std::string& data) {
  switch (parse_) {
    case Parse::data:
      if (byte == kIac) {
        parse_ = Parse::iac;
      } else if (!(after_cr_ && byte == 0)) {
        data.push_back(static_cast<char>(byte));
      }
      after_cr_ = byte == '\r';
      return;
    case Parse::iac:
      after_cr_ = false;
      if (byte == kIac) {
        data.push_back(static_cast<char>(kIac));
        parse_ = Parse::data;
      } else if (byte >= kWill && byte <= kDont) {
        verb_ = byte;
        parse_ = Parse::verb;
      } else if (byte == kSb) {
        sb_.clear();
        sb_overflow_ = false;
        parse_ = Parse::sb;
      } else {
        parse_ = Parse::data;  // NOP, GA, DM, BRK, AYT...: nothing a CLI driver acts on
      }
      return;
    case Parse::verb:
      parse_ = Parse::data;
      on_verb(verb_, byte);
      return;
    case Parse::sb:
      if (byte == kIac) {
        parse_ = Parse::sb_iac;
      } else {
        add_to_subnegotiation(byte);
      }
      return;
    case Parse::sb_iac:
      if (byte == kIac) {
        add_to_subnegotiation(kIac);
        parse_ = Parse::sb;
        return;
      }
      // IAC SE ends it. Any other command ends it too (a peer that forgot the SE) and is
      // then handled as the command it is.
      if (!sb_overflow_) on_subnegotiation();
      parse_ = Parse::iac;
      if (byte == kSe) {
        parse_ = Parse::data;
      } else {
        on_byte(byte, data);
      }
      return;
  }
}

void Negotiator::add_to_subnegotiation(unsigned char byte) {
  if (sb_.size() < kMaxSubnegotiation) {
    sb_.push_back(static_cast<char>(byte));
  } else {
    sb_overflow_ = true;
  }
}

void Negotiator::on_verb(unsigned char verb, unsigned char option) {
  switch (verb) {
    case kWill:
      on_offer(him_[option], false, option);
      break;
    case kWont:
      on_refusal(him_[option], false, option);
      break;
    case kDo:
      on_offer(us_[option], true, option);
      break;
    default:
      on_refusal(us_[option], true, option);
      break;
  }
}

// The peer asks to turn the option on (WILL for its side, DO for ours), or agrees to.
void Negotiator::on_offer(Side& side, bool local, unsigned char option) {
  const unsigned char agree = local ? kWill : kDo;
  const unsigned char refuse = local ? kWont : kDont;
  switch (side.state) {
    case Q::no:
      if ((local ? local_allowed_ : remote_allowed_).test(option)) {
        side.state = Q::yes;
        send_verb(agree, option);
        became_enabled(local, option);
      } else {
        send_verb(refuse, option);
      }
      return;
    case Q::yes:
      return;  // already on: answering again is how loops start
    case Q::want_no:
      // An error by the peer (our "off" answered with "on"); RFC 1143 settles it without a reply.
      side.state = side.opposite ? Q::yes : Q::no;
      side.opposite = false;
      if (side.state == Q::yes) became_enabled(local, option);
      return;
    case Q::want_yes:
      if (side.opposite) {
        side.state = Q::want_no;
        side.opposite = false;
        send_verb(refuse, option);
      } else {
        side.state = Q::yes;
        became_enabled(local, option);
      }
      return;
  }
}

// The peer turns the option off (WONT, DONT), refuses it, or agrees to our "off".
void Negotiator::on_refusal(Side& side, bool local, unsigned char option) {
  const unsigned char agree = local ? kWill : kDo;
  const unsigned char refuse = local ? kWont : kDont;
  switch (side.state) {
    case Q::no:
      return;
    case Q::yes:
      side.state = Q::no;
      send_verb(refuse, option);
      return;
    case Q::want_no:
      if (side.opposite) {
        side.state = Q::want_yes;
        side.opposite = false;
        send_verb(agree, option);
      } else {
        side.state = Q::no;
      }
      return;
    case Q::want_yes:
      side.state = Q::no;
      side.opposite = false;
      return;
  }
}

void Negotiator::ask_on(Side& side, bool local, unsigned char option) {
  switch (side.state) {
    case Q::no:
      side.state = Q::want_yes;
      send_verb(local ? kWill : kDo, option);
      return;
    case Q::want_no:
      side.opposite = true;
      return;
    case Q::want_yes:
      side.opposite = false;
      return;
    case Q::yes:
      return;
  }
}

void Negotiator::ask_off(Side& side, bool local, unsigned char option) {
  switch (side.state) {
    case Q::yes:
      side.state = Q::want_no;
      send_verb(local ? kWont : kDont, option);
      return;
    case Q::want_no:
      side.opposite = false;
      return;
    case Q::want_yes:
      side.opposite = true;
      return;
    case Q::no:
      return;
  }
}

// What an option being on obliges this side to send: our window size once we WILL NAWS,
// and a server's question for the terminal type once the client WILLs TTYPE.
void Negotiator::became_enabled(bool local, unsigned char option) {
  if (local && option == kWindowSize) {
    const std::string size{
        static_cast<char>(window_.width >> 8), static_cast<char>(window_.width & 0xff),
        static_cast<char>(window_.height >> 8), static_cast<char>(window_.height & 0xff)};
    send_subnegotiation(kWindowSize, size);
  } else if (!local && option == kTerminalType) {
    send_subnegotiation(kTerminalType, std::string(1, static_cast<char>(kTtypeSend)));
  }
}

void Negotiator::on_subnegotiation() {
  if (sb_.empty()) return;
  const auto option = static_cast<unsigned char>(sb_[0]);
  std::string_view payload = std::string_view(sb_).substr(1);
  if (option == kTerminalType && !payload.empty()) {
    const auto kind = static_cast<unsigned char>(payload[0]);
    if (kind == kTtypeSend && local_enabled(kTerminalType)) {
      send_subnegotiation(kTerminalType, static_cast<char>(kTtypeIs) + terminal_type_);
    } else if (kind == kTtypeIs && remote_enabled(kTerminalType)) {
      peer_terminal_type_ = std::string(payload.substr(1));
    }
  } else if (option == kWindowSize && payload.size() == 4 && remote_enabled(kWindowSize)) {
    auto byte = [&](std::size_t i) {
      return static_cast<std::uint16_t>(static_cast<unsigned char>(payload[i]));
    };
    peer_window_ = WindowSize{static_cast<std::uint16_t>(byte(0) << 8 | byte(1)),
                              static_cast<std::uint16_t>(byte(2) << 8 | byte(3))};
  }
}

void Negotiator::send_verb(unsigned char verb, unsigned char option) {
  output_.push_back(static_cast<char>(kIac));
  output_.push_back(static_cast<char>(verb));
  output_.push_back(static_cast<char>(option));
}

void Negotiator::send_subnegotiation(unsigned char option, std::string_view payload) {
  output_.push_back(static_cast<char>(kIac));
  output_.push_back(static_cast<char>(kSb));
  output_.push_back(static_cast<char>(option));
  for (char c : payload) {
    output_.push_back(c);
    if (static_cast<unsigned char>(c) == kIac) output_.push_back(c);  // a width of 255
  }
  output_.push_back(static_cast<char>(kIac));
  output_.push_back(static_cast<char>(kSe));
}

void Negotiator::escape(std::string_view data, std::string& out) {
  for (std::size_t i = 0; i < data.size(); ++i) {
    const char c = data[i];
    out.push_back(c);
    if (static_cast<unsigned char>(c) == kIac) {
      out.push_back(c);
    } else if (c == '\r' && (i + 1 == data.size() || data[i + 1] != '\n')) {
      out.push_back('\0');
    }
  }
}

}  // namespace vty::telnet
