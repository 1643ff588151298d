// The lock-order validator in one process: inversion reports (once, even
// across threads), sleep under spinlock, bad unlock, held-lock report; and
// the locks themselves under contention (TSan checks them).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "kernel/locking/lockdep_internal.h"
#include "sched_test_util.h"
#include "ukern/delay.h"
#include "ukern/mutex.h"
#include "ukern/spinlock.h"

using namespace ukern::test;

namespace {
size_t count_of(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}
}  // namespace

TEST(Lockdep, InversionAcrossThreadsIsReportedOnce) {
  static DEFINE_MUTEX(ld_x);
  static DEFINE_MUTEX(ld_y);
  uint64_t mark = log_mark();
  std::thread([] {
    ukern::MutexGuard a(ld_x);
    ukern::MutexGuard b(ld_y);
  }).join();
  EXPECT_EQ(log_since(mark).find("circular"), std::string::npos);
  auto before = ukern::lockdep_stats();
  std::thread([] {
    ukern::MutexGuard b(ld_y);
    ukern::MutexGuard a(ld_x);
  }).join();
  std::thread([] {
    ukern::MutexGuard b(ld_y);
    ukern::MutexGuard a(ld_x);
  }).join();
  std::string log = log_since(mark);
  EXPECT_EQ(count_of(log, "WARNING: possible circular locking dependency detected"), 1u) << log;
  EXPECT_NE(log.find("(ld_x)"), std::string::npos);
  EXPECT_NE(log.find("(ld_y)"), std::string::npos);
  EXPECT_EQ(ukern::lockdep_stats().circular_reports, before.circular_reports + 1);
}

TEST(Lockdep, LongerCycleIsFound) {
  static DEFINE_MUTEX(c1);
  static DEFINE_MUTEX(c2);
  static DEFINE_MUTEX(c3);
  uint64_t mark = log_mark();
  {
    ukern::MutexGuard a(c1);
    ukern::MutexGuard b(c2);
  }
  {
    ukern::MutexGuard b(c2);
    ukern::MutexGuard c(c3);
  }
  EXPECT_EQ(log_since(mark).find("circular"), std::string::npos);
  {
    ukern::MutexGuard c(c3);
    ukern::MutexGuard a(c1);  // c1 -> c2 -> c3 -> c1
  }
  std::string log = log_since(mark);
  EXPECT_NE(log.find("possible circular locking dependency"), std::string::npos) << log;
  EXPECT_NE(log.find("-> #2"), std::string::npos) << log;  // the chain has two recorded edges
}

TEST(Lockdep, SleepUnderSpinlockBadUnlockAndHeldReport) {
  static DEFINE_SPINLOCK(ld_spin);
  static DEFINE_MUTEX(ld_m);
  uint64_t mark = log_mark();
  spin_lock(&ld_spin);
  std::string held = ukern::lockdep_held_locks_report();
  msleep(1);
  spin_unlock(&ld_spin);
  EXPECT_NE(held.find("(ld_spin) [spinlock]"), std::string::npos) << held;
  std::string log = log_since(mark);
  EXPECT_NE(log.find("BUG: sleeping function called from invalid context"), std::string::npos) << log;
  mark = log_mark();
  msleep(1);  // no spinlock now: no report
  EXPECT_EQ(log_since(mark).find("BUG: sleeping"), std::string::npos);
  mark = log_mark();
  mutex_unlock(&ld_m);  // never locked: reported, and the lock is left alone
  EXPECT_NE(log_since(mark).find("WARNING: bad unlock balance detected!"), std::string::npos);
  EXPECT_EQ(mutex_trylock(&ld_m), 1);  // still usable
  mutex_unlock(&ld_m);
}

TEST(Locks, MutexAndSpinlockKeepACounterExact) {
  static DEFINE_MUTEX(count_m);
  static DEFINE_SPINLOCK(count_s);
  long by_mutex = 0, by_spin = 0;
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; ++t)
    ts.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        {
          ukern::MutexGuard g(count_m);
          ++by_mutex;
        }
        ukern::SpinGuard g(count_s);
        ++by_spin;
      }
    });
  for (auto& t : ts) t.join();
  EXPECT_EQ(by_mutex, 8000);
  EXPECT_EQ(by_spin, 8000);
  EXPECT_FALSE(mutex_is_locked(&count_m));
  EXPECT_EQ(mutex_trylock(&count_m), 1);
  EXPECT_TRUE(mutex_is_locked(&count_m));
  std::thread([] { EXPECT_EQ(mutex_trylock(&count_m), 0); }).join();
  mutex_unlock(&count_m);
  struct mutex dyn;
  mutex_init(&dyn);
  EXPECT_EQ(mutex_lock_interruptible(&dyn), 0);
  mutex_unlock(&dyn);
}

#include "ukern/timer.h"
#include "ukern/wait.h"

namespace {
std::atomic<bool> g_slept{false};
DECLARE_WAIT_QUEUE_HEAD(slept_wq);
void sleeping_timer(struct timer_list*) {
  msleep(1);  // not allowed in a timer callback
  g_slept = true;
  wake_up(&slept_wq);
}
}  // namespace

TEST(Lockdep, SleepInATimerCallbackIsReported) {
  struct timer_list t;
  timer_setup(&t, sleeping_timer, 0);
  uint64_t mark = log_mark();
  mod_timer(&t, jiffies);
  EXPECT_GT(wait_event_timeout(slept_wq, g_slept.load(), msecs_to_jiffies(10000)), 0);
  del_timer_sync(&t);
  EXPECT_NE(log_since(mark).find("BUG: sleeping function called from invalid context"), std::string::npos);
}
