// The README's "Debugging a module" walk-through, step by step, with the
// deliberately broken example module (modules/examples/buggy).
#include <gtest/gtest.h>

#include "harness.h"

using namespace ukern::test;

namespace {

int trigger(const Kernel& k, const std::string& bug) {
  return run_process({"/bin/sh", "-c", "echo " + bug + " > " + k.runtime_dir() + "/proc/buggy"}).status;
}

bool log_has(const Kernel& k, const std::string& text) {
  return eventually([&] { return k.dmesg().find(text) != std::string::npos; }, 10000);
}

}  // namespace

TEST(DebuggingExample, EveryBugIsReportedAndTheKernelKeepsServing) {
  Kernel k(Kernel::Options{.time_scale = 20});
  k.insmod(build_dir() + "/modules/buggy.so");

  // An oops in a /proc write: the writer gets an error, the report names the function.
  EXPECT_NE(trigger(k, "oops"), 0);
  EXPECT_TRUE(log_has(k, "BUG: unable to handle page fault for address: 0000000000000000"));
  EXPECT_TRUE(log_has(k, "buggy_null_deref+0x"));
  EXPECT_TRUE(log_has(k, "Modules linked in: buggy(D)"));

  // An oops in a kthread ends that thread only.
  EXPECT_EQ(trigger(k, "kthread-oops"), 0);
  EXPECT_TRUE(log_has(k, "divide error"));
  EXPECT_TRUE(log_has(k, "kthread buggy_oops"));

  EXPECT_EQ(trigger(k, "deadlock"), 0);
  EXPECT_TRUE(log_has(k, "WARNING: possible circular locking dependency detected"));
  EXPECT_EQ(trigger(k, "spin-sleep"), 0);
  EXPECT_TRUE(log_has(k, "BUG: sleeping function called from invalid context"));
  EXPECT_EQ(trigger(k, "list-corrupt"), 0);
  EXPECT_TRUE(log_has(k, "list_del corruption"));
  EXPECT_EQ(trigger(k, "double-free"), 0);
  EXPECT_TRUE(log_has(k, "double free"));

  // A hung task, with the timeout lowered (kernel seconds; the clock runs 20x).
  EXPECT_EQ(k.ukern({"sysctl", "hung_task_timeout_secs=2"}).status, 0);
  EXPECT_EQ(trigger(k, "hang"), 0);
  EXPECT_TRUE(log_has(k, "INFO: task buggy_hang"));
  EXPECT_NE(k.ukern({"sysrq", "w"}).out.find("buggy_hang"), std::string::npos);

  EXPECT_EQ(trigger(k, "leak"), 0);
  EXPECT_NE(k.ukern({"sysrq", "m"}).out.find("buggy"), std::string::npos);
  auto cat = run_process({"/bin/cat", k.runtime_dir() + "/proc/buggy"});
  EXPECT_NE(cat.out.find("triggered:\noops\nkthread-oops\ndeadlock\n"), std::string::npos) << cat.out;

  // The kernel and other modules keep serving; rmmod stops the hung thread
  // and reports the leak.
  EXPECT_EQ(k.ukern({"ping"}).status, 0);
  k.rmmod("buggy");
  EXPECT_TRUE(log_has(k, "kmemleak: 1 unreferenced object(s) (128 bytes) from module buggy"));
}
