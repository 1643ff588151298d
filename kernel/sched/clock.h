// The kernel clock: nanoseconds since boot, running `time_scale` times as
// fast as the host's monotonic clock (`ukern up --time-scale F`).
#pragma once
#include <chrono>
#include <cstdint>

namespace ukern {

/// Sets the scale and marks boot. Called once, before any thread starts.
void clock_init(double time_scale);
double clock_time_scale();
/// Kernel nanoseconds since boot.
int64_t clock_now_ns();
/// The host duration that `kernel_ns` of kernel time takes.
std::chrono::nanoseconds clock_to_host(int64_t kernel_ns);
/// The host steady_clock instant at which kernel time reaches `kernel_ns`.
std::chrono::steady_clock::time_point clock_host_deadline(int64_t kernel_ns);
/// Wall-clock time (ns since the epoch): the host's real time at boot plus
/// scaled kernel time since.
int64_t clock_real_ns();

}  // namespace ukern
