#include "report.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

#include "json.hpp"

namespace vty::cli {

void print_text(std::ostream& out, const std::vector<HostResult>& results) {
  char timing[64];
  for (const auto& host : results) {
    if (!host.finished) continue;
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
  out << "{\"host\":" << json_string(host.host) << ",\"ok\":" << (host.ok ? "true" : "false")
      << ",\"elapsed_s\":" << host.elapsed_s;
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
    if (!host.finished) continue;
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

void write_out_dir(const std::filesystem::path& dir, const HostResult& host) {
  auto folder = dir / file_name_for(host.host);
  std::filesystem::create_directories(folder);
  for (std::size_t i = 0; i < host.results.size(); ++i) {
    char number[32];
    std::snprintf(number, sizeof number, "%02zu-", i + 1);
    std::ofstream file(folder / (number + file_name_for(host.results[i].command) + ".txt"),
                       std::ios::binary);
    file << host.results[i].result << "\n";
  }
  if (!host.error_type.empty()) {
    std::ofstream file(folder / "error.txt", std::ios::binary);
    file << host.error_type << ": " << host.error_message << "\n";
  }
}

void print_summary(std::ostream& out, const std::vector<HostResult>& results, std::size_t total,
                   double wall_s, bool interrupted) {
  std::size_t finished = 0, ok = 0, command_failed = 0;
  std::map<std::string, std::size_t> errors;
  std::vector<const HostResult*> by_time;
  for (const auto& host : results) {
    if (!host.finished) continue;
    ++finished;
    by_time.push_back(&host);
    if (host.ok)
      ++ok;
    else if (host.error_type.empty())
      ++command_failed;
    else
      ++errors[host.error_type];
  }
  char line[256];
  std::snprintf(line, sizeof line, "%zu of %zu hosts ok, %zu with a failed command, %zu failed", ok,
                total, command_failed, finished - ok - command_failed);
  out << "\nsummary: " << line;
  std::snprintf(line, sizeof line, "; wall time %.3fs", wall_s);
  out << line << "\n";
  if (interrupted)
    out << "  interrupted: " << total - finished << " hosts not finished (not shown)\n";
  for (const auto& [type, count] : errors) out << "  " << count << " x " << type << "\n";
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

int exit_code(const std::vector<HostResult>& results, bool interrupted) {
  if (interrupted) return exit_interrupted;
  int code = exit_ok;
  for (const auto& host : results) {
    if (!host.error_type.empty()) return exit_host_failed;
    if (!host.ok) code = exit_command_failed;
  }
  return code;
}

}  // namespace vty::cli
