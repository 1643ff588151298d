// The kernel clock as modules see it: ktime (nanoseconds since boot),
// jiffies (HZ ticks per second of kernel time) and the usual conversions.
//
// All of it is kernel time: `ukern up --time-scale F` makes it run F times as
// fast as the host clock, so every sleep, timeout and timer shrinks with it.
// HZ is 1000: one jiffy is one millisecond of kernel time.
#pragma once
#include <cstdint>

/// Nanoseconds of kernel time.
using ktime_t = int64_t;

#define HZ 1000
#define NSEC_PER_SEC 1000000000LL
#define NSEC_PER_MSEC 1000000LL
#define NSEC_PER_USEC 1000LL
#define MSEC_PER_SEC 1000L
#define USEC_PER_SEC 1000000L
#define MAX_SCHEDULE_TIMEOUT (~0UL >> 1)

/// Kernel time since boot, in nanoseconds (monotonic, scaled). Lock-free.
extern "C" ktime_t ktime_get(void);
/// Same as ktime_get(), as an unsigned 64-bit count.
extern "C" uint64_t ktime_get_ns(void);
/// Kernel time since boot in seconds (like ktime_get_seconds / get_seconds).
extern "C" int64_t ktime_get_seconds(void);
/// Jiffies since boot: kernel milliseconds (HZ = 1000). Use the `jiffies` macro.
extern "C" unsigned long ukern_jiffies(void);
#define jiffies (ukern_jiffies())

inline ktime_t ktime_add_ns(ktime_t t, int64_t ns) { return t + ns; }
inline ktime_t ktime_sub(ktime_t a, ktime_t b) { return a - b; }
inline int64_t ktime_to_ns(ktime_t t) { return t; }
inline int64_t ktime_to_us(ktime_t t) { return t / NSEC_PER_USEC; }
inline int64_t ktime_to_ms(ktime_t t) { return t / NSEC_PER_MSEC; }
inline ktime_t ms_to_ktime(uint64_t ms) { return static_cast<ktime_t>(ms) * NSEC_PER_MSEC; }
inline int64_t ktime_ms_delta(ktime_t later, ktime_t earlier) { return ktime_to_ms(later - earlier); }

/// Conversions between jiffies and time (saturating at MAX_SCHEDULE_TIMEOUT).
inline unsigned long msecs_to_jiffies(unsigned int ms) { return ms * (HZ / 1000UL); }
inline unsigned long usecs_to_jiffies(unsigned int us) { return (us + 999UL) / 1000UL; }
inline unsigned int jiffies_to_msecs(unsigned long j) { return static_cast<unsigned int>(j * (1000UL / HZ)); }
inline uint64_t jiffies_to_nsecs(unsigned long j) { return static_cast<uint64_t>(j) * (NSEC_PER_SEC / HZ); }
inline unsigned long nsecs_to_jiffies(uint64_t ns) { return static_cast<unsigned long>(ns / (NSEC_PER_SEC / HZ)); }

/// Wrap-safe comparisons of jiffies values: true when `a` is after `b`.
#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b) time_after_eq(b, a)
