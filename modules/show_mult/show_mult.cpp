// show_mult (388): show_mult(int x, int y, int *res) stores x*y in *res.
#include <climits>

#include "ukern/module.h"
#include "ukern/printk.h"
#include "ukern/syscall.h"
#include "ukern/uaccess.h"

namespace {

ukern::Result<void> show_mult(int x, int y, ukern::UserPtr<int> res) {
  if (!ukern::access_ok(res)) return ukern::Error{EFAULT};
  long long product = static_cast<long long>(x) * y;
  if (product > INT_MAX || product < INT_MIN) return ukern::Error{EOVERFLOW};
  int value = static_cast<int>(product);
  if (auto r = ukern::copy_to_user(res, value); !r) return r;
  printk(KERN_INFO "show_mult: %d * %d = %d\n", x, y, value);
  return {};
}

int __init show_mult_init() { return syscall_stub_set(THIS_MODULE, "show_mult", SYSCALL_STUB(show_mult)); }
void __exit show_mult_exit() { ukern::syscall_stub_clear(THIS_MODULE, "show_mult"); }

}  // namespace

module_init(show_mult_init);
module_exit(show_mult_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("show_mult (388): multiplies two ints into a user pointer");
