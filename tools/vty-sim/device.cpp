// Input handling (echo, line editing, passwords, pager keys) and the output pump of a Device.
// The commands themselves are in device_commands.cpp.
#include "vty-sim/device.hpp"

namespace vty::sim {
namespace {

constexpr std::size_t kMaxLine = 4096;          // longer lines are cut, like a device's buffer
constexpr std::size_t kMaxTypeAhead = 1 << 20;  // unread input beyond this is dropped
constexpr int kMaxPasswordTries = 3;

bool is_line_end(char c) {
  return c == '\r' || c == '\n';
}

}  // namespace

Device::Device(const CliTree& cli, DeviceOptions options)
    : cli_(cli),
      options_(std::move(options)),
      level_(cli.start()),
      timestamps_(!cli.model().timestamp.empty()),
      page_length_(cli.model().pager.empty() || !cli.model().paging ? 0
                                                                    : options_.terminal_length) {
  if (!options_.store) options_.store = std::make_shared<ConfigStore>();
  if (options_.login) {
    mode_ = Mode::kLoginUser;
    emit("\r\nUser Access Verification\r\n\r\nUsername: ");
    return;
  }
  login_entered();
}

Device::~Device() {
  if (holds_lock_) options_.store->unlock(this);
}

bool Device::closed() const {
  return mode_ == Mode::kClosed;
}
std::optional<std::chrono::milliseconds> Device::exec_time_left() const {
  if (options_.exec_timeout.count() <= 0) return std::nullopt;
  auto idle = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - last_typed_);
  return std::max(options_.exec_timeout - idle, std::chrono::milliseconds(0)) +
         std::chrono::milliseconds(1);
}
bool Device::hung() const {
  return mode_ == Mode::kHung;
}
std::string Device::level() const {
  return cli_.levels()[level_].name();
}
std::string Device::prompt() const {
  if (!writing_file_.empty()) return cli_.model().config.file_prompt;  // Tcl: goes on
  return cli_.prompt(level_, submode_, options_.hostname, !candidate_.empty());
}

void Device::feed(std::string_view bytes) {
  if (mode_ == Mode::kClosed || mode_ == Mode::kHung) return;
  last_typed_ = std::chrono::steady_clock::now();
  if (in_pos_ == in_.size()) {
    in_.clear();
    in_pos_ = 0;
  }
  std::size_t room = kMaxTypeAhead - std::min(kMaxTypeAhead, in_.size() - in_pos_);
  in_.append(bytes.substr(0, room));
  process_input();
}

std::string Device::read(std::size_t max) {
  const auto& timeout = options_.exec_timeout;
  if (timeout.count() > 0 && mode_ != Mode::kOutput && mode_ != Mode::kClosed &&
      out_pos_ == out_.size() && std::chrono::steady_clock::now() - last_typed_ > timeout) {
    mode_ = Mode::kClosed;  // the line's exec-timeout: the device hangs up without a word
    return {};
  }
  std::string chunk;
  while (chunk.size() < max) {
    if (out_pos_ < out_.size()) {
      std::size_t n = std::min(max - chunk.size(), out_.size() - out_pos_);
      chunk.append(out_, out_pos_, n);
      out_pos_ += n;
      continue;
    }
    out_.clear();
    out_pos_ = 0;
    if (mode_ != Mode::kOutput) break;
    produce(max - chunk.size());
  }
  return chunk;
}

std::string Device::read_all() {
  std::string all;
  for (std::string chunk = read(); !chunk.empty(); chunk = read()) all += chunk;
  return all;
}

void Device::process_input() {
  auto accepts_input = [this] {
    return mode_ != Mode::kOutput && mode_ != Mode::kHung && mode_ != Mode::kClosed;
  };
  while (in_pos_ < in_.size() && accepts_input()) handle_char(in_[in_pos_++]);
  if (mode_ == Mode::kHung || mode_ == Mode::kClosed) {
    in_.clear();
    in_pos_ = 0;
  }
}

void Device::handle_char(char c) {
  if (skip_lf_) {
    skip_lf_ = false;
    if (c == '\n' || c == '\0') return;
  }
  if (c == '\r') skip_lf_ = true;
  switch (mode_) {
    case Mode::kLine:
    case Mode::kLoginUser:
    case Mode::kQuestion:
      edit_line(c);
      break;
    case Mode::kEnablePassword:
    case Mode::kLoginPassword:
      if (is_line_end(c)) {
        emit("\r\n");
        secret_entered();
      } else if (c == '\b' || c == 0x7f) {
        if (!line_.empty()) line_.pop_back();
      } else if (line_.size() < kMaxLine) {
        line_.push_back(c);
      }
      break;
    case Mode::kPager:
      pager_key(c);
      break;
    default:
      break;
  }
}

