// Logging in inside the session, for transports that do not authenticate (telnet) and for
// console servers: wake a silent console, answer the username and password questions, and
// tell a refused login (the question comes back, "% Login invalid") from a slow one.
#pragma once

#include <asio/awaitable.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "vty/channel.hpp"
#include "vty/options.hpp"
#include "vty/platform.hpp"
#include "vty/regex.hpp"

namespace vty::detail {

class InBandLogin {
 public:
  // Keeps references to all three; they must outlive run().
  InBandLogin(Channel& channel, const Options& options, const PlatformDefinition& platform);

  // Returns the reply that ended at the device's prompt. Throws AuthenticationError when the
  // device refuses the credentials, OperationTimeout when no question or prompt comes.
  asio::awaitable<Channel::Reply> run();

 private:
  enum class Question { username, password, none };

  asio::awaitable<Channel::Reply> first_reply();
  asio::awaitable<Channel::Reply> wake_console();
  asio::awaitable<Channel::Reply> answer(std::string_view input, bool hidden);
  Question question_in(const Channel::Reply& reply) const;
  std::string failure_in(std::string_view text) const;
  [[noreturn]] void refused(std::string why, const Channel::Reply& reply) const;
  ErrorContext context(std::string_view command = {}) const;

  Channel& channel_;
  const Options& options_;
  const PlatformDefinition& platform_;
  Regex username_;
  Regex password_;
  Regex any_;  // a question or the device's prompt
  std::vector<std::string> failures_;
};

}  // namespace vty::detail
