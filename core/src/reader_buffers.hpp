// How the prompt reader's buffers grow with an answer and give memory back after a huge one.
#pragma once

#include <sys/mman.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

namespace vty::detail {

// A reader that once held a huge answer gives the memory back at the next reset.
constexpr std::size_t kKeptCapacity = std::size_t{1} << 20;

inline void clear_buffer(std::string& buffer) {
  if (buffer.capacity() > kKeptCapacity) {
    std::string().swap(buffer);
  } else {
    buffer.clear();
  }
}

// A bulk buffer asks for 2 MB pages (transparent huge pages, where the kernel offers them
// on request): a 100 MB answer then takes ~50 page faults per buffer instead of ~25,000, and
// a page fault is what filling fresh memory mostly costs (perf on `vty-bench big 100`: 40%
// of the client's time was the faults of its two buffers). Only whole 2 MB pages inside the
// buffer are advised; memory the buffer does not own is never touched.
inline void advise_huge_pages(std::string& text) noexcept {
#ifdef MADV_HUGEPAGE
  constexpr std::uintptr_t kHuge = std::uintptr_t{1} << 21;
  const auto begin = reinterpret_cast<std::uintptr_t>(text.data());
  const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t last = (begin + text.capacity()) & ~(kHuge - 1);
  if (last > first) (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)text;
#endif
}

// Makes room for `more` bytes. Past a megabyte the answer is a bulk one and grows sixteen-fold
// (at most a gigabyte at a time) rather than two-fold. Each growth copies the text into
// fresh pages that the kernel must fault in and later unmap, which was most of the time a
// 100 MB answer spent (perf: page faults and munmap); 1 -> 16 -> 256 MB touches 117 MB per
// buffer instead of 4-fold's 185. Capacity not yet written to costs no resident memory.
inline void grow_for(std::string& text, std::size_t more) {
  constexpr std::size_t kBulk = std::size_t{1} << 20;
  constexpr std::size_t kLargestStep = std::size_t{1} << 30;
  const std::size_t need = text.size() + more;
  if (need <= text.capacity() || need <= kBulk) return;
  const std::size_t capacity = text.capacity();
  text.reserve(std::max(need, capacity + std::min(15 * capacity, kLargestStep)));
  advise_huge_pages(text);
}

}  // namespace vty::detail