void Device::edit_line(char c) {
  if (is_line_end(c)) {
    emit("\r\n");
    end_of_line();
  } else if (c == '\b' || c == 0x7f) {
    if (!line_.empty()) {
      line_.pop_back();
      emit("\b \b");
    }
  } else if ((c == 0x03 || c == 0x1a) && mode_ == Mode::kLine) {
    // Ctrl-C drops the line; in config mode Ctrl-C and Ctrl-Z leave it, like "end".
    emit(c == 0x03 ? "^C\r\n" : "^Z\r\n");
    line_.clear();
    if (submode_.empty() && !cli_.levels()[level_].config()) {
      emit_prompt();
    } else {
      leave_to(cli_.exec_level(level_), false);
    }
  } else if (static_cast<unsigned char>(c) >= 0x20 && line_.size() < kMaxLine) {
    line_.push_back(c);
    emit(std::string_view(&c, 1));
  }
}

void Device::end_of_line() {
  std::string line = std::move(line_);
  line_.clear();
  if (mode_ == Mode::kLoginUser) {
    login_user_ = std::move(line);
    emit("Password: ");
    mode_ = Mode::kLoginPassword;
    return;
  }
  if (mode_ == Mode::kQuestion) {
    mode_ = Mode::kLine;
    answer_question(line);
    return;
  }
  execute(line);
}

void Device::secret_entered() {
  std::string secret = std::move(line_);
  line_.clear();
  if (mode_ == Mode::kLoginPassword) {
    // The wrong-password-loop fault refuses every password and never gives up asking.
    const bool looping = options_.fault.kind == FaultKind::wrong_password_loop;
    if (!looping && login_user_ == options_.username && secret == options_.password) {
      failures_ = 0;
      login_entered();
    } else if (++failures_ >= kMaxPasswordTries && !looping) {
      emit("% Login invalid\r\n\r\n% Bad passwords\r\n");
      mode_ = Mode::kClosed;
    } else {
      emit("% Login invalid\r\n\r\nUsername: ");
      mode_ = Mode::kLoginUser;
    }
    return;
  }
  if (secret == options_.enable_password) {
    mode_ = Mode::kLine;
    enter_level(pending_level_, true);
  } else if (++failures_ >= kMaxPasswordTries) {
    emit_text(cli_.model().errors.bad_password);
    mode_ = Mode::kLine;
    emit_prompt();
  } else {
    emit(cli_.levels()[pending_level_].mode->password_prompt);
  }
}

void Device::login_entered() {
  emit_lines(cli_.model().login_banner);
  mode_ = Mode::kLine;
  emit_prompt();
}

void Device::emit_text(std::string_view text) {
  for (char c : text) {
    if (c == '\n') {
      emit("\r\n");
    } else {
      out_.push_back(c);
    }
  }
}

void Device::emit_lines(const std::string& text) {
  TextOutput output;
  output.body = text;
  auto source = make_text_source(std::move(output), options_.hostname);
  for (std::string line; source->next_line(line);) {
    emit(line);
    emit("\r\n");
  }
}

void Device::pager_key(char c) {
  // Back over the pager prompt (the cursor rests before its trailing blanks), blank it, and
  // back again, as IOS does.
  const std::string& pager = cli_.model().pager;
  const std::size_t width = pager.find_last_not_of(' ') + 1;
  emit(std::string(width, '\b') + std::string(width, ' ') + std::string(width, '\b'));
  if (c == ' ') {
    lines_on_page_ = 0;
    mode_ = Mode::kOutput;
  } else if (is_line_end(c)) {
    lines_on_page_ = page_length_ - 1;
    mode_ = Mode::kOutput;
  } else {
    // 'q' and any other key end the output, as on IOS.
    source_.reset();
    held_line_.reset();
    hang_after_ = false;
    finish_output();
  }
}

void Device::start_output(std::unique_ptr<OutputSource> source, bool hang) {
  source_ = std::move(source);
  held_line_.reset();
  hang_after_ = hang;
  lines_on_page_ = 0;
  mode_ = Mode::kOutput;
}

void Device::produce(std::size_t max) {
  std::string line;
  while (mode_ == Mode::kOutput && out_.size() - out_pos_ < max) {
    if (held_line_) {
      line = std::move(*held_line_);
      held_line_.reset();
    } else if (!source_->next_line(line)) {
      finish_output();
      return;
    }
    if (page_length_ > 0 && lines_on_page_ >= page_length_ && !cli_.model().pager.empty()) {
      held_line_ = std::move(line);
      emit(cli_.model().pager);
      mode_ = Mode::kPager;
      process_input();  // keys typed ahead answer the pager
      return;
    }
    emit(line);
    emit("\r\n");
    ++lines_on_page_;
  }
}

void Device::finish_output() {
  source_.reset();
  if (hang_after_) {
    mode_ = Mode::kHung;
    in_.clear();
    in_pos_ = 0;
    return;
  }
  mode_ = Mode::kLine;
  emit_prompt();
  process_input();
}

}  // namespace vty::sim
