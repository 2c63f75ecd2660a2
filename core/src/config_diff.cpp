#include "vty/config_diff.hpp"

#include <algorithm>
#include <vector>

namespace vty {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

enum class Op { kKeep, kRemove, kAdd };

struct Edit {
  Op op;
  std::size_t a;  // line index in `from` (kKeep, kRemove)
  std::size_t b;  // line index in `to` (kKeep, kAdd)
};

// Myers' O(ND) shortest edit script: the furthest-reaching path per diagonal, kept per step
// so that the path can be walked back.
std::vector<Edit> shortest_edit(const std::vector<std::string_view>& a,
                                const std::vector<std::string_view>& b) {
  const long n = static_cast<long>(a.size());
  const long m = static_cast<long>(b.size());
  const long max = n + m;
  std::vector<long> v(2 * max + 2, 0);
  std::vector<std::vector<long>> trace;
  for (long d = 0; d <= max; ++d) {
    trace.push_back(v);
    bool done = false;
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? v[max + k + 1]
                                                                        : v[max + k - 1] + 1;
      long y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[max + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
    if (done) {
      trace.push_back(v);
      break;
    }
  }
  std::vector<Edit> edits;
  long x = n;
  long y = m;
  for (long d = static_cast<long>(trace.size()) - 2; d >= 0; --d) {
    const std::vector<long>& before = trace[d];
    long k = x - y;
    long previous_k =
        (k == -d || (k != d && before[max + k - 1] < before[max + k + 1])) ? k + 1 : k - 1;
    long previous_x = before[max + previous_k];
    long previous_y = previous_x - previous_k;
    while (x > previous_x && y > previous_y)
      edits.push_back({Op::kKeep, std::size_t(--x), std::size_t(--y)});
    if (d > 0) {
      if (x == previous_x) {
        edits.push_back({Op::kAdd, std::size_t(x), std::size_t(--y)});
      } else {
        edits.push_back({Op::kRemove, std::size_t(--x), std::size_t(y)});
      }
    }
  }
  std::reverse(edits.begin(), edits.end());
  return edits;
}

// "a,b" of a hunk header: the first line (1-based; the line before for an empty range) and
// the count, ",1" left out as diff does.
std::string range(std::size_t first, std::size_t count) {
  std::string text = std::to_string(count == 0 ? first : first + 1);
  if (count != 1) text += "," + std::to_string(count);
  return text;
}

}  // namespace

std::string unified_diff(std::string_view from, std::string_view to, DiffOptions options) {
  const auto a = split_lines(from);
  const auto b = split_lines(to);
  const auto edits = shortest_edit(a, b);
  const std::size_t context = static_cast<std::size_t>(std::max(options.context, 0));
  std::string out;
  std::size_t i = 0;
  while (i < edits.size()) {
    if (edits[i].op == Op::kKeep) {
      ++i;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` after the last change
    // that is no more than 2 * context unchanged lines from the one before it.
    std::size_t begin = i >= context ? i - context : 0;
    while (begin < i && edits[begin].op != Op::kKeep) ++begin;
    std::size_t end = i;
    std::size_t kept = 0;
    for (std::size_t j = i; j < edits.size(); ++j) {
      if (edits[j].op == Op::kKeep) {
        if (++kept > 2 * context) break;
      } else {
        kept = 0;
        end = j + 1;
      }
    }
    std::size_t stop = std::min(edits.size(), end + context);
    std::size_t a_first = edits[begin].a;
    std::size_t b_first = edits[begin].b;
    std::size_t a_count = 0;
    std::size_t b_count = 0;
    std::string body;
    for (std::size_t j = begin; j < stop; ++j) {
      const Edit& edit = edits[j];
      char mark = edit.op == Op::kKeep ? ' ' : edit.op == Op::kRemove ? '-' : '+';
      std::string_view line = edit.op == Op::kAdd ? b[edit.b] : a[edit.a];
      if (edit.op != Op::kAdd) ++a_count;
      if (edit.op != Op::kRemove) ++b_count;
      body += mark;
      body += line;
      body += '\n';
    }
    if (out.empty()) {
      out +=
          "--- " + std::string(options.from_name) + "\n+++ " + std::string(options.to_name) + "\n";
    }
    out += "@@ -" + range(a_first, a_count) + " +" + range(b_first, b_count) + " @@\n" + body;
    i = stop;
  }
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace vty
