// test_sleep (600), a test-only module: `long test_sleep(long ms)` sleeps
// `ms` milliseconds of kernel time (the clock runs --time-scale times as
// fast) in slices of `slice_ms`, and checks between slices whether its caller
// is gone (killed): then it returns -EINTR at once. Otherwise it returns 0.
// `ms` below 0 or above an hour is -EINVAL.
//
// It counts what the tests need to see from inside (read them through
// test_count, 601): calls entered, calls in progress now, the most calls in
// progress at once, and calls that ended early with -EINTR. The counters are
// exported (EXPORT_SYMBOL) as one struct, `test_sleep_counters`.
//
// Every call logs "test_sleep: done ms=N ret=R" when it ends, and the exit
// function logs "test_sleep: exit", so a test can see their order in dmesg.
#include <atomic>
#include <chrono>
#include <thread>

#include "kernel/sched/clock.h"
#include "ukern/current.h"
#include "ukern/module.h"
#include "ukern/printk.h"
#include "ukern/syscall.h"

struct TestSleepCounters {
  std::atomic<long> entered{0};
  std::atomic<long> in_progress{0};
  std::atomic<long> max_in_progress{0};
  std::atomic<long> interrupted{0};
};

TestSleepCounters test_sleep_counters;
EXPORT_SYMBOL(test_sleep_counters);

namespace {

int slice_ms = 5;
module_param(slice_ms, int, 0644);
MODULE_PARM_DESC(slice_ms, "longest single sleep between checks for a killed caller (ms)");

long test_sleep(long ms) {
  if (ms < 0 || ms > 3'600'000) return -EINVAL;
  auto& c = test_sleep_counters;
  c.entered.fetch_add(1);
  long now = c.in_progress.fetch_add(1) + 1;
  long seen = c.max_in_progress.load();
  while (now > seen && !c.max_in_progress.compare_exchange_weak(seen, now)) {
  }

  auto deadline = ukern::clock_host_deadline(ukern::clock_now_ns() + ms * 1'000'000);
  auto slice = std::chrono::milliseconds(slice_ms > 0 ? slice_ms : 1);
  long ret = 0;
  for (;;) {
    if (ukern::fatal_signal_pending()) {
      c.interrupted.fetch_add(1);
      ret = -EINTR;
      break;
    }
    auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) break;
    std::this_thread::sleep_for(left < slice ? left : slice);
  }
  printk(KERN_INFO "test_sleep: done ms=%ld ret=%ld\n", ms, ret);
  c.in_progress.fetch_sub(1);
  return ret;
}

int __init test_sleep_init() { return syscall_stub_set(THIS_MODULE, "test_sleep", SYSCALL_STUB(test_sleep)); }

void __exit test_sleep_exit() {
  ukern::syscall_stub_clear(THIS_MODULE, "test_sleep");
  printk(KERN_INFO "test_sleep: exit\n");
}

}  // namespace

module_init(test_sleep_init);
module_exit(test_sleep_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("test_sleep (600): sleeps in kernel time, honours a killed caller, counts its calls");
