// Fault injection, sans-io: what a broken device or link does to a session. The network
// front ends (SSH, telnet, stdio) pass the client's input and the device's output through
// a FaultInjector and do what each FaultStep says (pause, write, hang up, stall); the
// faults of the login itself (wrong-password loop, closing during authentication, a silent
// peer, a new host key) are read from the FaultSpec by the front ends.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace vty::sim {

enum class FaultKind {
  none,
  drop,                  // hang up after ARG bytes of output (default 200)
  stall,                 // print ARG bytes of output (default 200), then nothing, ever
  no_prompt,             // complete lines only: the prompt never comes
  garbage,               // answer with ARG random bytes (default 4096) and no prompt
  ansi_storm,            // wrap every line and prompt in ANSI/VT100 escape sequences
  long_line,             // the answer is one line of ARG megabytes (default 10), no newline
  slow,                  // ARG milliseconds per byte of output (default 50)
  pager_ignores_length,  // `terminal length 0` is accepted but pages stay 24 lines
  echo_rewrite,          // the device echoes the command rewritten (upper case)
  wrong_password_loop,   // every password is refused, for ever
  slow_banner,           // a login banner that takes ARG milliseconds (default 3000)
  close_in_auth,         // the connection closes when the client authenticates
  silent,                // TCP is accepted, nothing is ever said
  new_host_key,          // every connection shows a different host key
  deaf,                  // after answering the trigger, reads no input for ARG ms, then hangs up
};

struct FaultSpec {
  FaultKind kind = FaultKind::none;
  long arg = 0;      // 0: the fault's default
  std::string on{};  // the fault strikes from the first typed line containing this; "" = login

  bool login_fault() const;  // acts on the login itself, not on the session's bytes
};

// "stall:200" and so on; throws std::invalid_argument naming the known faults.
FaultSpec parse_fault(std::string_view spec);
// One line per fault for `vty-sim --help`.
std::string fault_help();
std::string_view fault_name(FaultKind kind);

// What a front end does with the next piece of output.
struct FaultStep {
  std::string bytes{};
  std::chrono::milliseconds per_byte{0};  // write byte by byte, pausing this long before each
  bool hang_up = false;                   // close the connection after writing `bytes`
  bool stall = false;  // after `bytes`, write nothing more and ignore input until the client leaves
  // After `bytes`, read nothing (the client's writes block once the buffers are full) for
  // this long, or until the client leaves, then hang up.
  std::chrono::milliseconds deaf{0};
};

class FaultInjector {
 public:
  explicit FaultInjector(FaultSpec spec, std::uint64_t seed = 0x5eed);

  // The client's bytes, before the device gets them: finds the line that triggers the
  // fault. Returns the bytes the device should get (unchanged).
  std::string_view typed(std::string_view bytes);
  // The device's next output.
  FaultStep output(std::string_view bytes);
  // The device waits for input: what was held back (a prompt) goes out now, or not.
  FaultStep idle();

  bool triggered() const { return triggered_; }
  bool stalled() const { return stalled_; }

 private:
  FaultStep active_output(std::string_view bytes);
  FaultStep countdown(std::string_view bytes, bool hang_up);
  std::string storm(std::string_view bytes);
  std::string random_bytes(std::size_t count);

  FaultSpec spec_;
  std::uint64_t random_;
  bool triggered_;
  bool stalled_ = false;
  bool started_ = false;       // long-line: the long line is out; slow-banner: the banner is
  std::size_t remaining_ = 0;  // drop/stall: bytes still to pass
  std::string line_typed_;     // the client's unfinished line, watched for the trigger
  std::string last_line_;      // the line that triggered (echo_rewrite rewrites its echo)
  std::string held_;           // an unfinished last line held back (prompt-aware faults)
};

}  // namespace vty::sim
