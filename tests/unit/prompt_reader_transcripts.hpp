// Transcripts and helpers shared by the PromptReader tests.
#pragma once

#include <string>
#include <vector>

#include "vty/prompt_reader.hpp"

namespace vty::test {

inline const char* const kIosPrompt =
    R"(^[\w.\-@/:]{1,63}>\s*$|^[\w.\-@/:]{1,63}#\s*$|^[\w.\-@/:]{1,63}\(conf[\w.\-@/:+]{0,63}\)#\s*$)";
inline const char* const kIosPager = R"(--More--\s*$)";

inline vty::PromptReader ios_reader() {
  return vty::PromptReader(kIosPrompt, {.pager_pattern = kIosPager});
}

// What a driver does with a reader: feed each chunk, answer every pager prompt.
struct Read {
  std::string output;
  std::string prompt;
  bool done = false;
  int pagers = 0;
  bool done_early = false;  // done() before the last byte
};

inline Read drive(vty::PromptReader& reader, const std::vector<std::string>& chunks) {
  Read read;
  std::size_t unfed = 0;
  for (const auto& chunk : chunks) unfed += chunk.size();
  for (const auto& chunk : chunks) {
    reader.feed(chunk);
    unfed -= chunk.size();
    while (reader.at_pager()) {
      ++read.pagers;
      reader.continue_after_pager();
    }
    if (reader.done() && unfed > 0) read.done_early = true;
  }
  read.done = reader.done();
  read.output = reader.output();
  read.prompt = reader.prompt();
  return read;
}

inline Read drive_answer(std::string_view sent, const std::vector<std::string>& chunks) {
  auto reader = ios_reader();
  reader.expect_echo(sent);
  return drive(reader, chunks);
}

inline std::vector<std::string> bytewise(const std::string& text) {
  std::vector<std::string> chunks;
  for (char c : text) chunks.emplace_back(1, c);
  return chunks;
}

inline const std::string kShowIpIntBrief =
    "show ip interface brief\r\n"
    "Interface              IP-Address      OK? Method Status                Protocol\r\n"
    "GigabitEthernet1       10.0.0.1        YES NVRAM  up                    up      \r\n"
    "GigabitEthernet2       unassigned      YES NVRAM  administratively down down    \r\n"
    "Loopback0              192.0.2.1       YES manual up                    up      \r\n"
    "router1#";
inline const std::string kShowIpIntBriefOutput =
    "Interface              IP-Address      OK? Method Status                Protocol\n"
    "GigabitEthernet1       10.0.0.1        YES NVRAM  up                    up      \n"
    "GigabitEthernet2       unassigned      YES NVRAM  administratively down down    \n"
    "Loopback0              192.0.2.1       YES manual up                    up      ";

}  // namespace vty::test
