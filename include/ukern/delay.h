// Sleeping for a while, in kernel time (`ukern up --time-scale F` makes every
// sleep F times shorter on the host clock).
//
// A sleep ends early when fatal_signal_pending() becomes true: in a kernel
// thread that is kthread_stop(), in a system call it is the caller being
// killed. A sleeping thread uses no CPU. Never call these with a spinlock
// held (lockdep reports "sleeping function called from invalid context").
#pragma once

/// Sleeps `ms` milliseconds of kernel time (uninterruptible, like Linux, but
/// it ends at once when the kthread is stopped or the caller killed).
extern "C" void msleep(unsigned int ms);
/// Sleeps `s` seconds of kernel time; ends early like msleep.
extern "C" void ssleep(unsigned int s);
/// Like msleep; returns the milliseconds left when it ended early, else 0.
extern "C" unsigned long msleep_interruptible(unsigned int ms);
/// Sleeps between min and max microseconds of kernel time (sleeps `min`).
extern "C" void usleep_range(unsigned long min_us, unsigned long max_us);
/// Busy-waits (no sleep: allowed under a spinlock); for a few microseconds only.
extern "C" void udelay(unsigned long us);
extern "C" void mdelay(unsigned long ms);

/// Sleeps `timeout` jiffies; returns the jiffies left when it ended early
/// (kthread_stop, caller killed), else 0.
extern "C" long schedule_timeout_interruptible(long timeout);
extern "C" long schedule_timeout_uninterruptible(long timeout);
/// Gives the CPU to another thread for a moment (sched_yield). A loop around
/// it still uses a whole CPU: sleep on a wait queue instead.
extern "C" void schedule(void);
#define cond_resched() schedule()
