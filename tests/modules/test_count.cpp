// test_count (601), a test-only module: `long test_count(long op, long arg)` reports
// test_sleep's counters, and offers a call that does nothing (the benchmark's
// "null system call").
//
//   op 0  calls test_sleep was entered since it was loaded
//   op 1  test_sleep calls in progress now
//   op 2  null call: returns 0 at once, touches nothing (the benchmark)
//   op 3  the most test_sleep calls that were in progress at once
//   op 4  test_sleep calls that ended early with -EINTR (caller killed)
//   op 5  printk flood: logs `arg` lines "test_count: flood I" (I = 0..arg-1)
//
// Errors: -ENOENT for ops 0, 1, 3, 4 while test_sleep is not loaded; -EINVAL
// for an unknown op. test_count takes test_sleep's counters with symbol_get
// for the length of one call only, so it never blocks test_sleep's rmmod.
#include <atomic>
#include <cerrno>

#include "ukern/module.h"
#include "ukern/printk.h"
#include "ukern/syscall.h"

struct TestSleepCounters {
  std::atomic<long> entered;
  std::atomic<long> in_progress;
  std::atomic<long> max_in_progress;
  std::atomic<long> interrupted;
};

namespace {

long test_count(long op, long arg) {
  if (op == 2) return 0;
  if (op == 5) {
    for (long i = 0; i < arg; ++i) printk(KERN_INFO "test_count: flood %ld\n", i);
    return 0;
  }
  if (op < 0 || op > 4) return -EINVAL;
  auto* c = static_cast<TestSleepCounters*>(symbol_get(test_sleep_counters));
  if (c == nullptr) return -ENOENT;
  long v = 0;
  switch (op) {
    case 0: v = c->entered.load(); break;
    case 1: v = c->in_progress.load(); break;
    case 3: v = c->max_in_progress.load(); break;
    case 4: v = c->interrupted.load(); break;
  }
  symbol_put(test_sleep_counters);
  return v;
}

int __init test_count_init() { return syscall_stub_set(THIS_MODULE, "test_count", SYSCALL_STUB(test_count)); }
void __exit test_count_exit() { ukern::syscall_stub_clear(THIS_MODULE, "test_count"); }

}  // namespace

module_init(test_count_init);
module_exit(test_count_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("test_count (601): test_sleep's counters, and a null call for the benchmark");
