// One simulated CLI session, sans-io: fed the bytes a client types, it answers with the bytes
// the device model says the device prints (echo, prompts, command output, pager, errors). The SSH
// and stdio front ends only move bytes in and out of it.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vty-sim/cli_tree.hpp"
#include "vty-sim/command_table.hpp"
#include "vty-sim/config_store.hpp"
#include "vty-sim/fault.hpp"
#include "vty-sim/output_source.hpp"

namespace vty::sim {

struct DeviceOptions {
  std::string hostname = "router1";
  std::string enable_password = "enable123";
  bool login = false;  // ask "Username:"/"Password:" in-band first (as over telnet)
  std::string username = "admin";
  std::string password = "admin123";
  int terminal_length = 24;
  // Nothing typed for this long closes the session (a line's exec-timeout); 0: never.
  std::chrono::milliseconds exec_timeout{0};
  FaultSpec fault{};  // what is broken about this device (the front ends play most of it)
  // The device's configuration, shared by its sessions; null: the session has its own.
  std::shared_ptr<ConfigStore> store{};
};

class Device {
 public:
  Device(const CliTree& cli, DeviceOptions options);
  ~Device();

  // Bytes typed by the client, split anywhere. Input that arrives while output is still being
  // printed waits (type-ahead), as on a real device.
  void feed(std::string_view bytes);
  // Up to `max` bytes of output; "" when the device waits for input (or hangs, or is closed).
  // Long outputs are produced as they are read, so memory stays bounded.
  std::string read(std::size_t max = 16 * 1024);
  // Everything until the device waits for input (tests; beware of `show big`).
  std::string read_all();

  bool closed() const;  // "exit"/"logout" or failed login: nothing more will be printed
  bool hung() const;
  // With an exec-timeout, how long until it closes the session if nothing is typed (front
  // ends wait for input at most this long, then read()); nothing without one.
  std::optional<std::chrono::milliseconds> exec_time_left()
      const;  // a `hang = true` command ran: no prompt will ever come
  std::string level() const;
  const std::string& submode() const { return submode_; }
  std::string prompt() const;
  const std::vector<std::string>& config_lines() const { return config_lines_; }
  const std::vector<std::string>& candidate() const { return candidate_; }

 private:
  enum class Mode {
    kLoginUser,
    kLoginPassword,
    kLine,
    kEnablePassword,
    kOutput,
    kPager,
    kQuestion,  // the uncommitted-changes question waits for its answer
    kHung,
    kClosed
  };

  void process_input();
  void handle_char(char c);
  void edit_line(char c);
  void end_of_line();
  void secret_entered();
  void login_entered();
  void pager_key(char c);

  void execute(const std::string& line);
  void execute_config(const std::string& line, const std::vector<Token>& tokens);
  void run(const MatchResult& match, const std::vector<Token>& tokens);
  void run_do(const std::vector<Token>& tokens);
  void run_model(const ModelCommand& command, const std::vector<Token>& tokens);
  void report(const MatchResult& match);
  void print_error(std::string text, std::size_t column, std::string_view word,
                   std::string_view line);
  void emit_text(std::string_view text);  // "\n" becomes "\r\n", nothing added
  void leave_to(std::size_t level, bool announce);
  void answer_question(const std::string& answer);
  // false (and the failure printed) when the commit is refused
  bool commit(int confirm_seconds = 0);
  void discard() {
    candidate_.clear();
    replace_ = false;
  }
  bool has_changes() const { return replace_ || !candidate_.empty(); }
  std::vector<std::string> proposed();  // what a commit would make the running config
  void add_config_line(std::string line);
  bool run_config_action(const ModelCommand& command, const std::vector<Token>& tokens);
  void print_compare();
  void print_difference(const std::vector<std::string>& before,
                        const std::vector<std::string>& after);
  bool run_file_action(const ModelCommand& command, const std::vector<Token>& tokens);
  void continue_file(const std::string& line);
  void replace_from_file(const ModelCommand& command, const std::vector<Token>& tokens);
  void show_archive(const ModelCommand& command);
  std::string archive();  // saves the running configuration in the archive; its name
  void enter_level(std::size_t level, bool announce);
  bool set_number(const std::vector<Token>& tokens, int max, int& value);

  void start_output(std::unique_ptr<OutputSource> source, bool hang);
  void produce(std::size_t max);
  void finish_output();
  void emit(std::string_view text) { out_.append(text); }
  void emit_prompt() { emit(prompt()); }
  void emit_lines(const std::string& text);  // "\n"-separated lines, each ending "\r\n"

  const CliTree& cli_;
  DeviceOptions options_;
  Mode mode_ = Mode::kLine;
  std::chrono::steady_clock::time_point last_typed_ = std::chrono::steady_clock::now();
  std::size_t level_;
  std::string submode_;
  std::size_t pending_level_ = 0;  // the level an enable password is being typed for
  int failures_ = 0;
  std::string login_user_;
  std::vector<std::string> config_lines_;  // the running configuration typed this session
  std::vector<std::string> candidate_;     // typed but not committed (candidate config OSes)
  bool holds_lock_ = false;                // this session holds the device's configuration lock
  bool replace_ = false;  // candidate_ replaces the running config (else it adds to it)
  const ModelCommand* asking_ = nullptr;  // the command whose question waits for an answer
  std::vector<Token> asking_tokens_;
  std::string last_line_;     // the line being executed (for "{line}")
  std::string writing_file_;  // tclsh: the file the lines typed go to, until "}"
  std::vector<std::string> file_lines_;
  bool timestamps_;  // the model's timestamp line is still printed

  std::string in_;
  std::size_t in_pos_ = 0;
  bool skip_lf_ = false;  // the last line end was '\r': a following '\n' or '\0' belongs to it
  std::string line_;

  std::string out_;
  std::size_t out_pos_ = 0;
  std::unique_ptr<OutputSource> source_;
  std::optional<std::string> held_line_;  // the first line of the next page
  bool hang_after_ = false;
  int page_length_;
  int lines_on_page_ = 0;
};

}  // namespace vty::sim
