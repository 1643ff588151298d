/*
 * Wait queues (linux/wait.h), on ukern's: sleep until a condition holds.
 *
 *   static DECLARE_WAIT_QUEUE_HEAD(wq);    // or: init_waitqueue_head(&dev->wq);
 *   sleeper: wait_event_interruptible(wq, done || kthread_should_stop());
 *   waker:   change the condition, then wake_up(&wq);
 *
 * The condition is checked before sleeping and after every wake-up, so a
 * wake-up is never lost. Interruptible waits return -ERESTARTSYS when the
 * calling program is killed or the kthread is stopped; kthread_stop wakes
 * every wait of its thread (so a condition with kthread_should_stop() ends
 * the uninterruptible ones too). A sleeping task uses no CPU and shows in
 * `ukern ps`, and in the hung-task report when it sleeps uninterruptibly
 * too long. Never sleep holding a spinlock (lockdep reports it).
 */
#ifndef _UKERN_LINUX_WAIT_H
#define _UKERN_LINUX_WAIT_H

#include <ukern_compat.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>

typedef struct wait_queue_head {
  struct ukern_compat_waitqueue ukern;
} wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { { UKERN_COMPAT_SITE(#name), { 0 } } }
#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define init_waitqueue_head(wq) ukern_c_init_waitqueue_head(&(wq)->ukern, #wq, __FILE__, __LINE__)

/* Wakes every sleeper of the queue (each re-checks its condition). Any
 * context, also under a spinlock. */
#define wake_up(wq) ukern_c_wake_up(&(wq)->ukern)
#define wake_up_all(wq) wake_up(wq)
#define wake_up_interruptible(wq) wake_up(wq)
#define wake_up_interruptible_all(wq) wake_up(wq)
#define wake_up_nr(wq, nr) wake_up(wq)
#define wake_up_interruptible_nr(wq, nr) wake_up(wq)
#define wake_up_locked(wq) wake_up(wq)
/* True while someone sleeps on the queue (a hint). */
#define waitqueue_active(wq) ukern_c_waitqueue_active(&(wq)->ukern)
#define wq_has_sleeper(wq) waitqueue_active(wq)

/* The one sleep loop behind every variant. `timeout` in jiffies, or -1.
 * Evaluates to: with a timeout, the jiffies left (>= 1) when the condition
 * became true, 0 when it timed out false; without one, 0; -ERESTARTSYS when
 * an interruptible sleep was interrupted. */
#define __ukern_wait_event(wq_head, condition, interruptible, timeout, what)              \
  ({                                                                                     \
    long __ukern_timeout = (long)(timeout);                                              \
    long __ukern_ret = __ukern_timeout < 0 ? 0 : (__ukern_timeout < 1 ? 1 : __ukern_timeout); \
    ukern_c_might_sleep(__FILE__, __LINE__);                                             \
    if (!(condition)) {                                                                  \
      struct ukern_compat_wait __ukern_w;                                                \
      ukern_c_wait_begin(&__ukern_w, &(wq_head).ukern, interruptible, __ukern_timeout, what); \
      for (;;) {                                                                         \
        int __ukern_r;                                                                   \
        ukern_c_wait_prepare(&__ukern_w);                                                \
        if (condition) {                                                                 \
          __ukern_ret = __ukern_timeout < 0 ? 0 : ukern_c_wait_remaining(&__ukern_w);    \
          break;                                                                         \
        }                                                                                \
        __ukern_r = ukern_c_wait_sleep(&__ukern_w);                                      \
        if (__ukern_r == -ETIMEDOUT) {                                                   \
          __ukern_ret = (condition) ? 1 : 0;                                             \
          break;                                                                         \
        }                                                                                \
        if (__ukern_r == -ERESTARTSYS) {                                                 \
          __ukern_ret = -ERESTARTSYS;                                                    \
          break;                                                                         \
        }                                                                                \
      }                                                                                  \
      ukern_c_wait_end(&__ukern_w);                                                      \
    }                                                                                    \
    __ukern_ret;                                                                         \
  })

/* Sleeps until `condition` is true (uninterruptible). */
#define wait_event(wq, condition)                                        \
  do {                                                                   \
    (void)__ukern_wait_event(wq, condition, 0, -1, "wait_event");        \
  } while (0)
#define wait_event_idle(wq, condition) wait_event(wq, condition)
/* 0 once `condition` is true, -ERESTARTSYS when interrupted. */
#define wait_event_interruptible(wq, condition) \
  ({ int __ukern_wr = (int)__ukern_wait_event(wq, condition, 1, -1, "wait_event_interruptible"); __ukern_wr; })
#define wait_event_killable(wq, condition) \
  ({ int __ukern_wr = (int)__ukern_wait_event(wq, condition, 1, -1, "wait_event_killable"); __ukern_wr; })
#define wait_event_interruptible_exclusive(wq, condition) wait_event_interruptible(wq, condition)
/* 0 when `timeout` jiffies passed with the condition false, else the
 * jiffies left (>= 1). */
#define wait_event_timeout(wq, condition, timeout) \
  __ukern_wait_event(wq, condition, 0, timeout, "wait_event_timeout")
#define wait_event_idle_timeout(wq, condition, timeout) wait_event_timeout(wq, condition, timeout)
/* wait_event_timeout that returns -ERESTARTSYS when interrupted. */
#define wait_event_interruptible_timeout(wq, condition, timeout) \
  __ukern_wait_event(wq, condition, 1, timeout, "wait_event_interruptible_timeout")
#define wait_event_killable_timeout(wq, condition, timeout) \
  wait_event_interruptible_timeout(wq, condition, timeout)

#endif
