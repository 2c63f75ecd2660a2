// The lines a command prints, produced one at a time so that a 100 MB answer never sits in
// memory: the device pulls lines as the SSH channel's window lets it send them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vty::sim {

class OutputSource {
 public:
  virtual ~OutputSource() = default;
  // The next line, without its line end; false when the output is over.
  virtual bool next_line(std::string& line) = 0;
};

// Fixed lines: a header, then a body printed `repeat` times ("{i}" becomes 1..repeat), then
// `inserted` lines, then a footer. "{hostname}" is replaced everywhere.
struct TextOutput {
  std::string header;
  std::string body;
  int repeat = 1;
  std::vector<std::string> inserted;
  std::string footer;
};
std::unique_ptr<OutputSource> make_text_source(TextOutput text, std::string hostname);

// `show big N`: floor(N * 1,000,000 / 80) numbered lines of 79 characters, so N megabytes of
// text when each line ends in "\n".
std::unique_ptr<OutputSource> make_big_source(double megabytes);
std::uint64_t big_line_count(double megabytes);
constexpr std::size_t kBigLineWidth = 79;

}  // namespace vty::sim
