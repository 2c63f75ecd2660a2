// PromptReader on any bytes and any prompt pattern. Input: the prompt pattern on the first
// line, the echo to expect on the second, the pager pattern on the third, then the
// device's bytes. Checks that the reader never crashes, that how the bytes are split does
// not change its answer, and that its work stays linear in the bytes fed.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "vty/errors.hpp"
#include "vty/prompt_reader.hpp"

namespace {

std::string_view next_line(std::string_view& rest) {
  auto end = rest.find('\n');
  auto line = rest.substr(0, end);
  rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  return line;
}

struct Answer {
  bool done;
  bool at_pager;
  std::string output;
  std::string cleaned;
};

Answer read(std::string_view prompt, std::string_view echo, std::string_view pager,
            std::string_view bytes, std::size_t seed) {
  vty::PromptReader reader{prompt, {.pager_pattern = std::string(pager)}};
  if (!echo.empty()) reader.expect_echo(echo);
  // Chunk sizes from a small deterministic generator: 1 when seed is 0 (every byte alone).
  std::size_t state = seed;
  std::size_t feeds = 0;
  while (!bytes.empty()) {
    std::size_t size = bytes.size();
    if (seed != 0) {
      state = state * 6364136223846793005u + 1442695040888963407u;
      size = 1 + (state >> 33) % 97;
    } else {
      size = 1;
    }
    size = std::min(size, bytes.size());
    reader.feed(bytes.substr(0, size));
    ++feeds;
    bytes.remove_prefix(size);
  }
  Answer answer{reader.done(), reader.at_pager(), {}, std::string(reader.cleaned())};
  if (answer.done) answer.output = std::string(reader.output());
  std::size_t fed = reader.raw().size();
  // The reader's promise: each byte is looked at a bounded number of times, plus, per feed,
  // one rescan of an unfinished last line no longer than a prompt can be (512 bytes), for
  // the prompt and for the pager pattern.
  if (reader.bytes_examined() > 4 * fed + feeds * 2 * 512 + 4096) std::abort();
  return answer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  auto prompt = next_line(rest);
  auto echo = next_line(rest);
  auto pager = next_line(rest);
  if (prompt.size() > 80 || pager.size() > 80 || prompt.empty()) return 0;
  try {
    auto whole = read(prompt, echo, pager, rest, rest.size() + 1);
    auto chunked = read(prompt, echo, pager, rest, 0x9e3779b9u + size);
    auto bytewise = read(prompt, echo, pager, rest, 0);
    for (const Answer* other : {&chunked, &bytewise}) {
      if (other->done != whole.done || other->at_pager != whole.at_pager ||
          other->output != whole.output || other->cleaned != whole.cleaned) {
        std::abort();
      }
    }
  } catch (const vty::DriverException&) {
    // A pattern that does not compile, or one too costly to match: a typed error is right.
  }
  return 0;
}
