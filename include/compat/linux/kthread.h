/*
 * Kernel threads (linux/kthread.h), on ukern's kthreads: each is a host
 * thread named after it (ps -L, top -H), listed by `ukern ps`; a fault in it
 * is an oops (the kernel serves on); threads a module leaves running at
 * rmmod are reported and stopped.
 *
 *   t = kthread_run(fn, data, "name");  if (IS_ERR(t)) return PTR_ERR(t);
 *   ...
 *   kthread_stop(t);   // kthread_should_stop() becomes true, sleeps end
 */
#ifndef _UKERN_LINUX_KTHREAD_H
#define _UKERN_LINUX_KTHREAD_H

#include <linux/err.h>
#include <linux/sched.h>

/* Creates a kernel thread that waits for wake_up_process before running
 * fn(data). ERR_PTR(-EAGAIN) when the host cannot start one. */
struct task_struct *kthread_create(int (*threadfn)(void *data), void *data, const char *namefmt, ...)
    __asm__("ukern_c_kthread_create") __printf(3, 4);
/* kthread_create + wake_up_process. */
struct task_struct *kthread_run(int (*threadfn)(void *data), void *data, const char *namefmt, ...)
    __asm__("ukern_c_kthread_run") __printf(3, 4);
/* In a kernel thread: true once kthread_stop was called on it. */
bool kthread_should_stop(void);
/* Makes kthread_should_stop() true, wakes the thread from any sleep, waits
 * for fn to return and returns its result (-EINTR when it never ran: stopped
 * before wake_up_process). Not from the thread itself. */
int kthread_stop(struct task_struct *k) __asm__("ukern_c_kthread_stop");
/* ukern has one CPU set: binding is accepted and ignored. */
static inline void kthread_bind(struct task_struct *k, unsigned int cpu) { (void)k; (void)cpu; }

#endif
