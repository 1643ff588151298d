// Sleeping mutexes on top of std::timed_mutex, checked by lockdep and shown
// as "D (mutex_lock NAME)" while a thread waits for one.
#include "ukern/mutex.h"

#include <unistd.h>

#include <cerrno>
#include <new>

#include "kernel/debug/kapi_check.h"
#include "kernel/sched/thread_state.h"
#include "ukern/current.h"

using namespace ukern;

namespace {
// How often an interruptible wait looks at fatal_signal_pending().
constexpr auto kInterruptSlice = std::chrono::milliseconds(50);
}  // namespace

namespace ukern::detail {
void mutex_init_at(struct mutex* lock, const char* name, const char* file, int line) {
  new (lock) struct mutex(name, file, line);
}
}  // namespace ukern::detail

// A NULL lock is refused before lockdep takes its own lock (a fault there
// would leave lockdep's lock held for good).
extern "C" void mutex_lock(struct mutex* lock) {
  if (kapi_warn_if(lock == nullptr, "mutex_lock", "NULL mutex")) return;
  detail::lockdep_acquire(lock->dep, lock, detail::LockKind::Mutex, false);
  if (!lock->m.try_lock()) {
    ThreadState& ts = this_thread_state();
    ts.begin_sleep(SleepState::Uninterruptible, "mutex_lock", lock->dep.name);
    lock->m.lock();
    ts.end_sleep();
  }
  lock->owner.store(this_thread_state().tid, std::memory_order_relaxed);
}

extern "C" int mutex_lock_interruptible(struct mutex* lock) {
  if (kapi_warn_if(lock == nullptr, "mutex_lock_interruptible", "NULL mutex")) return -EINVAL;
  detail::lockdep_acquire(lock->dep, lock, detail::LockKind::Mutex, false);
  if (!lock->m.try_lock()) {
    ThreadState& ts = this_thread_state();
    ts.begin_sleep(SleepState::Interruptible, "mutex_lock_interruptible", lock->dep.name);
    bool got = false;
    while (!(got = lock->m.try_lock_for(kInterruptSlice)))
      if (fatal_signal_pending()) break;
    ts.end_sleep();
    if (!got) {
      detail::lockdep_release(lock->dep, lock, detail::LockKind::Mutex);
      return -EINTR;
    }
  }
  lock->owner.store(this_thread_state().tid, std::memory_order_relaxed);
  return 0;
}

extern "C" int mutex_trylock(struct mutex* lock) {
  if (kapi_warn_if(lock == nullptr, "mutex_trylock", "NULL mutex")) return 0;
  if (!lock->m.try_lock()) return 0;
  detail::lockdep_acquire(lock->dep, lock, detail::LockKind::Mutex, true);
  lock->owner.store(this_thread_state().tid, std::memory_order_relaxed);
  return 1;
}

extern "C" void mutex_unlock(struct mutex* lock) {
  if (kapi_warn_if(lock == nullptr, "mutex_unlock", "NULL mutex")) return;
  // Unlocking a mutex this thread does not hold is reported and ignored
  // (releasing another thread's std::mutex is undefined behaviour).
  if (!detail::lockdep_release(lock->dep, lock, detail::LockKind::Mutex)) return;
  lock->owner.store(0, std::memory_order_relaxed);
  lock->m.unlock();
}

extern "C" bool mutex_is_locked(struct mutex* lock) { return lock->owner.load(std::memory_order_relaxed) != 0; }
