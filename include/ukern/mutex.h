// Sleeping locks, as in Linux, with RAII guards.
//
//   static DEFINE_MUTEX(floors_lock);
//   { ukern::MutexGuard g(floors_lock); ... }      // preferred
//   mutex_lock(&floors_lock); ...; mutex_unlock(&floors_lock);
//
// A mutex may be held across sleeps (msleep, wait_event); it must be released
// by the thread that took it, and never taken while a spinlock is held. The
// lock-order validator (lockdep) checks every acquisition: taking A then B in
// one place and B then A in another is reported as a "possible circular
// locking dependency" the first time both orders have been seen, before any
// deadlock can happen.
#pragma once
#include <sys/types.h>

#include <atomic>
#include <mutex>

#include "ukern/lockdep.h"

struct mutex {
  mutex(const char* name = "mutex", const char* file = "?", int line = 0) : dep{name, file, line} {}
  mutex(const mutex&) = delete;
  mutex& operator=(const mutex&) = delete;
  /// For std::lock_guard / std::unique_lock / std::scoped_lock.
  void lock();
  void unlock();
  bool try_lock();

  std::timed_mutex m;
  std::atomic<pid_t> owner{0};  // host tid of the holder, 0 when free
  ukern::detail::LockdepMap dep;
};

/// Defines a mutex `name`, unlocked.
#define DEFINE_MUTEX(name) struct mutex name(#name, __FILE__, __LINE__)
/// (Re)initialises a mutex in place (e.g. in kmalloc'ed memory); unlocked.
#define mutex_init(lock) ::ukern::detail::mutex_init_at((lock), #lock, __FILE__, __LINE__)

/// Takes the mutex, sleeping until it is free (uninterruptible).
extern "C" void mutex_lock(struct mutex* lock);
/// Takes the mutex; returns 0, or -EINTR if the task was interrupted (caller
/// killed, kthread_stop) while waiting.
extern "C" int mutex_lock_interruptible(struct mutex* lock);
#define mutex_lock_killable(lock) mutex_lock_interruptible(lock)
/// Takes the mutex if free: 1 on success, 0 if it is held. Never sleeps.
extern "C" int mutex_trylock(struct mutex* lock);
/// Releases the mutex (must be held by this thread).
extern "C" void mutex_unlock(struct mutex* lock);
/// True while some thread holds the mutex (a hint).
extern "C" bool mutex_is_locked(struct mutex* lock);

inline void mutex::lock() { mutex_lock(this); }
inline void mutex::unlock() { mutex_unlock(this); }
inline bool mutex::try_lock() { return mutex_trylock(this) != 0; }

namespace ukern {
namespace detail {
void mutex_init_at(struct mutex* lock, const char* name, const char* file, int line);
}
/// Holds a mutex for a scope.
class MutexGuard {
 public:
  explicit MutexGuard(struct mutex& m) : m_(m) { mutex_lock(&m_); }
  explicit MutexGuard(struct mutex* m) : MutexGuard(*m) {}
  ~MutexGuard() { mutex_unlock(&m_); }
  MutexGuard(const MutexGuard&) = delete;
  MutexGuard& operator=(const MutexGuard&) = delete;

 private:
  struct mutex& m_;
};
}  // namespace ukern
