#include "channel_log.hpp"

#include <chrono>
#include <ctime>
#include <fstream>
#include <memory>

#include <vty/transport.hpp>

#include "json.hpp"
#include "report.hpp"

namespace vty::cli {
namespace {

std::string timestamp() {
  auto now = std::chrono::system_clock::now();
  auto seconds = std::chrono::system_clock::to_time_t(now);
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() %
      1000000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char full[64];
  std::snprintf(full, sizeof full, "%s.%06lldZ", text, static_cast<long long>(micros));
  return full;
}

class LoggedTransport : public Transport {
 public:
  LoggedTransport(std::unique_ptr<Transport> inner, const std::filesystem::path& file,
                  const Options& options)
      : inner_(std::move(inner)), log_(file, std::ios::app | std::ios::binary) {
    for (const auto* secret :
         {&options.auth.password, &options.auth.secondary, &options.auth.private_key_passphrase})
      if (!secret->empty()) secrets_.push_back(*secret);
    record("open", options.host +
                       (options.port ? ":" + std::to_string(options.port) : std::string()) +
                       " via " + std::string(inner_->name()));
  }

  asio::awaitable<void> open() override {
    try {
      co_await inner_->open();
    } catch (const std::exception& error) {
      record("error", error.what());
      throw;
    }
    record("opened", "");
  }
  asio::awaitable<std::size_t> read_some(std::span<char> buffer) override {
    std::size_t n = co_await inner_->read_some(buffer);
    record("recv", std::string_view(buffer.data(), n));
    co_return n;
  }
  asio::awaitable<void> write(std::string_view data) override {
    record("send", data);
    co_await inner_->write(data);
  }
  asio::awaitable<void> close() override {
    record("close", "");
    co_await inner_->close();
  }
  void abort() noexcept override {
    try {
      record("abort", "");
    } catch (...) {
    }
    inner_->abort();
  }
  bool authenticates_in_band() const override { return inner_->authenticates_in_band(); }
  std::string_view name() const override { return inner_->name(); }

 private:
  void record(std::string_view what, std::string_view data) {
    std::string text(data);
    for (const auto& secret : secrets_) {
      for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 8))
        text.replace(at, secret.size(), "********");
    }
    log_ << timestamp() << ' ' << what << ' ' << json_string(text) << '\n';
    log_.flush();
  }

  std::unique_ptr<Transport> inner_;
  std::ofstream log_;
  std::vector<std::string> secrets_;
};

}  // namespace

std::string register_logged_transport(const std::filesystem::path& dir, std::string_view inner) {
  std::filesystem::create_directories(dir);
  std::string name = "log+" + std::string(inner);
  register_transport(name, [dir, inner = std::string(inner)](asio::any_io_executor executor,
                                                             const Options& options) {
    auto file =
        dir / (file_name_for(options.label.empty() ? options.host : options.label) + ".log");
    return std::make_unique<LoggedTransport>(make_transport(inner, executor, options), file,
                                             options);
  });
  return name;
}

}  // namespace vty::cli
