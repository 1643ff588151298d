// test_fault (602): faults on purpose, to test oops reports.
//   test_fault(0) reads through a null pointer     -> SIGSEGV
//   test_fault(1) writes to a read-only page      -> SIGSEGV (protection)
//   test_fault(2) divides by zero                  -> SIGFPE
//   test_fault(3) executes an invalid opcode (ud2) -> SIGILL
//   test_fault(4) returns 42 (the kernel must keep serving after an oops)
//   test_fault(5) waits 300 ms (not interruptible), then reads through null:
//                 an oops that happens while rmmod waits for the call
#include <sys/mman.h>

#include "ukern/delay.h"
#include "ukern/module.h"
#include "ukern/printk.h"
#include "ukern/syscall.h"

namespace {

// These functions fault on purpose: UBSan must not stop them first (its
// null and division checks would abort the sanitizer build of ukernd).
#define DELIBERATE_FAULT __attribute__((noinline, no_sanitize("undefined")))

DELIBERATE_FAULT long fault_null_read() {
  volatile int* p = nullptr;
  return *p;
}

DELIBERATE_FAULT long fault_readonly_write() {
  static const int ro = 1;
  volatile int* p = const_cast<int*>(&ro);
  *p = 2;
  return 0;
}

DELIBERATE_FAULT long fault_divide() {
  volatile int one = 1, zero = 0;  // both volatile: GCC folds 1/x into a compare
  return one / zero;
}

DELIBERATE_FAULT long fault_invalid_opcode() {
  __builtin_trap();
}

__attribute__((noinline)) long test_fault(int kind) {
  switch (kind) {
    case 0: return fault_null_read();
    case 1: return fault_readonly_write();
    case 2: return fault_divide();
    case 3: return fault_invalid_opcode();
    case 4: return 42;
    case 5: msleep(300); return fault_null_read();
    default: return -EINVAL;
  }
}

int __init test_fault_init() { return syscall_stub_set(THIS_MODULE, "test_fault", SYSCALL_STUB(test_fault)); }
void __exit test_fault_exit() { ukern::syscall_stub_clear(THIS_MODULE, "test_fault"); }

}  // namespace

module_init(test_fault_init);
module_exit(test_fault_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("faults on purpose to test oops reports");
