// Lockdep reports from a module: lock inversion, sleeping under a spinlock;
// sysrq l shows held locks.
#include <thread>

#include "sched_helpers.h"

using namespace ukern::test;

TEST(Lockdep, InversionIsReportedOnceBeforeAnyDeadlock) {
  Kernel k;
  k.insmod("test_lock");
  EXPECT_EQ(sched_call(k, {"611", "0"}).ret, 0);  // A then B
  EXPECT_EQ(k.dmesg().find("circular locking"), std::string::npos);
  EXPECT_EQ(sched_call(k, {"611", "1"}).ret, 0);  // B then A: reported, no deadlock
  std::string log = k.dmesg();
  EXPECT_NE(log.find("WARNING: possible circular locking dependency detected"), std::string::npos) << log;
  EXPECT_NE(log.find("is trying to acquire lock:"), std::string::npos);
  EXPECT_NE(log.find("(lock_a)"), std::string::npos);
  EXPECT_NE(log.find("(lock_b)"), std::string::npos);
  EXPECT_NE(log.find("*** DEADLOCK ***"), std::string::npos);
  EXPECT_NE(log.find("[test_lock]"), std::string::npos) << "call trace names the module\n" << log;
  // Seen again: no second report.
  EXPECT_EQ(sched_call(k, {"611", "0"}).ret, 0);
  EXPECT_EQ(sched_call(k, {"611", "1"}).ret, 0);
  EXPECT_EQ(count_of(k.dmesg(), "possible circular locking dependency"), 1u);
}

TEST(Lockdep, SleepingUnderASpinlockIsReported) {
  Kernel k;
  k.insmod("test_lock");
  EXPECT_EQ(sched_call(k, {"611", "2"}).ret, 0);
  std::string log = k.dmesg();
  EXPECT_NE(log.find("BUG: sleeping function called from invalid context"), std::string::npos) << log;
  EXPECT_NE(log.find("(test_spin)"), std::string::npos) << log;
  EXPECT_EQ(sched_call(k, {"611", "4"}).ret, 1);  // the spinlock was released
}

TEST(Sysrq, LocksTasksAndBlockedTasks) {
  Kernel k;
  k.insmod("test_lock");
  k.insmod("test_kthread");
  ASSERT_GT(sched_call(k, {"610", "2"}).ret, 0);  // test_sleeper in msleep
  std::thread holder([&] { (void)k.run({test_bin("sched_call"), "611", "3", "3000"}); });
  std::string l;
  EXPECT_TRUE(eventually([&] {
    l = k.ukern({"sysrq", "l"}).out;
    return l.find("(lock_a) [mutex]") != std::string::npos;
  })) << l;
  EXPECT_NE(l.find("Showing all locks held in the system:"), std::string::npos);
  auto w = k.ukern({"sysrq", "w"});
  EXPECT_EQ(w.status, 0);
  EXPECT_NE(w.out.find("sysrq: Show Blocked State"), std::string::npos);
  EXPECT_NE(w.out.find("task:test_sleeper"), std::string::npos) << w.out;
  EXPECT_NE(w.out.find("msleep"), std::string::npos) << w.out;
  auto t = k.ukern({"sysrq", "t"});
  EXPECT_NE(t.out.find("sysrq: Show State"), std::string::npos);
  EXPECT_NE(t.out.find("task:test_sleeper"), std::string::npos);
  EXPECT_NE(t.out.find("task:khungtaskd"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("Call Trace:"), std::string::npos);
#ifndef __SANITIZE_THREAD__
  // ThreadSanitizer defers signal handlers while a thread waits on a
  // condition variable, so under TSan the sleeping holder cannot answer the
  // stack request in time ("no stack"); the other builds check its stack.
  EXPECT_NE(t.out.find("[test_lock]"), std::string::npos) << "the holder's stack\n" << t.out;
#endif
  EXPECT_NE(k.dmesg().find("sysrq: Show State"), std::string::npos);  // also in the log
  auto m = k.ukern({"sysrq", "m"});
  EXPECT_NE(m.out.find("sysrq: Show Memory"), std::string::npos);
  EXPECT_EQ(k.ukern({"sysrq", "x"}).status, 2);
  holder.join();
  EXPECT_EQ(sched_call(k, {"610", "3"}).ret, 42);
}
