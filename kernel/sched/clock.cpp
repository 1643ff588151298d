#include "kernel/sched/clock.h"

#include <time.h>

namespace ukern {
namespace {
double g_scale = 1.0;
std::chrono::steady_clock::time_point g_boot = std::chrono::steady_clock::now();
int64_t g_real_at_boot_ns = [] {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}();
}  // namespace

void clock_init(double time_scale) {
  g_scale = time_scale > 0 ? time_scale : 1.0;
  g_boot = std::chrono::steady_clock::now();
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  g_real_at_boot_ns = int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

double clock_time_scale() { return g_scale; }

int64_t clock_now_ns() {
  auto host = std::chrono::steady_clock::now() - g_boot;
  return static_cast<int64_t>(static_cast<double>(host.count()) * g_scale);
}

std::chrono::nanoseconds clock_to_host(int64_t kernel_ns) {
  if (kernel_ns <= 0) return std::chrono::nanoseconds(0);
  return std::chrono::nanoseconds(static_cast<int64_t>(static_cast<double>(kernel_ns) / g_scale));
}

std::chrono::steady_clock::time_point clock_host_deadline(int64_t kernel_ns) {
  return g_boot + std::chrono::nanoseconds(static_cast<int64_t>(static_cast<double>(kernel_ns) / g_scale));
}

int64_t clock_real_ns() { return g_real_at_boot_ns + clock_now_ns(); }

}  // namespace ukern
