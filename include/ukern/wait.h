// Wait queues: sleep until a condition holds, as in Linux.
//
//   static DECLARE_WAIT_QUEUE_HEAD(floor_changed);
//   sleeper:  wait_event_interruptible(floor_changed, elevator.floor == want || kthread_should_stop());
//   waker:    change the condition first (under the lock that guards it),
//             then wake_up(&floor_changed).
//
// The waker's duty: wake_up only after the condition changed. The macros
// evaluate the condition again after every wake-up (and before sleeping), so
// a wake-up that comes between the check and the sleep is never lost, and a
// wake-up whose condition is still false just sends the sleeper back to sleep.
// The condition is read without any lock held: protect what it reads (atomic
// variables, or a mutex taken inside the condition expression).
//
// Interruptible waits return -ERESTARTSYS when fatal_signal_pending(): the
// caller of this system call was killed, or this kernel thread is being
// stopped (kthread_stop wakes the queue its thread sleeps on at once), or
// (system call) the module is being unloaded.
// Uninterruptible waits (wait_event, wait_event_timeout) are woken by
// kthread_stop too, so a condition that includes kthread_should_stop() ends
// them. A sleeping thread uses no CPU. Never sleep holding a spinlock.
#pragma once
#include <cerrno>
#include <cstdint>
#include <mutex>

#include "ukern/ktime.h"

#ifndef ERESTARTSYS
/// "Restart the system call": what interruptible sleeps return when interrupted.
#define ERESTARTSYS 512
#endif

namespace ukern::detail {
/// One sleeper's link in a wait queue (lives on the sleeper's stack).
struct WaitEntry {
  WaitEntry* prev;
  WaitEntry* next;
  void* thread;  // the sleeping thread's state (kernel-internal)
};
}  // namespace ukern::detail

/// The head of a wait queue. Not copyable; may live in static storage, in a
/// struct, or in kmalloc'ed memory (then call init_waitqueue_head first).
struct wait_queue_head {
  explicit wait_queue_head(const char* n = "wait_queue") : name(n) { head.prev = head.next = &head; }
  wait_queue_head(const wait_queue_head&) = delete;
  wait_queue_head& operator=(const wait_queue_head&) = delete;

  std::mutex lock;  // guards the list of sleepers
  ukern::detail::WaitEntry head{nullptr, nullptr, nullptr};
  const char* name;  // shown by `ukern ps` and the hung-task report
};
typedef struct wait_queue_head wait_queue_head_t;

/// Defines and initialises a wait queue head `name`.
#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name{#name}
/// (Re)initialises a wait queue head in place; no one may be waiting on it.
#define init_waitqueue_head(wq) ::ukern::detail::waitqueue_init((wq), #wq)

/// Wakes every sleeper of `wq` (each re-checks its condition). Any context,
/// including under a spinlock; never sleeps.
extern "C" void __wake_up(wait_queue_head_t* wq);
#define wake_up(wq) __wake_up(wq)
#define wake_up_all(wq) __wake_up(wq)
#define wake_up_interruptible(wq) __wake_up(wq)
#define wake_up_interruptible_all(wq) __wake_up(wq)
/// True when someone sleeps on `wq` right now (a hint: it may change at once).
extern "C" bool waitqueue_active(wait_queue_head_t* wq);

namespace ukern::detail {
void waitqueue_init(wait_queue_head_t* wq, const char* name);
/// Reports a sleep under a spinlock (lockdep's "sleeping function called
/// from invalid context"); `where` is the caller's file:line.
void might_sleep_at(const char* file, int line);

/// One wait on a queue, for the wait_event macros: enqueued from construction
/// to destruction. prepare() before each check of the condition, then sleep().
class WaitScope {
 public:
  /// timeout_jiffies < 0: no timeout.
  WaitScope(wait_queue_head_t* wq, bool interruptible, long timeout_jiffies, const char* what);
  ~WaitScope();
  WaitScope(const WaitScope&) = delete;
  WaitScope& operator=(const WaitScope&) = delete;
  /// Forgets earlier wake-ups: call before evaluating the condition.
  void prepare();
  /// Sleeps until a wake-up (0), the timeout (-ETIMEDOUT) or, if
  /// interruptible, an interruption (-ERESTARTSYS).
  int sleep();
  /// Jiffies left before the timeout, at least 1.
  long remaining() const;

