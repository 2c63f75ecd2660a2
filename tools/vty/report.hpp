// What `vty run` prints: per-host text, one JSON document, JSON lines, files per command,
// the closing summary, and the exit status.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "fleet.hpp"

namespace vty::cli {

constexpr int exit_ok = 0;
constexpr int exit_command_failed = 1;
constexpr int exit_host_failed = 2;
constexpr int exit_output_failed = 74;  // EX_IOERR: a result could not be written
constexpr int exit_interrupted = 130;   // SIGINT (128 + 2)
constexpr int exit_terminated = 143;    // SIGTERM (128 + 15)

// Hosts that did not finish (interrupted, never started) are left out of every report,
// unless the run was stopped after they finished a command: those are reported, with the
// error type "interrupted".
bool reported(const HostResult& host);
void print_text(std::ostream& out, const std::vector<HostResult>& results);
// One JSON array: per host {host, ok, elapsed_s, results[{command, result, failed,
// elapsed_s}], error: {type, message} | null}.
void print_json(std::ostream& out, const std::vector<HostResult>& results);
// One host as a JSON object on one line (the array's element), without the newline.
std::string json_line(const HostResult& host);
// DIR/<host>/<NN>-<command>.txt for each command's output.
void write_out_dir(const std::filesystem::path& dir, const HostResult& host);
// FILE: the names of the hosts that failed, had a failed command or did not finish, one a
// line, in job order: what `vty run --limit @FILE` (or `vty run - < FILE`) reruns. Throws
// std::runtime_error when it cannot be written.
void write_failed_hosts(const std::filesystem::path& file, const std::vector<HostResult>& results);
// Counts, per error type with the hosts' names, the slowest hosts; `wall_s` is the run's wall time.
void print_summary(std::ostream& out, const std::vector<HostResult>& results, std::size_t total,
                   double wall_s, bool interrupted);
// 0 all ok, 1 a command reported failure, 2 a host failed (connect, auth, timeout, ...),
// 74 a result could not be written, 130 interrupted (SIGINT), 143 terminated (SIGTERM).
// The first that applies of: stopped by a signal, output failed, host failed, command failed.
int exit_code(const std::vector<HostResult>& results, int stop_signal, bool output_failed = false);
// A name safe as one path component ("r1:22" stays, "a/b" becomes "a_b").
std::string file_name_for(std::string_view text);

}  // namespace vty::cli
