// The login a simulated device asks for over telnet, before its CLI: username and password
// (IOS with `login local`), a password alone (a line password, daemon vtys), or none; and a
// console port's silence until a return is pressed. Sans-io, like Device: fed what the client
// types, it answers with what the device prints, and then passes the input on.
#pragma once

#include <string>
#include <string_view>

namespace vty::sim {

enum class LoginKind { username_password, password_only, none };

struct LoginGateOptions {
  LoginKind kind = LoginKind::username_password;
  bool console = false;  // print nothing until a return is pressed
  std::string username_prompt = "Username: ";
  std::string username = "admin";
  std::string password = "admin123";
  bool refuse_all = false;  // the wrong-password-loop fault: refuse every login, for ever
};

class LoginGate {
 public:
  explicit LoginGate(LoginGateOptions options);

  // Bytes typed by the client, split anywhere. Once passed(), they are kept for the CLI.
  void feed(std::string_view bytes);
  // What the device printed since the last call.
  std::string take_output();
  // Input that arrived after the login, for the CLI (the LF of a CR LF already dropped).
  std::string take_input();

  bool passed() const { return state_ == State::passed; }
  bool closed() const { return state_ == State::closed; }  // too many failures: hang up

 private:
  enum class State { dormant, username, password, passed, closed };

  void on_char(char c);
  void line_entered();
  void ask_first_question();
  void refuse();

  LoginGateOptions options_;
  State state_;
  std::string line_;
  std::string username_;
  std::string output_;
  std::string input_;
  bool skip_lf_ = false;  // the last line end was CR: a following LF or NUL belongs to it
  int failures_ = 0;
};

}  // namespace vty::sim
