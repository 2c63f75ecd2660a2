// The prompt reader's hot loops: how far a run of plain text goes, the bytes that need no more
// than a copy to the cleaned text, and that copy itself.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace vty::detail {

// Bytes that need more than an append: everything else is copied to the cleaned text in runs.
inline constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> special{};
  for (unsigned char c : {0x00, 0x07, 0x08, 0x0a, 0x0d, 0x1b}) special[c] = true;
  return special;
}();

// The end of the run of plain bytes from `p`: the first special byte, or `end`. Sixteen bytes
// at a time (eight without SSE2) while none is a control byte (below 0x20, where all
// specials are); a tab or another harmless control byte costs one look and the scan goes on.
inline const unsigned char* skip_plain(const unsigned char* p, const unsigned char* end) {
#if defined(__SSE2__)
  const __m128i kLastControl = _mm_set1_epi8(0x1f);
  while (end - p >= 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // max(b, 0x1f) == 0x1f exactly when b <= 0x1f (unsigned).
    auto controls = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(bytes, kLastControl), kLastControl)));
    while (controls != 0) {
      const unsigned char* at = p + __builtin_ctz(controls);
      if (kSpecial[*at]) return at;
      controls &= controls - 1;
    }
    p += 16;
  }
#endif
  constexpr std::uint64_t kOnes = 0x0101010101010101u;
  constexpr std::uint64_t kHigh = 0x8080808080808080u;
  for (;;) {
    while (end - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, sizeof word);
      if (((word - 0x20 * kOnes) & ~word & kHigh) != 0) break;  // some byte < 0x20
      p += 8;
    }
    const unsigned char* stop = end - p >= 8 ? p + 8 : end;
    while (p != stop && !kSpecial[*p]) ++p;
    if (p == end || kSpecial[*p]) return p;
  }
}

// Copies plain text and "\r\n" line ends (as "\n") from `p` to `out`, in one pass, and stops at
// the first byte that needs more (see kSpecial; a "\r" with no "\n" after it in this chunk).
// `out` has room for end - p bytes: the text never grows. `line_end` is set past each "\n"
// written. Sixteen bytes are stored at a time before they are looked at: what a special byte
// overwrote is written again or not counted.
struct PlainCopy {
  const unsigned char* in;  // the first byte not copied
  char* out;                // past the last byte written
};

inline PlainCopy copy_plain(const unsigned char* p, const unsigned char* end, char* out,
                            char*& line_end) {
  for (;;) {
#if defined(__SSE2__)
    const __m128i kLastControl = _mm_set1_epi8(0x1f);
    while (end - p >= 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), bytes);
      auto controls = static_cast<unsigned>(
          _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(bytes, kLastControl), kLastControl)));
      while (controls != 0 && !kSpecial[p[__builtin_ctz(controls)]]) controls &= controls - 1;
      if (controls == 0) {
        p += 16;
        out += 16;
        continue;
      }
      const auto plain = static_cast<unsigned>(__builtin_ctz(controls));
      p += plain;
      out += plain;
      break;
    }
#endif
    while (p != end && !kSpecial[*p]) *out++ = static_cast<char>(*p++);
    if (end - p < 2 || p[0] != '\r' || p[1] != '\n') return {p, out};
    *out++ = '\n';
    line_end = out;
    p += 2;
  }
}

}  // namespace vty::detail
