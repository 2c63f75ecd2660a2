#include "recording_transport.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>

#include "vty/errors.hpp"
#include "vty/recording.hpp"
#include "vty/vty.hpp"

namespace vty::detail {
namespace {

constexpr std::size_t kTailSize = 256;
constexpr std::size_t kMinScrubbedSecret = 4;
constexpr std::string_view kMask = "********";

std::string utc_now() {
  auto seconds = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

class RecordingTransport : public Transport {
 public:
  RecordingTransport(std::unique_ptr<Transport> inner, const Options& options,
                     std::string_view platform)
      : inner_(std::move(inner)),
        masker_(options.auth),
        file_(options.record_to),
        out_(options.record_to, std::ios::trunc | std::ios::binary) {
    if (!out_)
      throw RecordingError(
          "cannot create recording " + file_.string(),
          {.host = options.label.empty() ? options.host : options.label, .operation = "open"});
    RecordingHeader header{.platform = std::string(platform),
                           .transport = std::string(inner_->name()),
                           .host = options.label.empty() ? options.host : options.label,
                           .vty_version = version(),
                           .recorded_at = utc_now(),
                           .in_band_auth = inner_->authenticates_in_band()};
    out_ << format_recording_header(header);
    out_.flush();
  }

  asio::awaitable<void> open() override { co_await inner_->open(); }

  asio::awaitable<std::size_t> read_some(std::span<char> buffer) override {
    std::size_t n = 0;
    try {
      n = co_await inner_->read_some(buffer);
    } catch (const ConnectionClosed&) {
      record({.kind = RecordedEvent::Kind::closed});
      throw;
    }
    std::string_view bytes(buffer.data(), n);
    masker_.received(bytes);
    record({.kind = RecordedEvent::Kind::received, .bytes = masker_.scrub(bytes)});
    co_return n;
  }

  asio::awaitable<void> write(std::string_view data) override {
    // Recorded before it is sent: the device's answer can only come after.
    if (std::size_t secret = masker_.secret_length(data); secret > 0) {
      record({.kind = RecordedEvent::Kind::sent,
              .bytes = std::string(data.substr(secret)),
              .masked = true});
    } else {
      record({.kind = RecordedEvent::Kind::sent, .bytes = masker_.scrub(data)});
    }
    co_await inner_->write(data);
  }

  asio::awaitable<void> close() override {
    co_await inner_->close();
    out_.close();
  }
  void abort() noexcept override {
    inner_->abort();
    out_.flush();
  }
  bool authenticates_in_band() const override { return inner_->authenticates_in_band(); }
  std::string_view name() const override { return inner_->name(); }

 private:
  void record(RecordedEvent event) {
    if (!out_.is_open()) return;
    event.at = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started_);
    out_ << format_recorded_event(event);
    // Every event reaches the file before the session goes on: a crash loses nothing.
    out_.flush();
  }

  std::unique_ptr<Transport> inner_;
  InputMasker masker_;
  std::filesystem::path file_;
  std::ofstream out_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace

InputMasker::InputMasker(const Auth& auth)
    : password_question_(
          R"((?:passw(?:or)?d|passcode|passphrase|secret|pin)[^\r\n]{0,40}[:?>]\s*\z)", true) {
  for (const auto* secret : {&auth.password, &auth.secondary, &auth.private_key_passphrase})
    if (!secret->empty()) secrets_.push_back(*secret);
}

void InputMasker::received(std::string_view bytes) {
  tail_.append(bytes);
  if (tail_.size() > kTailSize) tail_.erase(0, tail_.size() - kTailSize);
}

std::size_t InputMasker::secret_length(std::string_view input) {
  bool asked = password_question_.search(tail_);
  tail_.clear();
  auto end = input.find_last_not_of("\r\n");
  std::size_t length = end == std::string_view::npos ? 0 : end + 1;
  if (asked) return length;
  for (const auto& secret : secrets_)
    if (input.substr(0, length) == secret) return length;
  return 0;
}

std::string InputMasker::scrub(std::string_view bytes) const {
  std::string text(bytes);
  for (const auto& secret : secrets_) {
    if (secret.size() < kMinScrubbedSecret) continue;
    for (auto at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + kMask.size()))
      text.replace(at, secret.size(), kMask);
  }
  return text;
}

std::unique_ptr<Transport> record_session(std::unique_ptr<Transport> inner, const Options& options,
                                          std::string_view platform) {
  return std::make_unique<RecordingTransport>(std::move(inner), options, platform);
}

}  // namespace vty::detail
