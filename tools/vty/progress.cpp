#include "progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>

namespace vty::cli {
namespace {

std::string duration_text(double seconds) {
  char text[32];
  if (seconds < 60)
    std::snprintf(text, sizeof text, "%.0fs", seconds);
  else if (seconds < 3600)
    std::snprintf(text, sizeof text, "%dm%02ds", int(seconds) / 60, int(seconds) % 60);
  else
    std::snprintf(text, sizeof text, "%dh%02dm", int(seconds) / 3600, int(seconds) / 60 % 60);
  return text;
}

void write_all(int fd, const std::string& text) {
  std::size_t sent = 0;
  while (sent < text.size()) {
    ssize_t n = ::write(fd, text.data() + sent, text.size() - sent);
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::string render_progress(const ProgressCounts& c, std::size_t width) {
  char head[128];
  int digits = std::snprintf(nullptr, 0, "%zu", c.total);
  std::snprintf(head, sizeof head, "[%*zu/%zu] ok %zu failed %zu", digits, c.done, c.total, c.ok,
                c.failed);
  std::string line = head;
  double rate = c.elapsed_s > 0 ? static_cast<double>(c.done) / c.elapsed_s : 0;
  char part[64];
  std::snprintf(part, sizeof part, " | %.1f hosts/s", rate);
  line += part;
  if (rate > 0 && c.done < c.total)
    line += " | ETA " + duration_text(static_cast<double>(c.total - c.done) / rate);
  if (!c.slowest.empty()) {
    std::snprintf(part, sizeof part, " (%.1fs)", c.slowest_s);
    line += " | slowest " + c.slowest + part;
  }
  if (line.size() > width) line.resize(width);
  return line;
}

ProgressLine::ProgressLine(int fd, const std::vector<std::string>& names)
    : fd_(fd), names_(names), started_at_(names.size()), running_(names.size(), false) {
  counts_.total = names.size();
}

void ProgressLine::started(std::size_t host) {
  started_at_[host] = std::chrono::steady_clock::now();
  running_[host] = true;
  if (next) next->started(host);
}

void ProgressLine::finished(std::size_t host, const HostResult& result) {
  running_[host] = false;
  ++counts_.done;
  ++(result.ok ? counts_.ok : counts_.failed);
  clear();
  if (next) next->finished(host, result);
  draw();
}

void ProgressLine::tick() {
  draw();
}

void ProgressLine::interrupted(int signal) {
  interrupted_ = true;
  clear();
  write_all(fd_, signal == SIGTERM
                     ? "vty: terminated: closing open sessions (SIGTERM again to abort)\n"
                     : "vty: interrupted: closing open sessions (Ctrl-C again to abort)\n");
  draw();
}

void ProgressLine::clear() {
  write_all(fd_, "\r\033[K");
}

void ProgressLine::draw() {
  auto now = std::chrono::steady_clock::now();
  counts_.elapsed_s = std::chrono::duration<double>(now - begin_).count();
  counts_.slowest.clear();
  auto oldest = now;
  // Hosts start in order, so the slowest running one is near the front; a linear scan is
  // cheap next to a redraw every quarter second.
  for (std::size_t i = 0; i < running_.size(); ++i) {
    if (running_[i] && started_at_[i] < oldest) {
      oldest = started_at_[i];
      counts_.slowest = names_[i];
    }
  }
  counts_.slowest_s = std::chrono::duration<double>(now - oldest).count();
  winsize size{};
  std::size_t width = ioctl(fd_, TIOCGWINSZ, &size) == 0 && size.ws_col > 0 ? size.ws_col : 80;
  write_all(fd_, "\r\033[K" + render_progress(counts_, width - 1));
}

}  // namespace vty::cli
