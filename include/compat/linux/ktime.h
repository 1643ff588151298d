/* ktime_t: nanoseconds of kernel time (linux/ktime.h). */
#ifndef _UKERN_LINUX_KTIME_H
#define _UKERN_LINUX_KTIME_H

#include <linux/jiffies.h>
#include <linux/time64.h>
#include <linux/types.h>

/* Kernel time since boot in nanoseconds (monotonic). */
ktime_t ktime_get(void);
u64 ktime_get_ns(void);
time64_t ktime_get_seconds(void);
static inline u64 ktime_get_boottime_ns(void) { return ktime_get_ns(); }

static inline ktime_t ktime_set(s64 secs, unsigned long nsecs) { return secs * NSEC_PER_SEC + (s64)nsecs; }
static inline ktime_t ktime_add(ktime_t a, ktime_t b) { return a + b; }
static inline ktime_t ktime_sub(ktime_t a, ktime_t b) { return a - b; }
static inline ktime_t ktime_add_ns(ktime_t t, u64 ns) { return t + (s64)ns; }
static inline s64 ktime_to_ns(ktime_t t) { return t; }
static inline s64 ktime_to_us(ktime_t t) { return t / NSEC_PER_USEC; }
static inline s64 ktime_to_ms(ktime_t t) { return t / NSEC_PER_MSEC; }
static inline ktime_t ns_to_ktime(u64 ns) { return (ktime_t)ns; }
static inline ktime_t ms_to_ktime(u64 ms) { return (ktime_t)ms * NSEC_PER_MSEC; }
static inline s64 ktime_ms_delta(ktime_t later, ktime_t earlier) { return ktime_to_ms(later - earlier); }
static inline s64 ktime_us_delta(ktime_t later, ktime_t earlier) { return ktime_to_us(later - earlier); }
static inline struct timespec64 ktime_to_timespec64(ktime_t t) { return ns_to_timespec64(t); }

#endif
