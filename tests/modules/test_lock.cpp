// test_lock (611): lock-order and sleep-in-atomic reports, driven by
// test_lock_op(op, arg) from tests/integration/locking_test.cpp.
#include <cerrno>

#include "ukern/delay.h"
#include "ukern/module.h"
#include "ukern/mutex.h"
#include "ukern/printk.h"
#include "ukern/spinlock.h"
#include "ukern/syscall.h"

namespace {

DEFINE_MUTEX(lock_a);
DEFINE_MUTEX(lock_b);
DEFINE_SPINLOCK(test_spin);
long counter;  // under test_spin

enum Op {
  kAThenB = 0,     // takes lock_a, then lock_b
  kBThenA = 1,     // takes lock_b, then lock_a: the inversion
  kSleepInSpin = 2,  // msleep(1) under test_spin
  kHoldA = 3,      // holds lock_a during msleep(arg)
  kSpinCount = 4,  // test_spin protected increment; returns the counter
};

long test_lock_op(int op, long arg) {
  switch (op) {
    case kAThenB: {
      ukern::MutexGuard a(lock_a);
      ukern::MutexGuard b(lock_b);
      return 0;
    }
    case kBThenA: {
      ukern::MutexGuard b(lock_b);
      ukern::MutexGuard a(lock_a);
      return 0;
    }
    case kSleepInSpin: {
      ukern::SpinGuard s(test_spin);
      msleep(1);
      return 0;
    }
    case kHoldA: {
      ukern::MutexGuard a(lock_a);
      msleep(static_cast<unsigned>(arg));
      return 0;
    }
    case kSpinCount: {
      ukern::SpinGuard s(test_spin);
      return ++counter;
    }
  }
  return -EINVAL;
}

int __init test_lock_init() {
  return syscall_stub_set(THIS_MODULE, "test_lock_op", SYSCALL_STUB(test_lock_op));
}
void __exit test_lock_exit() { ukern::syscall_stub_clear(THIS_MODULE, "test_lock_op"); }

}  // namespace

module_init(test_lock_init);
module_exit(test_lock_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("test_lock (611): lock inversion and sleep-under-spinlock reports for the tests");
