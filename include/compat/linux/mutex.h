/*
 * Sleeping locks (linux/mutex.h), on ukern's mutex: lockdep checks every
 * acquisition (lock-order inversions, recursive locking, a sleep under a
 * spinlock, an unlock by a thread that does not hold it), and a task that
 * waits too long for one shows in the hung-task report.
 *
 *   static DEFINE_MUTEX(lock);             // or: mutex_init(&dev->lock);
 *   mutex_lock(&lock); ...; mutex_unlock(&lock);
 *
 * A mutex in kmalloc'ed memory needs mutex_init before its first use.
 */
#ifndef _UKERN_LINUX_MUTEX_H
#define _UKERN_LINUX_MUTEX_H

#include <ukern_compat.h>
#include <linux/types.h>

struct mutex {
  struct ukern_compat_mutex ukern;
};

#define __MUTEX_INITIALIZER(name) { { UKERN_COMPAT_SITE(#name), { 0 } } }
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)
#define mutex_init(lock) ukern_c_mutex_init((lock), #lock, __FILE__, __LINE__)

void ukern_c_mutex_init(struct mutex *lock, const char *name, const char *file, int line);
/* Takes the mutex, sleeping until it is free. */
void mutex_lock(struct mutex *lock) __asm__("ukern_c_mutex_lock");
/* 0, or -EINTR when interrupted while waiting (kthread_stop, caller killed). */
int __must_check mutex_lock_interruptible(struct mutex *lock) __asm__("ukern_c_mutex_lock_interruptible");
int __must_check mutex_lock_killable(struct mutex *lock) __asm__("ukern_c_mutex_lock_interruptible");
/* 1 if taken, 0 if held by someone. Never sleeps. */
int mutex_trylock(struct mutex *lock) __asm__("ukern_c_mutex_trylock");
void mutex_unlock(struct mutex *lock) __asm__("ukern_c_mutex_unlock");
/* True while some task holds it (a hint). */
bool mutex_is_locked(struct mutex *lock) __asm__("ukern_c_mutex_is_locked");
/* Nothing to release on ukern; kept for Linux's shape. */
static inline void mutex_destroy(struct mutex *lock) { (void)lock; }
#define mutex_lock_nested(lock, subclass) mutex_lock(lock)

#endif
