// The configuration of one simulated device, shared by all its sessions: the running and
// startup configurations, the rollback history, and a commit-confirmed waiting to be
// confirmed. A confirmed commit that is not confirmed in time is rolled back the next time
// any session looks at the store (the effect a user can observe is the same as a timer's).
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace vty::sim {

class ConfigStore {
 public:
  using Clock = std::chrono::steady_clock;
  using Lines = std::vector<std::string>;

  // One minute of `commit confirmed N` lasts `minute` (a simulator option for tests).
  explicit ConfigStore(std::chrono::milliseconds minute = std::chrono::minutes(1))
      : minute_(minute) {}

  Lines running();
  Lines startup();
  // Rollback n: 0 is the running configuration, 1 the one before the last commit, ...
  std::optional<Lines> rollback(std::size_t n);
  // Replaces the running configuration, keeping the old one in the history. With
  // `confirm_seconds` > 0, the old one comes back unless confirm() is called in time (a
  // simulated minute lasts `minute`, a second a sixtieth of it).
  void commit(Lines lines, int confirm_seconds = 0);
  // A line typed in a configuration mode without a candidate: it applies at once (no
  // history, as IOS keeps none of its own).
  void apply(std::string line);
  // Confirms a pending commit-confirmed; false when none was pending.
  bool confirm();
  bool confirm_pending();
  void save();
  // Arms a confirm timer without changing anything yet (IOS `configure terminal revert
  // timer`): what the running configuration is now comes back unless confirm() in time.
  void arm_revert(int confirm_seconds);
  // Files on the device's flash (IOS-XE flash:, NX-OS bootflash:), written from tclsh and
  // read by configure replace; the archive's copies are files too. A name not found is
  // looked up again without its file system ("checkpoint:NAME" finds NAME).
  void write_file(const std::string& name, Lines lines);
  std::optional<Lines> file(const std::string& name);
  bool delete_file(const std::string& name);
  // The configuration archive (IOS `archive config`, NX-OS `checkpoint`, EOS `configure
  // checkpoint save`): the running configuration saved as file `name` with "{n}" replaced
  // by the copy's number (1, 2, ...); at `maximum` copies the oldest goes. Returns the name.
  std::string archive(const std::string& name, std::size_t maximum);
  // The archive's slots in order (slot k holds copy k, k + maximum, ...; "" when empty) and
  // the newest one's slot.
  std::vector<std::string> archive_slots(std::size_t& newest);
  // The exclusive configuration lock (configure exclusive): false when another holds it.
  bool lock(const void* owner);
  void unlock(const void* owner);

 private:
  void expire_locked();
  void replace_locked(Lines lines);

  std::mutex mutex_;
  std::chrono::milliseconds minute_;
  Lines running_;
  Lines startup_;
  std::deque<Lines> history_;  // history_[0] is rollback 1
  std::optional<Clock::time_point> deadline_;
  const void* lock_owner_ = nullptr;
  std::map<std::string, Lines, std::less<>> files_;
  std::vector<std::string> archive_;  // archive_[k] is the name in slot k
  std::size_t archived_ = 0;          // copies saved so far
};

}  // namespace vty::sim
