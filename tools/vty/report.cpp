#include "report.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "json.hpp"

namespace vty::cli {

bool reported(const HostResult& host) {
  return host.finished || (host.stopped && !host.results.empty());
}

void print_text(std::ostream& out, const std::vector<HostResult>& results) {
  char timing[64];
  for (const auto& host : results) {
    if (!reported(host)) continue;
    std::snprintf(timing, sizeof timing, "%.3fs", host.elapsed_s);
    out << "=== " << host.host << "  " << (host.ok ? "ok" : "FAILED") << "  " << timing << "\n";
    if (!host.error_type.empty()) out << host.error_message << "\n";
    for (const auto& r : host.results) {
      std::snprintf(timing, sizeof timing, "%.3fs", r.elapsed_s);
      out << "--- " << r.command << "  (" << timing << (r.failed ? ", failed" : "") << ")\n"
          << r.result << "\n";
      if (!r.parsed_json.empty()) out << "--- parsed (TextFSM)\n" << r.parsed_json << "\n";
      if (!r.parse_error.empty()) out << "--- not parsed: " << r.parse_error << "\n";
    }
  }
}

std::string json_line(const HostResult& host) {
  std::ostringstream out;
  out << "{\"host\":" << json_string(host.host) << ",\"address\":" << json_string(host.address)
      << ",\"port\":" << (host.port ? std::to_string(host.port) : "null")
      << ",\"platform\":" << json_string(host.platform)
      << ",\"ok\":" << (host.ok ? "true" : "false") << ",\"elapsed_s\":" << host.elapsed_s;
  if (!host.detected_platform.empty())
    out << ",\"detected_platform\":" << json_string(host.detected_platform);
  out << ",\"results\":[";
  for (std::size_t i = 0; i < host.results.size(); ++i) {
    const auto& r = host.results[i];
    out << (i ? "," : "") << "{\"command\":" << json_string(r.command)
        << ",\"result\":" << json_string(r.result)
        << ",\"failed\":" << (r.failed ? "true" : "false") << ",\"elapsed_s\":" << r.elapsed_s;
    if (!r.parsed_json.empty()) out << ",\"parsed\":" << r.parsed_json;
    if (!r.parse_error.empty()) out << ",\"parse_error\":" << json_string(r.parse_error);
    out << "}";
  }
  out << "],\"error\":";
  if (host.error_type.empty()) {
    out << "null";
  } else {
    out << "{\"type\":" << json_string(host.error_type)
        << ",\"message\":" << json_string(host.error_message) << "}";
  }
  out << "}";
  return out.str();
}

void print_json(std::ostream& out, const std::vector<HostResult>& results) {
  out << "[";
  bool first = true;
  for (const auto& host : results) {
    if (!reported(host)) continue;
    out << (first ? "\n " : ",\n ") << json_line(host);
    first = false;
  }
  out << "\n]\n";
}

std::string file_name_for(std::string_view text) {
  std::string name;
  for (char c : text) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '-' || c == '_' || c == ':' || c == '@';
    name += plain ? c : '_';
  }
  if (name.empty() || name == "." || name == "..") name = "_" + name;
  return name.substr(0, 200);
}

namespace {

// Throws std::runtime_error naming the file and the reason.
void write_file(const std::filesystem::path& file, std::string_view text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (out) out << text << "\n";
  if (out) out.flush();
  if (!out) throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(errno));
}

}  // namespace

void write_out_dir(const std::filesystem::path& dir, const HostResult& host) {
  auto folder = dir / file_name_for(host.host);
  std::filesystem::create_directories(folder);
  for (std::size_t i = 0; i < host.results.size(); ++i) {
    char number[32];
    std::snprintf(number, sizeof number, "%02zu-", i + 1);
    write_file(folder / (number + file_name_for(host.results[i].command) + ".txt"),
               host.results[i].result);
  }
  if (!host.error_type.empty())
    write_file(folder / "error.txt", host.error_type + ": " + host.error_message);
}

void write_failed_hosts(const std::filesystem::path& file, const std::vector<HostResult>& results) {
  std::string names;
  for (const auto& host : results)
    if (!host.finished || !host.ok) names += host.host + "\n";
  if (!names.empty()) names.pop_back();  // write_file ends the last line
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (out) out << names << (names.empty() ? "" : "\n");
  if (out) out.flush();
  if (!out) throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(errno));
}

namespace {

// "r1, r2, r3, r4, r5 and 7 more"
std::string some_names(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < 5; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > 5) out += " and " + std::to_string(names.size() - 5) + " more";
  return out;
}

}  // namespace

void print_summary(std::ostream& out, const std::vector<HostResult>& results, std::size_t total,
                   double wall_s, bool interrupted) {
  std::size_t finished = 0, ok = 0;
  std::map<std::string, std::vector<std::string>> errors;
  std::vector<std::string> command_failed, unfinished;
  std::vector<const HostResult*> by_time;
  for (const auto& host : results) {
    if (!host.finished) {
      unfinished.push_back(host.host);
      continue;
    }
    ++finished;
    by_time.push_back(&host);
    if (host.ok)
      ++ok;
    else if (host.error_type.empty())
      command_failed.push_back(host.host);
    else
      errors[host.error_type].push_back(host.host);
  }
  char line[256];
  std::snprintf(line, sizeof line, "%zu of %zu hosts ok, %zu with a failed command, %zu failed", ok,
                total, command_failed.size(), finished - ok - command_failed.size());
  out << "\nsummary: " << line;
  std::snprintf(line, sizeof line, "; wall time %.3fs", wall_s);
  out << line << "\n";
  if (interrupted)
    out << "  interrupted: " << total - finished
        << " hosts not finished (shown only when they finished a command)"
        << (unfinished.empty() ? "" : ": " + some_names(unfinished)) << "\n";
  for (const auto& [type, hosts] : errors)
    out << "  " << hosts.size() << " x " << type << ": " << some_names(hosts) << "\n";
  if (!command_failed.empty())
    out << "  " << command_failed.size() << " x a failed command: " << some_names(command_failed)
        << "\n";
  std::sort(by_time.begin(), by_time.end(),
            [](const HostResult* a, const HostResult* b) { return a->elapsed_s > b->elapsed_s; });
  if (by_time.size() > 5) by_time.resize(5);
  if (!by_time.empty()) out << "  slowest:";
  for (const auto* host : by_time) {
    std::snprintf(line, sizeof line, " %.2fs", host->elapsed_s);
    out << " " << host->host << line;
  }
  if (!by_time.empty()) out << "\n";
}

int exit_code(const std::vector<HostResult>& results, int stop_signal, bool output_failed) {
  if (stop_signal == SIGTERM) return exit_terminated;
  if (stop_signal != 0) return exit_interrupted;
  if (output_failed) return exit_output_failed;
  int code = exit_ok;
  for (const auto& host : results) {
    if (!host.error_type.empty()) return exit_host_failed;
    if (!host.ok) code = exit_command_failed;
  }
  return code;
}

}  // namespace vty::cli
