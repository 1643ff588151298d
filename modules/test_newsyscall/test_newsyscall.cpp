// test_newsyscall (337): the course slides' first system call. Logs the
// caller's int and returns it.
#include "ukern/module.h"
#include "ukern/printk.h"
#include "ukern/syscall.h"

namespace {

long test_newsyscall(int n) {
  printk("%s: Your int is %i\n", __func__, n);
  return n;
}

int __init test_newsyscall_init() {
  return syscall_stub_set(THIS_MODULE, "test_newsyscall", SYSCALL_STUB(test_newsyscall));
}

void __exit test_newsyscall_exit() { ukern::syscall_stub_clear(THIS_MODULE, "test_newsyscall"); }

}  // namespace

module_init(test_newsyscall_init);
module_exit(test_newsyscall_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("test_newsyscall (337): logs its int argument and returns it");
