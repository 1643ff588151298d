// Issue 9 (5): a module's bad pointer into a kernel API.
#include <gtest/gtest.h>

#include <string>

#include "harness.h"

using namespace ukern::test;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

// Caught: on main, mod_timer(NULL) or syscall_stub_set(THIS_MODULE, NULL,
// ...) faulted inside the kernel while it held the timer or stub lock; the
// oops guard jumped out and left the lock held, so afterwards rmmod, lsmod,
// every timer and every trapped call hung. Now null is refused with a
// WARNING and an error, a wild pointer faults before any kernel lock is
// taken (an oops of the module), and the kernel serves on: after each case
// another call and lsmod still work (later cases use the timer and stub
// locks again), and rmmod at the end.
TEST(KernelApiArgs, BadPointersAreRefusedOrOopsAndTheKernelServesOn) {
  Kernel k;
  k.insmod("test_badarg");
  k.insmod("test_count");
  struct Case {
    const char* kind;
    const char* ptr;
    const char* expect_out;  // sc's line
    const char* expect_log;
  };
  const Case cases[] = {
      {"0", "0", "-1 EINVAL\n", "WARNING: mod_timer: NULL timer (from module test_badarg)"},
      {"1", "16", "-1 EFAULT\n", "BUG: unable to handle page fault for address: 0000000000000010"},
      {"2", "0x7ff000000000", "-1 EFAULT\n", "BUG: unable to handle page fault"},
      {"3", "0", "-1 EINVAL\n", "WARNING: syscall_stub_set: NULL name"},
      {"4", "16", "-1 EFAULT\n", "BUG: unable to handle page fault for address: 0000000000000010"},
      {"5", "0", "0 -\n", "WARNING: timer_setup: NULL timer"},
      {"6", "0", "0 -\n", "timer without a function"},
      {"7", "0", "0 -\n", "WARNING: mutex_lock: NULL mutex"},
      {"8", "0", "0 -\n", "WARNING: spin_lock: NULL spinlock"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string("kind ") + c.kind);
    Outcome r = k.run({test_bin("sc"), "620", c.kind, c.ptr}, 20000);
    EXPECT_EQ(r.out, c.expect_out) << r.err;
    EXPECT_TRUE(has(k.dmesg(), c.expect_log)) << k.dmesg();
    // No kernel lock left held: a stub call, lsmod.
    Outcome other = k.run({test_bin("sc"), "601", "0"}, 20000);
    EXPECT_EQ(other.status, 0) << other.err;
    Outcome ls = k.ukern({"lsmod"}, 20000);
    EXPECT_EQ(ls.status, 0);
  }
  Outcome rm = k.ukern({"rmmod", "test_badarg"}, 20000);
  EXPECT_EQ(rm.status, 0) << rm.err;
}
