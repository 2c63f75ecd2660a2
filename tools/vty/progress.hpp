// The live progress line `vty run` keeps on a terminal: done/total, ok, failed, rate, ETA
// and the slowest host still running.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "fleet.hpp"

namespace vty::cli {

struct ProgressCounts {
  std::size_t total = 0, done = 0, ok = 0, failed = 0;
  double elapsed_s = 0;
  std::string slowest;  // the running host that started first; "" when none
  double slowest_s = 0;
};

// One line, at most `width` columns, no line end:
// "[ 120/1000] ok 118 failed 2 | 40.1 hosts/s | ETA 22s | slowest r17 (12.3s)"
std::string render_progress(const ProgressCounts& counts, std::size_t width);

// Draws the line on a terminal (fd), redrawing in place; other output goes through
// print_above() so that it scrolls above the line.
class ProgressLine : public FleetObserver {
 public:
  ProgressLine(int fd, const std::vector<std::string>& names);
  void started(std::size_t host) override;
  void finished(std::size_t host, const HostResult& result) override;
  void tick() override;
  void interrupted(int signal) override;
  void clear();  // removes the line (before the final report)
  // Passes finished hosts on (JSONL printing, --out-dir files).
  FleetObserver* next = nullptr;

 private:
  void draw();
  int fd_;
  const std::vector<std::string>& names_;
  std::vector<std::chrono::steady_clock::time_point> started_at_;
  std::vector<bool> running_;
  ProgressCounts counts_;
  std::chrono::steady_clock::time_point begin_ = std::chrono::steady_clock::now();
  bool interrupted_ = false;
};

}  // namespace vty::cli
