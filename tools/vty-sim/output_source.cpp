#include "vty-sim/output_source.hpp"

#include <cmath>
#include <cstdio>

namespace vty::sim {
namespace {

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  if (text.empty()) return lines;
  std::size_t start = 0;
  for (;;) {
    auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

class TextSource : public OutputSource {
 public:
  TextSource(TextOutput text, std::string hostname)
      : header_(split_lines(text.header)),
        body_(split_lines(text.body)),
        trailer_(std::move(text.inserted)),
        repeat_(text.repeat),
        hostname_(std::move(hostname)) {
    auto footer = split_lines(text.footer);
    trailer_.insert(trailer_.end(), footer.begin(), footer.end());
  }

  bool next_line(std::string& line) override {
    for (;;) {
      switch (part_) {
        case 0:
          if (index_ < header_.size()) return emit(header_[index_++], line);
          break;
        case 1:
          if (index_ < body_.size()) return emit(body_[index_++], line);
          if (++round_ < repeat_) {
            index_ = 0;
            continue;
          }
          break;
        case 2:
          if (index_ < trailer_.size()) return emit(trailer_[index_++], line);
          break;
        default:
          return false;
      }
      ++part_;
      index_ = 0;
    }
  }

 private:
  bool emit(const std::string& text, std::string& line) {
    line = text;
    if (line.find('{') == std::string::npos) return true;
    replace_all(line, "{hostname}", hostname_);
    replace_all(line, "{i}", std::to_string(round_ + 1));
    return true;
  }

  std::vector<std::string> header_, body_, trailer_;
  int repeat_;
  std::string hostname_;
  int part_ = 0;  // 0 header, 1 body, 2 trailer, 3 done
  std::size_t index_ = 0;
  int round_ = 0;
};

class BigSource : public OutputSource {
 public:
  explicit BigSource(std::uint64_t lines) : lines_(lines) {}

  bool next_line(std::string& line) override {
    if (next_ >= lines_) return false;
    // "00000042 " then 70 letters that shift by one each line: easy to check, never a prompt.
    char number[16];
    std::snprintf(number, sizeof number, "%08llu ",
                  static_cast<unsigned long long>(next_ % 100000000));
    line.assign(number);
    static constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyz";
    for (std::size_t i = 0; line.size() < kBigLineWidth; ++i) {
      line.push_back(kLetters[(next_ + i) % kLetters.size()]);
    }
    ++next_;
    return true;
  }

 private:
  std::uint64_t lines_;
  std::uint64_t next_ = 0;
};

}  // namespace

std::unique_ptr<OutputSource> make_text_source(TextOutput text, std::string hostname) {
  return std::make_unique<TextSource>(std::move(text), std::move(hostname));
}

std::uint64_t big_line_count(double megabytes) {
  if (!(megabytes > 0)) return 0;
  return static_cast<std::uint64_t>(std::floor(megabytes * 1'000'000.0 / (kBigLineWidth + 1)));
}

std::unique_ptr<OutputSource> make_big_source(double megabytes) {
  return std::make_unique<BigSource>(big_line_count(megabytes));
}

}  // namespace vty::sim