 private:
  wait_queue_head_t* wq_;
  WaitEntry entry_;
  bool interruptible_;
  bool has_deadline_;
  int64_t deadline_ns_;  // kernel clock
  const char* what_;
};
}  // namespace ukern::detail

#define UKERN_MIGHT_SLEEP() ::ukern::detail::might_sleep_at(__FILE__, __LINE__)
/// Reports (once per place) if called with a spinlock held.
#define might_sleep() UKERN_MIGHT_SLEEP()

// The one sleep loop behind every wait_event variant. `timeout` is in
// jiffies, or -1 for none. The condition is checked before sleeping and
// again after every wake-up, so no wake-up is lost. Evaluates to:
//   - with a timeout: the jiffies left (at least 1) when the condition became
//     true, 0 when the timeout passed with it false;
//   - without: 0 when the condition became true;
//   - -ERESTARTSYS when an interruptible sleep was interrupted.
#define UKERN_WAIT_EVENT(wq, condition, interruptible, timeout, name)                          \
  ({                                                                                          \
    long ukern_timeout_ = static_cast<long>(timeout);                                          \
    long ukern_ret_ = ukern_timeout_ < 0 ? 0 : (ukern_timeout_ < 1 ? 1 : ukern_timeout_);      \
    UKERN_MIGHT_SLEEP();                                                                      \
    if (!(condition)) {                                                                       \
      ::ukern::detail::WaitScope ukern_ws_(&(wq), interruptible, ukern_timeout_, name);        \
      for (;;) {                                                                              \
        ukern_ws_.prepare();                                                                  \
        if (condition) {                                                                      \
          ukern_ret_ = ukern_timeout_ < 0 ? 0 : ukern_ws_.remaining();                        \
          break;                                                                              \
        }                                                                                     \
        int ukern_r_ = ukern_ws_.sleep();                                                     \
        if (ukern_r_ == -ETIMEDOUT) {                                                         \
          ukern_ret_ = (condition) ? 1 : 0;                                                   \
          break;                                                                              \
        }                                                                                     \
        if (ukern_r_ == -ERESTARTSYS) {                                                       \
          ukern_ret_ = -ERESTARTSYS;                                                          \
          break;                                                                              \
        }                                                                                     \
      }                                                                                       \
    }                                                                                         \
    ukern_ret_;                                                                               \
  })

/// Sleeps until `condition` is true. Uninterruptible: it only ends when the
/// condition holds (kthread_stop wakes it to re-check).
#define wait_event(wq, condition) \
  do {                            \
    (void)UKERN_WAIT_EVENT(wq, condition, false, -1, "wait_event"); \
  } while (0)

/// Sleeps until `condition` is true (0) or the task is interrupted
/// (-ERESTARTSYS: caller killed, or kthread_stop).
#define wait_event_interruptible(wq, condition) \
  static_cast<int>(UKERN_WAIT_EVENT(wq, condition, true, -1, "wait_event_interruptible"))
#define wait_event_killable(wq, condition) wait_event_interruptible(wq, condition)

/// Sleeps until `condition` is true or `timeout` jiffies pass. Returns 0 if
/// the timeout passed with the condition false, else the jiffies left (>= 1).
#define wait_event_timeout(wq, condition, timeout) \
  UKERN_WAIT_EVENT(wq, condition, false, timeout, "wait_event_timeout")

/// wait_event_timeout that also returns -ERESTARTSYS when interrupted.
#define wait_event_interruptible_timeout(wq, condition, timeout) \
  UKERN_WAIT_EVENT(wq, condition, true, timeout, "wait_event_interruptible_timeout")
