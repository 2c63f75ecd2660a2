#define PCRE2_CODE_UNIT_WIDTH 8
#include "vty/regex.hpp"

#include <pcre2.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <utility>

#include "vty/errors.hpp"

namespace vty {
namespace {

std::string pcre2_message(int code) {
  PCRE2_UCHAR buffer[256];
  int length = pcre2_get_error_message(code, buffer, sizeof buffer);
  if (length < 0) return "unknown PCRE2 error " + std::to_string(code);
  return std::string(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

// PCRE2 rejects a null subject pointer in older releases, even with a zero length.
PCRE2_SPTR subject_pointer(std::string_view subject) {
  return reinterpret_cast<PCRE2_SPTR>(subject.data() ? subject.data() : "");
}

// A compiled pattern with its JIT code: read-only once built, so shared by every Regex of
// the same pattern in the process (PCRE2 allows matching one code from many threads, each
// with its own match data). A thousand sessions of one platform hold its patterns once:
// the JIT code of a platform's patterns is 30-40 KB, which each session paid before.
struct Compiled {
  explicit Compiled(pcre2_code* compiled) : code(compiled) {}
  ~Compiled() { pcre2_code_free(code); }
  Compiled(const Compiled&) = delete;
  Compiled& operator=(const Compiled&) = delete;
  pcre2_code* code;
};

std::shared_ptr<const Compiled> compile(const std::string& pattern, uint32_t options) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, uint32_t>, std::weak_ptr<const Compiled>> cache;
  static std::size_t prune_at = 64;
  std::lock_guard lock(mutex);
  auto key = std::pair(pattern, options);
  if (auto found = cache.find(key); found != cache.end()) {
    if (auto alive = found->second.lock()) return alive;
  }
  int error = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   options, &error, &offset, nullptr);
  if (!code) {
    throw PlatformDefinitionError("pattern \"" + pattern + "\" does not compile: at offset " +
                                  std::to_string(offset) + ": " + pcre2_message(error));
  }
  // Without JIT (unsupported CPU, no executable memory) pcre2_match interprets: slower, same
  // answers, so a failure here is not an error.
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_SOFT);
  auto compiled = std::make_shared<const Compiled>(code);
  cache[std::move(key)] = compiled;
  // Patterns nobody holds any more (a send_interactive's, a closed platform's) leave the map.
  if (cache.size() >= prune_at) {
    std::erase_if(cache, [](const auto& entry) { return entry.second.expired(); });
    prune_at = std::max<std::size_t>(64, 2 * cache.size());
  }
  return compiled;
}

// Match state lives with the caller's thread, not with the Regex: one Regex (a plugin's
// static pattern, a platform's prompt) is then matched from any number of threads. Only
// the whole match's span is read, so one pair of offsets serves every pattern (pcre2_match
// then returns 0 for "matched, captures not stored"). Allocated once per thread, so the
// prompt reader's hot path stays allocation-free.
struct ThreadMatchData {
  pcre2_match_data* data = pcre2_match_data_create(1, nullptr);
  ~ThreadMatchData() { pcre2_match_data_free(data); }
};

pcre2_match_data* thread_match_data() {
  thread_local ThreadMatchData match;
  if (!match.data) throw std::bad_alloc();
  return match.data;
}

}  // namespace

struct Regex::Impl {
  std::shared_ptr<const Compiled> compiled;  // immutable: shared by threads and Regexes

  // pcre2_match's result: >= 0 a match, PCRE2_ERROR_NOMATCH or PCRE2_ERROR_PARTIAL; the
  // span goes to `span` (only meaningful for a match or a partial match).
  int match(const std::string& pattern, std::string_view subject, std::size_t start,
            uint32_t options, Match& span) const {
    if (start > subject.size()) return PCRE2_ERROR_NOMATCH;
    pcre2_match_data* match_data = thread_match_data();
    int rc = pcre2_match(compiled->code, subject_pointer(subject), subject.size(), start, options,
                         match_data, nullptr);
    if (rc >= 0 || rc == PCRE2_ERROR_PARTIAL) {
      const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(match_data);
      span = {ovector[0], ovector[1]};
      return rc;
    }
    if (rc == PCRE2_ERROR_NOMATCH) return rc;
    // Only resource limits get here (backtracking, JIT stack): a pattern too costly to use.
    throw PlatformDefinitionError("pattern \"" + pattern + "\" could not be matched against " +
                                  std::to_string(subject.size()) + " bytes: " + pcre2_message(rc));
  }
};

Regex::Regex(std::string_view pattern, bool caseless)
    : pattern_(pattern), impl_(std::make_unique<Impl>()) {
  impl_->compiled = compile(pattern_, PCRE2_MULTILINE | (caseless ? PCRE2_CASELESS : 0u));
}

Regex::~Regex() = default;
Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;

std::optional<Regex::Match> Regex::find(std::string_view subject, std::size_t start) const {
  if (!impl_) return std::nullopt;  // moved from
  Match span{};
  if (impl_->match(pattern_, subject, start, 0, span) < 0) return std::nullopt;
  return span;
}

Regex::Search Regex::find_partial(std::string_view subject, std::size_t start) const {
  if (!impl_) return {Found::nothing, {}};
  Match span{};
  int rc = impl_->match(pattern_, subject, start, PCRE2_PARTIAL_SOFT, span);
  if (rc == PCRE2_ERROR_NOMATCH) return {Found::nothing, {}};
  return {rc == PCRE2_ERROR_PARTIAL ? Found::partial : Found::match, span};
}

}  // namespace vty
