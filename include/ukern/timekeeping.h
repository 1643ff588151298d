// Kernel time for modules, shaped after Linux's timekeeping.h.
//
// The kernel clock runs `time_scale` times as fast as the host's
// (`ukern up --time-scale F`); these values follow it.
#pragma once
#include <cstdint>

namespace ukern {

/// Seconds and nanoseconds, as Linux's struct timespec64.
struct timespec64 {
  int64_t tv_sec;
  long tv_nsec;  // 0 .. 999999999
};

/// Wall-clock time: the host's real time at boot plus scaled kernel time
/// since. Never goes backwards. Lock-free.
timespec64 ktime_get_real_ts64();
/// Kernel nanoseconds since boot (scaled, monotonic). Lock-free.
int64_t ktime_get_boottime_ns();

}  // namespace ukern
