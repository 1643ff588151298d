// Tasks the kernel runs on behalf of: user callers (one per system call in
// flight) and ukernd's own threads.
#pragma once
#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

#include "ukern/current.h"

namespace ukern {

/// The process context of one trapped system call.
class CallerTask final : public Task {
 public:
  CallerTask(pid_t tid, int listener_fd, uint64_t notif_id, int nr);
  ~CallerTask();
  CallerTask(const CallerTask&) = delete;
  CallerTask& operator=(const CallerTask&) = delete;
  bool is_kthread() const override { return false; }
  pid_t tid() const override { return tid_; }
  pid_t pid() const override;
  uid_t uid() const override;
  std::string comm() const override;
  bool interrupted() const override { return !notification_valid(); }

  /// True while the caller is still waiting for this call's reply (it has not
  /// been killed, and its pid has not been reused).
  bool notification_valid() const;
  int nr() const { return nr_; }
  uint64_t notif_id() const { return notif_id_; }
  /// The caller's memory (/proc/TID/mem), opened on first use and checked
  /// with SECCOMP_IOCTL_NOTIF_ID_VALID after opening, so it is the caller's
  /// and can never reach a process that later gets its pid; -1 when the
  /// caller is gone. Kept for the task's lifetime (one open per call).
  int memory_fd() const;
  int64_t start_ns() const { return start_ns_; }

 private:
  void load_status() const;

  pid_t tid_;
  int listener_fd_;
  uint64_t notif_id_;
  int nr_;
  int64_t start_ns_;
  mutable std::once_flag status_once_;
  mutable pid_t pid_ = -1;
  mutable uid_t uid_ = static_cast<uid_t>(-1);
  mutable std::once_flag mem_once_;
  mutable int mem_fd_ = -1;
};

/// ukernd's own threads (the control server, timers, ...): "swapper".
class KernelTask final : public Task {
 public:
  bool is_kthread() const override { return true; }
  pid_t tid() const override;
  pid_t pid() const override;
  uid_t uid() const override { return 0; }
  std::string comm() const override { return "swapper"; }
  bool interrupted() const override { return false; }
};

/// Installs `t` as `current` for this thread (nullptr restores the kernel task).
void set_current(Task* t);
/// `current` if it is a user caller, else nullptr.
CallerTask* current_caller();

/// Scoped set_current.
class CurrentScope {
 public:
  explicit CurrentScope(Task* t);
  ~CurrentScope();
  CurrentScope(const CurrentScope&) = delete;
  CurrentScope& operator=(const CurrentScope&) = delete;

 private:
  Task* prev_;
};

}  // namespace ukern
