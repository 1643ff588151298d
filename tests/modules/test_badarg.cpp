// test_badarg (620): hands bad pointers to kernel APIs, as a student's bug
// would. `long test_badarg(long kind, long ptr)`:
//   0 mod_timer(NULL)               1 mod_timer((timer_list*)ptr)
//   2 del_timer_sync((timer_list*)ptr)
//   3 syscall_stub_set(NULL name)   4 syscall_stub_set((const char*)ptr)
//   5 timer_setup(NULL)             6 add_timer of a timer never set up
//   7 mutex_lock(NULL)              8 spin_lock(NULL)
// Each returns what the API returned (or 0); a fault is an oops (EFAULT).
#include <cerrno>

#include "ukern/module.h"
#include "ukern/mutex.h"
#include "ukern/spinlock.h"
#include "ukern/syscall.h"
#include "ukern/timer.h"

namespace {

long unused_handler() { return 0; }

__attribute__((noinline, no_sanitize("undefined"))) long test_badarg(long kind, long ptr) {
  auto* timer = reinterpret_cast<struct timer_list*>(ptr);
  switch (kind) {
    case 0: return mod_timer(nullptr, 0);
    case 1: return mod_timer(timer, 0);
    case 2: return del_timer_sync(timer);
    case 3: return syscall_stub_set(THIS_MODULE, nullptr, SYSCALL_STUB(unused_handler));
    case 4: return syscall_stub_set(THIS_MODULE, reinterpret_cast<const char*>(ptr), SYSCALL_STUB(unused_handler));
    case 5: timer_setup(nullptr, nullptr, 0); return 0;
    case 6: {
      static struct timer_list never_set_up;
      add_timer(&never_set_up);
      return 0;
    }
    case 7: mutex_lock(nullptr); return 0;
    case 8: spin_lock(nullptr); return 0;
    default: return -EINVAL;
  }
}

int __init test_badarg_init() { return syscall_stub_set(THIS_MODULE, "test_badarg", SYSCALL_STUB(test_badarg)); }
void __exit test_badarg_exit() { ukern::syscall_stub_clear(THIS_MODULE, "test_badarg"); }

}  // namespace

module_init(test_badarg_init);
module_exit(test_badarg_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("bad pointers into kernel APIs");
