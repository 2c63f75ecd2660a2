// The recording file format (docs/recording.md): writing and parsing, no I/O but reading a
// whole file in load_recording().
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "vty/errors.hpp"
#include "vty/recording.hpp"

namespace vty {
namespace {

constexpr std::string_view kMagic = "vty-recording ";
constexpr char kHex[] = "0123456789abcdef";

// Length of the valid UTF-8 sequence of 2-4 bytes at `at`, or 0 when there is none.
std::size_t utf8_sequence(std::string_view s, std::size_t at) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char lead = byte(at);
  std::size_t length = lead >= 0xc2 && lead <= 0xdf   ? 2
                       : lead >= 0xe0 && lead <= 0xef ? 3
                       : lead >= 0xf0 && lead <= 0xf4 ? 4
                                                      : 0;
  if (length == 0 || at + length > s.size()) return 0;
  for (std::size_t i = 1; i < length; ++i)
    if ((byte(at + i) & 0xc0) != 0x80) return 0;
  unsigned char second = byte(at + 1);
  if (lead == 0xe0 && second < 0xa0) return 0;  // overlong
  if (lead == 0xed && second > 0x9f) return 0;  // surrogates
  if (lead == 0xf0 && second < 0x90) return 0;  // overlong
  if (lead == 0xf4 && second > 0x8f) return 0;  // beyond U+10FFFF
  return length;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

const char* kind_name(RecordedEvent::Kind kind) {
  switch (kind) {
    case RecordedEvent::Kind::received:
      return "recv";
    case RecordedEvent::Kind::sent:
      return "sent";
    case RecordedEvent::Kind::closed:
      return "closed";
  }
  return "?";
}

std::string seconds_text(std::chrono::microseconds at) {
  char text[40];
  long long us = at.count();
  std::snprintf(text, sizeof text, "%lld.%06lld", us / 1000000, us % 1000000);
  return text;
}

// "12.345678" -> microseconds; throws std::invalid_argument.
std::chrono::microseconds parse_seconds(std::string_view text) {
  auto dot = text.find('.');
  std::string whole(text.substr(0, dot));
  std::string fraction(dot == std::string_view::npos ? "" : text.substr(dot + 1));
  if (whole.empty() || fraction.size() > 6 ||
      whole.find_first_not_of("0123456789") != std::string::npos ||
      fraction.find_first_not_of("0123456789") != std::string::npos)
    throw std::invalid_argument("bad time \"" + std::string(text) + "\"");
  fraction.resize(6, '0');
  return std::chrono::microseconds(std::stoll(whole) * 1000000 + std::stoll(fraction));
}

// The quoted string that makes up the rest of `line` from `at`; throws std::invalid_argument.
std::string quoted_bytes(std::string_view line, std::size_t at) {
  if (at >= line.size() || line[at] != '"' || line.size() - at < 2 || line.back() != '"')
    throw std::invalid_argument("expected bytes in double quotes");
  return unescape_recorded_bytes(line.substr(at + 1, line.size() - at - 2));
}

struct Parser {
  std::string_view source;
  std::size_t line_number = 0;
  Recording recording;

  [[noreturn]] void fail(const std::string& why) const {
    throw RecordingError(std::string(source) + ":" + std::to_string(line_number) + ": " + why,
                         {.operation = "read recording"});
  }
  void header_line(std::string_view line);
  void event_line(std::string_view line);
};

void Parser::header_line(std::string_view line) {
  auto colon = line.find(": ");
  if (colon == std::string_view::npos) fail("expected \"key: value\" in the header");
  auto key = line.substr(0, colon);
  std::string value = unescape_recorded_bytes(line.substr(colon + 2));
  auto& h = recording.header;
  if (key == "platform")
    h.platform = value;
  else if (key == "transport")
    h.transport = value;
  else if (key == "host")
    h.host = value;
  else if (key == "vty-version")
    h.vty_version = value;
  else if (key == "recorded-at")
    h.recorded_at = value;
  else if (key == "in-band-auth")
    h.in_band_auth = value == "yes";
  // Unknown keys are for later versions: ignored.
}

void Parser::event_line(std::string_view line) {
  if (line.front() == ' ') {
    auto quote = line.find_first_not_of(' ');
    if (recording.events.empty() || recording.events.back().kind == RecordedEvent::Kind::closed)
      fail("a continuation line must follow an event with bytes");
    recording.events.back().bytes += quoted_bytes(line, quote);
    return;
  }
  RecordedEvent event;
  event.line = line_number;
  auto space = line.find(' ');
  event.at = parse_seconds(line.substr(0, space));
  if (!recording.events.empty() && event.at < recording.events.back().at)
    fail("time goes backwards");
  if (space == std::string_view::npos) fail("expected an event kind after the time");
  auto rest = line.substr(space + 1);
  auto word_end = rest.find(' ');
  auto kind = rest.substr(0, word_end);
  if (kind == "closed") {
    event.kind = RecordedEvent::Kind::closed;
    if (word_end != std::string_view::npos) fail("\"closed\" takes no bytes");
    recording.events.push_back(std::move(event));
    return;
  }
  if (kind == "recv")
    event.kind = RecordedEvent::Kind::received;
  else if (kind == "sent")
    event.kind = RecordedEvent::Kind::sent;
  else
    fail("unknown event kind \"" + std::string(kind) + "\" (recv, sent or closed)");
  if (word_end == std::string_view::npos) fail("expected bytes in double quotes");
  rest = rest.substr(word_end + 1);
  if (rest.starts_with("masked ")) {
    if (event.kind != RecordedEvent::Kind::sent) fail("only sent input can be masked");
    event.masked = true;
    rest = rest.substr(7);
  }
  event.bytes = quoted_bytes(rest, 0);
  recording.events.push_back(std::move(event));
}

}  // namespace

std::string escape_recorded_bytes(std::string_view bytes) {
  std::string text;
  text.reserve(bytes.size() + bytes.size() / 8);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto c = static_cast<unsigned char>(bytes[i]);
    if (c == '\\' || c == '"') {
      text += '\\';
      text += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f) {
      text += static_cast<char>(c);
    } else if (c == '\r') {
      text += "\\r";
    } else if (c == '\n') {
      text += "\\n";
    } else if (c == '\t') {
      text += "\\t";
    } else if (c == 0x1b) {
      text += "\\e";
    } else if (std::size_t n = c >= 0x80 ? utf8_sequence(bytes, i) : 0; n > 0) {
      text.append(bytes.substr(i, n));
      i += n - 1;
    } else {
      text += "\\x";
      text += kHex[c >> 4];
      text += kHex[c & 0xf];
    }
  }
  return text;
}

