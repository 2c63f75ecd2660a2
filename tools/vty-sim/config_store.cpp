#include "vty-sim/config_store.hpp"

#include <algorithm>

namespace vty::sim {
namespace {
// Junos keeps 50 rollback configurations (Junos CLI User Guide, "rollback"); so do we.
constexpr std::size_t kHistory = 49;
}  // namespace

ConfigStore::Lines ConfigStore::running() {
  std::lock_guard lock(mutex_);
  expire_locked();
  return running_;
}

ConfigStore::Lines ConfigStore::startup() {
  std::lock_guard lock(mutex_);
  return startup_;
}

std::optional<ConfigStore::Lines> ConfigStore::rollback(std::size_t n) {
  std::lock_guard lock(mutex_);
  expire_locked();
  if (n == 0) return running_;
  if (n > history_.size()) return std::nullopt;
  return history_[n - 1];
}

void ConfigStore::commit(Lines lines, int confirm_seconds) {
  std::lock_guard lock(mutex_);
  expire_locked();
  replace_locked(std::move(lines));
  if (confirm_seconds > 0) {
    deadline_ = Clock::now() + confirm_seconds * minute_ / 60;
  } else {
    deadline_.reset();  // a plain commit confirms a pending one (Junos, IOS XR, EOS)
  }
}

void ConfigStore::apply(std::string line) {
  std::lock_guard lock(mutex_);
  expire_locked();
  // A top-level line the configuration has already changes nothing (`hostname X` twice).
  bool top = !line.empty() && line.front() != ' ';
  if (top && std::find(running_.begin(), running_.end(), line) != running_.end()) return;
  running_.push_back(std::move(line));
}

bool ConfigStore::confirm() {
  std::lock_guard lock(mutex_);
  expire_locked();
  bool pending = deadline_.has_value();
  deadline_.reset();
  return pending;
}

bool ConfigStore::confirm_pending() {
  std::lock_guard lock(mutex_);
  expire_locked();
  return deadline_.has_value();
}

void ConfigStore::save() {
  std::lock_guard lock(mutex_);
  expire_locked();
  startup_ = running_;
}

void ConfigStore::arm_revert(int confirm_seconds) {
  std::lock_guard lock(mutex_);
  expire_locked();
  replace_locked(running_);
  deadline_ = Clock::now() + confirm_seconds * minute_ / 60;
}

void ConfigStore::write_file(const std::string& name, Lines lines) {
  std::lock_guard lock(mutex_);
  files_[name] = std::move(lines);
}

std::optional<ConfigStore::Lines> ConfigStore::file(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto found = files_.find(name);
  if (found == files_.end() && name.find(':') != std::string::npos)
    found = files_.find(std::string_view(name).substr(name.find(':') + 1));
  if (found == files_.end()) return std::nullopt;
  return found->second;
}

bool ConfigStore::delete_file(const std::string& name) {
  std::lock_guard lock(mutex_);
  return files_.erase(name) > 0;
}

std::string ConfigStore::archive(const std::string& name, std::size_t maximum) {
  std::lock_guard lock(mutex_);
  expire_locked();
  ++archived_;
  std::string saved = name;
  std::string number = std::to_string(archived_);
  if (auto at = saved.find("{n}"); at != std::string::npos) saved.replace(at, 3, number);
  archive_.resize(maximum);
  std::string& slot = archive_[(archived_ - 1) % maximum];
  if (!slot.empty()) files_.erase(slot);
  slot = saved;
  files_[saved] = running_;
  return saved;
}

std::vector<std::string> ConfigStore::archive_slots(std::size_t& newest) {
  std::lock_guard lock(mutex_);
  newest = archive_.empty() ? 0 : (archived_ - 1) % archive_.size();
  return archive_;
}

bool ConfigStore::lock(const void* owner) {
  std::lock_guard lock(mutex_);
  if (lock_owner_ && lock_owner_ != owner) return false;
  lock_owner_ = owner;
  return true;
}

void ConfigStore::unlock(const void* owner) {
  std::lock_guard lock(mutex_);
  if (lock_owner_ == owner) lock_owner_ = nullptr;
}

void ConfigStore::expire_locked() {
  if (!deadline_ || Clock::now() < *deadline_) return;
  deadline_.reset();
  // The device loads the configuration from before the unconfirmed commit and commits it.
  if (!history_.empty()) replace_locked(history_.front());
}

void ConfigStore::replace_locked(Lines lines) {
  history_.push_front(std::move(running_));
  if (history_.size() > kHistory) history_.pop_back();
  running_ = std::move(lines);
}

}  // namespace vty::sim
