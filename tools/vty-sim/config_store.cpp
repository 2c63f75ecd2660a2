#include "vty-sim/config_store.hpp"

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
