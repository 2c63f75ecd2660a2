#define PCRE2_CODE_UNIT_WIDTH 8
#include "textfsm/pattern.hpp"

#include <pcre2.h>

#include <new>

namespace vty::textfsm::detail {
namespace {

std::string pcre2_message(int code) {
  PCRE2_UCHAR buffer[256];
  int length = pcre2_get_error_message(code, buffer, sizeof buffer);
  if (length < 0) return "PCRE2 error " + std::to_string(code);
  return std::string(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

}  // namespace

struct Pattern::Code {
  pcre2_code* code = nullptr;
  bool jit = false;
  ~Code() { pcre2_code_free(code); }
};

// Python's str patterns are Unicode-aware (\w, \d, \s, case folding): UTF + UCP. Invalid
// UTF-8 in the input is tolerated rather than refused. ANCHORED at compile time is re.match
// and keeps JIT (match-time ANCHORED would not).
Pattern::Pattern(std::string_view python_pattern)
    : syntax_(translate_python_regex(python_pattern)), code_(std::make_unique<Code>()) {
  uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_ANCHORED;
  int error = 0;
  PCRE2_SIZE offset = 0;
  code_->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(syntax_.pcre2.data()),
                              syntax_.pcre2.size(), options, &error, &offset, nullptr);
  if (!code_->code) throw RegexError(pcre2_message(error) + " at offset " + std::to_string(offset));
  // Without JIT (unsupported CPU, no executable memory): interpreted, same answers.
  code_->jit = pcre2_jit_compile(code_->code, PCRE2_JIT_COMPLETE) == 0;
}

Pattern::~Pattern() = default;
Pattern::Pattern(Pattern&&) noexcept = default;
Pattern& Pattern::operator=(Pattern&&) noexcept = default;

struct MatchData::Impl {
  pcre2_match_data* data = nullptr;
  pcre2_match_context* context = nullptr;
  pcre2_jit_stack* stack = nullptr;
  ~Impl() {
    pcre2_match_data_free(data);
    pcre2_match_context_free(context);
    pcre2_jit_stack_free(stack);
  }
};

MatchData::MatchData(int max_groups) : impl_(std::make_unique<Impl>()) {
  impl_->data = pcre2_match_data_create(static_cast<uint32_t>(max_groups) + 1, nullptr);
  impl_->context = pcre2_match_context_create(nullptr);
  // Templates with deeply nested quantifiers need more than the default 32 kB JIT stack.
  impl_->stack = pcre2_jit_stack_create(32 * 1024, 4 * 1024 * 1024, nullptr);
  if (!impl_->data || !impl_->context || !impl_->stack) throw std::bad_alloc();
  pcre2_jit_stack_assign(impl_->context, nullptr, impl_->stack);
}

MatchData::~MatchData() = default;

bool Pattern::match(std::string_view subject, MatchData& data) const {
  auto* text = reinterpret_cast<PCRE2_SPTR>(subject.data() ? subject.data() : "");
  int rc =
      pcre2_match(code_->code, text, subject.size(), 0, 0, data.impl_->data, data.impl_->context);
  if (rc >= 0) return true;
  if (rc == PCRE2_ERROR_NOMATCH) return false;
  throw RegexError("matching failed: " + pcre2_message(rc));
}

std::optional<std::string_view> MatchData::group(std::string_view subject, int n) const {
  if (static_cast<uint32_t>(n) >= pcre2_get_ovector_count(impl_->data)) return std::nullopt;
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(impl_->data);
  PCRE2_SIZE begin = ovector[2 * n], end = ovector[2 * n + 1];
  if (begin == PCRE2_UNSET) return std::nullopt;
  return subject.substr(begin, end - begin);
}

}  // namespace vty::textfsm::detail
