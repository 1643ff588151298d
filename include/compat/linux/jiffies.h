/*
 * jiffies and HZ (linux/jiffies.h). HZ is 1000: one jiffy is a millisecond
 * of kernel time (`ukern up --time-scale F` runs kernel time F times as
 * fast as the host's, and every sleep and timeout with it).
 */
#ifndef _UKERN_LINUX_JIFFIES_H
#define _UKERN_LINUX_JIFFIES_H

#include <linux/types.h>

#define HZ 1000
#define MAX_JIFFY_OFFSET ((long)(~0UL >> 1) - 1)
#define MAX_SCHEDULE_TIMEOUT ((long)(~0UL >> 1))

/* Jiffies since boot; read through the `jiffies` macro. */
unsigned long ukern_jiffies(void);
#define jiffies (ukern_jiffies())
#define jiffies_64 ((u64)ukern_jiffies())
static inline u64 get_jiffies_64(void) { return ukern_jiffies(); }

static inline unsigned long msecs_to_jiffies(unsigned int ms) { return ms; }
static inline unsigned long usecs_to_jiffies(unsigned int us) { return (us + 999UL) / 1000UL; }
static inline unsigned long nsecs_to_jiffies(u64 ns) { return (unsigned long)(ns / 1000000ULL); }
static inline unsigned int jiffies_to_msecs(unsigned long j) { return (unsigned int)j; }
static inline unsigned int jiffies_to_usecs(unsigned long j) { return (unsigned int)(j * 1000UL); }
static inline u64 jiffies_to_nsecs(unsigned long j) { return (u64)j * 1000000ULL; }

/* Wrap-safe comparisons: true when `a` is after `b`. */
#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b) time_after_eq(b, a)
#define time_in_range(a, b, c) (time_after_eq(a, b) && time_before_eq(a, c))
#define time_is_before_jiffies(a) time_after(jiffies, a)
#define time_is_after_jiffies(a) time_before(jiffies, a)

#endif