std::string unescape_recorded_bytes(std::string_view text) {
  std::string bytes;
  bytes.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') throw std::invalid_argument("unescaped \" inside bytes");
    if (c != '\\') {
      bytes += c;
      continue;
    }
    if (++i == text.size()) throw std::invalid_argument("a lone \\ at the end of the bytes");
    switch (text[i]) {
      case '\\':
      case '"':
        bytes += text[i];
        break;
      case 'r':
        bytes += '\r';
        break;
      case 'n':
        bytes += '\n';
        break;
      case 't':
        bytes += '\t';
        break;
      case 'e':
        bytes += '\x1b';
        break;
      case 'x': {
        int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
        int low = high >= 0 ? hex_value(text[i + 2]) : -1;
        if (low < 0) throw std::invalid_argument("\\x needs two hex digits");
        bytes += static_cast<char>(high * 16 + low);
        i += 2;
        break;
      }
      default:
        throw std::invalid_argument(std::string("unknown escape \\") + text[i]);
    }
  }
  return bytes;
}

std::string format_recording_header(const RecordingHeader& h) {
  std::string text = std::string(kMagic) + std::to_string(h.version) + "\n";
  auto field = [&](const char* key, const std::string& value) {
    text += key;
    text += ": ";
    text += escape_recorded_bytes(value);
    text += '\n';
  };
  field("platform", h.platform);
  field("transport", h.transport);
  field("host", h.host);
  field("vty-version", h.vty_version);
  field("recorded-at", h.recorded_at);
  field("in-band-auth", h.in_band_auth ? "yes" : "no");
  text += '\n';
  return text;
}

std::string format_recorded_event(const RecordedEvent& event) {
  std::string text = seconds_text(event.at) + ' ' + kind_name(event.kind);
  if (event.kind == RecordedEvent::Kind::closed) return text + '\n';
  text += event.masked ? " masked \"" : " \"";
  const std::size_t indent = text.size() - 1;
  // After each line end, the rest continues on a line of its own, under the first quote.
  std::string_view rest = event.bytes;
  for (;;) {
    auto end = rest.find('\n');
    if (end == std::string_view::npos || end + 1 == rest.size()) {
      text += escape_recorded_bytes(rest) + "\"\n";
      return text;
    }
    text += escape_recorded_bytes(rest.substr(0, end + 1)) + "\"\n";
    text.append(indent, ' ');
    text += '"';
    rest = rest.substr(end + 1);
  }
}

std::string format_recording(const Recording& recording) {
  std::string text = format_recording_header(recording.header);
  for (const auto& event : recording.events) text += format_recorded_event(event);
  return text;
}

Recording parse_recording(std::string_view text, std::string_view source) {
  Parser parser;
  parser.source = source;
  bool in_header = true;
  while (!text.empty()) {
    ++parser.line_number;
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    try {
      if (parser.line_number == 1) {
        if (!line.starts_with(kMagic)) parser.fail("not a vty recording (no \"vty-recording\")");
        int version = std::stoi(std::string(line.substr(kMagic.size())));
        if (version < 1 || version > recording_format_version)
          parser.fail("format version " + std::to_string(version) + " is newer than this vty (" +
                      std::to_string(recording_format_version) + ")");
        parser.recording.header.version = version;
      } else if (line.empty()) {
        in_header = false;
      } else if (line.front() == '#') {
        continue;  // a comment
      } else if (in_header) {
        parser.header_line(line);
      } else {
        parser.event_line(line);
      }
    } catch (const std::invalid_argument& problem) {
      parser.fail(problem.what());
    } catch (const std::out_of_range& problem) {
      parser.fail("a number out of range");
    }
  }
  if (parser.line_number == 0) parser.fail("empty file, not a vty recording");
  return std::move(parser.recording);
}

Recording load_recording(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw RecordingError("cannot read recording " + file.string(), {.operation = "read recording"});
  std::stringstream text;
  text << in.rdbuf();
  return parse_recording(text.str(), file.string());
}

}  // namespace vty
