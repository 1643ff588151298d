// Spinlocks: an atomic flag, spinning briefly and then yielding the CPU (the
// machine has few cores; a holder preempted by the host must get to run).
#include "ukern/spinlock.h"

#include <sched.h>

#include <new>

#include "kernel/debug/kapi_check.h"
#include "kernel/sched/thread_state.h"

using namespace ukern;

namespace ukern::detail {
void spin_lock_init_at(spinlock_t* lock, const char* name, const char* file, int line) {
  new (lock) spinlock_t(name, file, line);
}
}  // namespace ukern::detail

namespace {
bool try_take(spinlock_t* l) {
  return l->locked.load(std::memory_order_relaxed) == 0 && l->locked.exchange(1, std::memory_order_acquire) == 0;
}
}  // namespace

extern "C" void spin_lock(spinlock_t* lock) {
  if (kapi_warn_if(lock == nullptr, "spin_lock", "NULL spinlock")) return;
  detail::lockdep_acquire(lock->dep, lock, detail::LockKind::Spin, false);
  for (int spins = 0; !try_take(lock); ++spins) {
    if (spins < 100) __builtin_ia32_pause();
    else sched_yield();
  }
  ++this_thread_state().spin_depth;
}

extern "C" int spin_trylock(spinlock_t* lock) {
  if (kapi_warn_if(lock == nullptr, "spin_trylock", "NULL spinlock")) return 0;
  if (!try_take(lock)) return 0;
  detail::lockdep_acquire(lock->dep, lock, detail::LockKind::Spin, true);
  ++this_thread_state().spin_depth;
  return 1;
}

extern "C" void spin_unlock(spinlock_t* lock) {
  if (kapi_warn_if(lock == nullptr, "spin_unlock", "NULL spinlock")) return;
  if (!detail::lockdep_release(lock->dep, lock, detail::LockKind::Spin)) return;  // reported
  ThreadState& ts = this_thread_state();
  if (ts.spin_depth > 0) --ts.spin_depth;
  lock->locked.store(0, std::memory_order_release);
}

extern "C" bool spin_is_locked(spinlock_t* lock) { return lock->locked.load(std::memory_order_relaxed) != 0; }
