/*
 * Delays (linux/delay.h), in kernel time. msleep/ssleep sleep (no CPU
 * used) and end at once when the kthread is stopped or the calling program
 * killed; udelay/mdelay busy-wait (allowed under a spinlock). Sleeping with
 * a spinlock held is reported by lockdep.
 */
#ifndef _UKERN_LINUX_DELAY_H
#define _UKERN_LINUX_DELAY_H

#include <linux/kernel.h>

void msleep(unsigned int msecs);
void ssleep(unsigned int seconds);
/* Returns the milliseconds left when woken early, else 0. */
unsigned long msleep_interruptible(unsigned int msecs);
void usleep_range(unsigned long min_us, unsigned long max_us);
#define fsleep(us) usleep_range(us, us)
void udelay(unsigned long usecs);
void mdelay(unsigned long msecs);
#define ndelay(ns) udelay(((ns) + 999) / 1000)

#endif
