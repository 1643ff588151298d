// What the kernel knows about each of ukernd's threads that sleeps or takes
// locks: how to wake it, what it sleeps on and since when (for `ukern ps`,
// the hung-task detector and sysrq), and the locks it holds (for lockdep).
#pragma once
#include <pthread.h>
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "ukern/current.h"
#include "ukern/lockdep.h"

struct task_struct;

namespace ukern {

enum class SleepState { Running, Uninterruptible, Interruptible };

struct HeldLock {
  const void* lock;
  int cls;
  detail::LockKind kind;
  int64_t since_ns;
};

class ThreadState {
 public:
  ThreadState();
  ~ThreadState();

  const pid_t tid;
  const pthread_t thread;

  /// Wakes the thread from its current sleep (it re-checks what it waits for).
  void wake();
  /// Sleeps until woken (0), the host deadline passes (-ETIMEDOUT), or, when
  /// `interruptible`, fatal_signal_pending() (-ERESTARTSYS). A caller's sleep
  /// wakes every 100 ms to notice a killed caller.
  int sleep(std::optional<std::chrono::steady_clock::time_point> deadline, bool interruptible);
  /// Clears a pending wake-up.
  void clear_wake();

  /// Marks the start and end of a sleep for reports; `what` must outlive it.
  void begin_sleep(SleepState s, const char* what, const char* on);
  void end_sleep();

  // Guarded by mu.
  std::mutex mu;
  std::condition_variable cv;
  bool woken = false;
  SleepState state = SleepState::Running;
  const char* what = nullptr;  // "msleep", "wait_event", "mutex_lock"
  const char* on = nullptr;    // wait queue / lock name, or nullptr
  int64_t since_ns = 0;        // kernel clock
  uint64_t episode = 0;        // bumped on every sleep
  Task* task = nullptr;        // current() during the sleep
  ::task_struct* kthread = nullptr;  // set for the life of a kernel thread
  std::vector<HeldLock> held;  // lockdep's held-lock stack

  // Only touched by the thread itself.
  int spin_depth = 0;
};

/// Threads sleeping uninterruptibly right now (what the hung-task detector
/// watches), and a hook called when that number rises from 0 (the detector
/// sleeps while there is nothing to watch).
int uninterruptible_sleepers();
void set_uninterruptible_hook(void (*first_sleeper)());

/// The calling thread's state (created and registered on first use).
ThreadState& this_thread_state();
/// Calls fn on every registered thread under the registry lock (fn may lock
/// the thread's mu, not the registry).
void for_each_thread_state(const std::function<void(ThreadState&)>& fn);

/// A snapshot of one thread for reports.
struct ThreadSnapshot {
  pid_t tid;
  std::string name;  // host thread name
  SleepState state;
  std::string what;  // "msleep", "wait_event_interruptible q"
  int64_t sleeping_ns;
  uint64_t episode;
  std::string task;  // "pid 123 (prog) syscall 600" or the kthread's name
  std::vector<HeldLock> held;
  bool is_kthread;
  pid_t caller_tid;  // the user thread whose system call this thread serves, or 0
};
std::vector<ThreadSnapshot> thread_snapshots();
/// "D (msleep)" / "S (wait_event_interruptible q)" / "R".
std::string sleep_state_text(SleepState s);

}  // namespace ukern
