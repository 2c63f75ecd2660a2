#include "vty-sim/login_gate.hpp"

#include <utility>

namespace vty::sim {
namespace {

constexpr int kMaxTries = 3;  // as IOS: the third wrong password ends the session
constexpr std::size_t kMaxLine = 256;

}  // namespace

LoginGate::LoginGate(LoginGateOptions options)
    : options_(std::move(options)), state_(State::dormant) {
  if (!options_.console) ask_first_question();
}

std::string LoginGate::take_output() {
  return std::exchange(output_, {});
}

std::string LoginGate::take_input() {
  return std::exchange(input_, {});
}

void LoginGate::feed(std::string_view bytes) {
  for (char c : bytes) {
    if (skip_lf_) {
      skip_lf_ = false;
      if (c == '\n' || c == '\0') continue;
    }
    if (state_ == State::passed) {
      input_.push_back(c);
    } else if (state_ != State::closed) {
      on_char(c);
    }
  }
}

void LoginGate::on_char(char c) {
  if (c == '\r' || c == '\n') {
    skip_lf_ = c == '\r';
    line_entered();
  } else if (state_ == State::dormant) {
    return;  // a console wakes up on a return only
  } else if (c == '\b' || c == 0x7f) {
    if (line_.empty()) return;
    line_.pop_back();
    if (state_ == State::username) output_ += "\b \b";
  } else if (static_cast<unsigned char>(c) >= 0x20 && line_.size() < kMaxLine) {
    line_.push_back(c);
    if (state_ == State::username) output_.push_back(c);  // passwords are not echoed
  }
}

void LoginGate::ask_first_question() {
  if (options_.kind == LoginKind::none) {
    state_ = State::passed;
    return;
  }
  output_ += "\r\nUser Access Verification\r\n\r\n";
  if (options_.kind == LoginKind::username_password) {
    output_ += options_.username_prompt;
    state_ = State::username;
  } else {
    output_ += "Password: ";
    state_ = State::password;
  }
}

void LoginGate::line_entered() {
  std::string line = std::exchange(line_, {});
  switch (state_) {
    case State::dormant:
      ask_first_question();
      return;
    case State::username:
      output_ += "\r\nPassword: ";
      username_ = std::move(line);
      state_ = State::password;
      return;
    case State::password:
      output_ += "\r\n";
      if (!options_.refuse_all && line == options_.password &&
          (options_.kind == LoginKind::password_only || username_ == options_.username)) {
        state_ = State::passed;
      } else {
        refuse();
      }
      return;
    default:
      return;
  }
}

void LoginGate::refuse() {
  const bool with_username = options_.kind == LoginKind::username_password;
  if (++failures_ >= kMaxTries && !options_.refuse_all) {
    output_ += with_username ? "% Login invalid\r\n\r\n% Bad passwords\r\n" : "% Bad passwords\r\n";
    state_ = State::closed;
  } else if (with_username) {
    output_ += "% Login invalid\r\n\r\n" + options_.username_prompt;
    state_ = State::username;
  } else {
    output_ += "Password: ";  // IOS asks again without a word
  }
}

}  // namespace vty::sim
