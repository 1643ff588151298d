// `current`: the task on whose behalf kernel code runs.
//
// In a system call it is the calling thread of the user program (its
// "process context"); in a kernel thread it is that kernel thread.
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <string>

namespace ukern {

class Task {
 public:
  /// True for a kernel thread, false for a user caller.
  virtual bool is_kthread() const = 0;
  /// Thread id (the caller's tid, or the kthread's host tid).
  virtual pid_t tid() const = 0;
  /// Process id (thread group) of the caller.
  virtual pid_t pid() const = 0;
  /// Real user id of the caller (0 for kernel threads).
  virtual uid_t uid() const = 0;
  /// Command name (/proc/PID/comm), or the kthread's name.
  virtual std::string comm() const = 0;
  /// True when a sleep on this task's behalf should end early: its caller
  /// was killed, or (kernel thread) kthread_stop was called.
  virtual bool interrupted() const = 0;

 protected:
  ~Task() = default;
};

/// The current task, never null inside kernel code (ukernd's own threads are
/// reported as the kernel task "swapper").
Task& current();

/// True when the task should abandon a sleep: the caller of this system call
/// was killed, or (in a kernel thread) kthread_stop was called.
bool fatal_signal_pending();

}  // namespace ukern
