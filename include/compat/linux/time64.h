/* struct timespec64 and time constants (linux/time64.h). */
#ifndef _UKERN_LINUX_TIME64_H
#define _UKERN_LINUX_TIME64_H

#include <linux/types.h>

struct timespec64 {
  time64_t tv_sec;
  long tv_nsec;
};

#define MSEC_PER_SEC 1000L
#define USEC_PER_MSEC 1000L
#define NSEC_PER_USEC 1000L
#define NSEC_PER_MSEC 1000000L
#define USEC_PER_SEC 1000000L
#define NSEC_PER_SEC 1000000000L

static inline s64 timespec64_to_ns(const struct timespec64 *ts) {
  return (s64)ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}
static inline struct timespec64 ns_to_timespec64(s64 ns) {
  struct timespec64 ts;
  ts.tv_sec = ns / NSEC_PER_SEC;
  ts.tv_nsec = (long)(ns % NSEC_PER_SEC);
  if (ts.tv_nsec < 0) {
    ts.tv_sec--;
    ts.tv_nsec += NSEC_PER_SEC;
  }
  return ts;
}
static inline struct timespec64 timespec64_sub(struct timespec64 a, struct timespec64 b) {
  return ns_to_timespec64(timespec64_to_ns(&a) - timespec64_to_ns(&b));
}

#endif
