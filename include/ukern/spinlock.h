// Spinlocks, as in Linux, with RAII guards.
//
//   static DEFINE_SPINLOCK(stats_lock);
//   { ukern::SpinGuard g(stats_lock); counter++; }
//
// A spinlock protects a few instructions: never sleep while holding one
// (msleep, wait_event, mutex_lock, kmalloc that may sleep): lockdep reports
// "BUG: sleeping function called from invalid context". There are no
// interrupts in ukern, so the _irq/_irqsave/_bh variants are the same lock
// (flags is set to 0). Lock order is validated like mutexes.
#pragma once
#include <atomic>

#include "ukern/lockdep.h"

struct spinlock {
  spinlock(const char* name = "spinlock", const char* file = "?", int line = 0) : dep{name, file, line} {}
  spinlock(const spinlock&) = delete;
  spinlock& operator=(const spinlock&) = delete;
  void lock();
  void unlock();
  bool try_lock();

  std::atomic<int> locked{0};
  ukern::detail::LockdepMap dep;
};
typedef struct spinlock spinlock_t;

#define DEFINE_SPINLOCK(name) spinlock_t name(#name, __FILE__, __LINE__)
/// (Re)initialises a spinlock in place; unlocked.
#define spin_lock_init(lock) ::ukern::detail::spin_lock_init_at((lock), #lock, __FILE__, __LINE__)

/// Takes the lock, spinning (then yielding the CPU) until it is free.
extern "C" void spin_lock(spinlock_t* lock);
/// Releases it.
extern "C" void spin_unlock(spinlock_t* lock);
/// 1 if taken, 0 if busy.
extern "C" int spin_trylock(spinlock_t* lock);
extern "C" bool spin_is_locked(spinlock_t* lock);

#define spin_lock_irqsave(lock, flags) \
  do {                                 \
    (flags) = 0;                       \
    spin_lock(lock);                   \
  } while (0)
#define spin_unlock_irqrestore(lock, flags) \
  do {                                      \
    (void)(flags);                          \
    spin_unlock(lock);                      \
  } while (0)
#define spin_lock_irq(lock) spin_lock(lock)
#define spin_unlock_irq(lock) spin_unlock(lock)
#define spin_lock_bh(lock) spin_lock(lock)
#define spin_unlock_bh(lock) spin_unlock(lock)

inline void spinlock::lock() { spin_lock(this); }
inline void spinlock::unlock() { spin_unlock(this); }
inline bool spinlock::try_lock() { return spin_trylock(this) != 0; }

namespace ukern {
namespace detail {
void spin_lock_init_at(spinlock_t* lock, const char* name, const char* file, int line);
}
/// Holds a spinlock for a scope.
class SpinGuard {
 public:
  explicit SpinGuard(spinlock_t& l) : l_(l) { spin_lock(&l_); }
  explicit SpinGuard(spinlock_t* l) : SpinGuard(*l) {}
  ~SpinGuard() { spin_unlock(&l_); }
  SpinGuard(const SpinGuard&) = delete;
  SpinGuard& operator=(const SpinGuard&) = delete;

 private:
  spinlock_t& l_;
};
}  // namespace ukern
