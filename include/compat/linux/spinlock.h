/*
 * Spinlocks (linux/spinlock.h), on ukern's spinlock: lock order is checked
 * by lockdep, and sleeping while holding one (msleep, mutex_lock,
 * wait_event, kmalloc(GFP_KERNEL)) is reported as "BUG: sleeping function
 * called from invalid context". There are no interrupts in ukern: the
 * _irq/_irqsave/_bh forms are the same lock (flags is set to 0).
 */
#ifndef _UKERN_LINUX_SPINLOCK_H
#define _UKERN_LINUX_SPINLOCK_H

#include <ukern_compat.h>
#include <linux/types.h>

typedef struct spinlock {
  struct ukern_compat_spinlock ukern;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name) { { UKERN_COMPAT_SITE(#name), { 0 } } }
#define DEFINE_SPINLOCK(name) spinlock_t name = __SPIN_LOCK_UNLOCKED(name)
#define spin_lock_init(lock) ukern_c_spin_lock_init((lock), #lock, __FILE__, __LINE__)

void ukern_c_spin_lock_init(spinlock_t *lock, const char *name, const char *file, int line);
void spin_lock(spinlock_t *lock) __asm__("ukern_c_spin_lock");
void spin_unlock(spinlock_t *lock) __asm__("ukern_c_spin_unlock");
/* 1 if taken, 0 if busy. */
int spin_trylock(spinlock_t *lock) __asm__("ukern_c_spin_trylock");
int spin_is_locked(spinlock_t *lock) __asm__("ukern_c_spin_is_locked");

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
#define spin_trylock_irqsave(lock, flags) ({ (flags) = 0; spin_trylock(lock); })
#define spin_lock_irq(lock) spin_lock(lock)
#define spin_unlock_irq(lock) spin_unlock(lock)
#define spin_lock_bh(lock) spin_lock(lock)
#define spin_unlock_bh(lock) spin_unlock(lock)
#define assert_spin_locked(lock) WARN_ON(!spin_is_locked(lock))

#endif
