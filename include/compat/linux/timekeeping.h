/*
 * Reading the clocks (linux/timekeeping.h). Real (wall-clock) time is the
 * host's time at boot plus kernel time since; monotonic time is kernel time
 * since boot. Both follow `ukern up --time-scale`.
 */
#ifndef _UKERN_LINUX_TIMEKEEPING_H
#define _UKERN_LINUX_TIMEKEEPING_H

#include <linux/ktime.h>
#include <linux/time64.h>

void ktime_get_real_ts64(struct timespec64 *ts) __asm__("ukern_c_ktime_get_real_ts64");
void ktime_get_ts64(struct timespec64 *ts) __asm__("ukern_c_ktime_get_ts64");
#define ktime_get_boottime_ts64(ts) ktime_get_ts64(ts)
#define ktime_get_raw_ts64(ts) ktime_get_ts64(ts)
ktime_t ktime_get_real(void) __asm__("ukern_c_ktime_get_real");
time64_t ktime_get_real_seconds(void) __asm__("ukern_c_ktime_get_real_seconds");
static inline u64 ktime_get_real_ns(void) { return (u64)ktime_get_real(); }
#define ktime_get_boottime() ktime_get()

#endif
