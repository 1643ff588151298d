// include/ukern/timekeeping.h on top of the kernel clock (kernel/sched/clock.h).
#include "ukern/timekeeping.h"

#include "kernel/sched/clock.h"

namespace ukern {

timespec64 ktime_get_real_ts64() {
  int64_t ns = clock_real_ns();
  return {ns / 1000000000, static_cast<long>(ns % 1000000000)};
}

int64_t ktime_get_boottime_ns() { return clock_now_ns(); }

}  // namespace ukern
