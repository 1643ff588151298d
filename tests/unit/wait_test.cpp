// Wait queues, msleep, kernel threads and timers inside one process (no
// daemon): the ordering logic, not speed (no timing asserts beyond "it
// ended because of X").
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "kernel/sched/kthread_task.h"
#include "ukern/delay.h"
#include "ukern/kthread.h"
#include "ukern/ktime.h"
#include "ukern/timer.h"
#include "ukern/wait.h"

namespace {

DECLARE_WAIT_QUEUE_HEAD(test_wq);
std::atomic<int> g_value{0};

int wait_for_three(void*) {
  wait_event(test_wq, g_value.load() >= 3 || kthread_should_stop());
  return g_value.load();
}

int interruptible_waiter(void*) {
  int r = wait_event_interruptible(test_wq, false);
  return r;
}

int long_sleeper(void*) {
  msleep(600000);  // ten minutes: only kthread_stop ends it
  return kthread_should_stop() ? 5 : -1;
}

int returns_nine(void*) { return 9; }

}  // namespace

TEST(WaitEvent, WakesWhenTheConditionBecomesTrueNotBefore) {
  g_value = 0;
  task_struct* t = kthread_run(wait_for_three, nullptr, "wq_test");
  ASSERT_FALSE(IS_ERR(t));
  for (int i = 1; i <= 3; ++i) {
    g_value = i;
    wake_up(&test_wq);  // woken three times, the condition holds only the last
  }
  EXPECT_EQ(kthread_stop(t), 3);
}

TEST(WaitEvent, InterruptibleWaitReturnsErestartsysOnKthreadStop) {
  task_struct* t = kthread_run(interruptible_waiter, nullptr, "wq_intr");
  ASSERT_FALSE(IS_ERR(t));
  EXPECT_EQ(kthread_stop(t), -ERESTARTSYS);
}

TEST(WaitEvent, TimeoutReturnsZeroWhenTheConditionStaysFalse) {
  DECLARE_WAIT_QUEUE_HEAD(q);
  long r = wait_event_timeout(q, false, msecs_to_jiffies(20));
  EXPECT_EQ(r, 0);
  long r2 = wait_event_timeout(q, true, msecs_to_jiffies(20));
  EXPECT_EQ(r2, 20);  // true at once: the whole timeout left
  std::atomic<bool> flag{false};
  std::thread waker([&] {
    flag = true;
    wake_up(&q);
  });
  long r3 = wait_event_interruptible_timeout(q, flag.load(), msecs_to_jiffies(60000));
  waker.join();
  EXPECT_GE(r3, 1);
  EXPECT_FALSE(waitqueue_active(&q));
}

TEST(Kthread, StopEndsALongMsleepAtOnce) {
  task_struct* t = kthread_run(long_sleeper, nullptr, "sleeper_%d", 1);
  ASSERT_FALSE(IS_ERR(t));
  EXPECT_STREQ(kthread_name(t), "sleeper_1");
  EXPECT_GT(task_pid_nr(t), 0);
  EXPECT_EQ(kthread_stop(t), 5);  // would take ten minutes otherwise
}

TEST(Kthread, StopAfterReturnGivesTheResultAndDoubleStopIsRejected) {
  task_struct* t = kthread_run(returns_nine, nullptr, "nine");
  ASSERT_FALSE(IS_ERR(t));
  EXPECT_EQ(kthread_stop(t), 9);
  EXPECT_EQ(kthread_stop(nullptr), -EINVAL);
  EXPECT_EQ(kthread_stop(static_cast<task_struct*>(ERR_PTR(-ENOMEM))), -EINVAL);
  EXPECT_FALSE(kthread_should_stop());  // not a kthread here
  EXPECT_EQ(kthread_current(), nullptr);
}

TEST(Kthread, ManyThreadsStartAndStopWithNothingLeft) {
  size_t before = ukern::kthread_count();
  for (int i = 0; i < 200; ++i) {
    task_struct* t = kthread_run(returns_nine, nullptr, "cycle");
    ASSERT_FALSE(IS_ERR(t));
    EXPECT_EQ(kthread_stop(t), 9);  // fn runs even if the stop came first
  }
  EXPECT_EQ(ukern::kthread_count(), before);
}

namespace {
struct TimerBox {
  std::atomic<int> fired{0};
  int rearm = 0;
  struct timer_list t;
};
DECLARE_WAIT_QUEUE_HEAD(timer_wq);
void on_fire(struct timer_list* t) {
  TimerBox* b = from_timer(b, t, t);
  int n = b->fired.fetch_add(1) + 1;
  if (n < b->rearm) mod_timer(&b->t, jiffies + 1);  // periodic
  wake_up(&timer_wq);
}
}  // namespace

TEST(Timer, FiresAndRearmsAndDeletedTimerDoesNotFire) {
  TimerBox box;
  box.rearm = 3;
  timer_setup(&box.t, on_fire, 0);
  EXPECT_EQ(timer_pending(&box.t), 0);
  EXPECT_EQ(mod_timer(&box.t, jiffies + 5), 0);
  EXPECT_EQ(wait_event_timeout(timer_wq, box.fired.load() == 3, msecs_to_jiffies(10000)) > 0, true);
  EXPECT_EQ(del_timer_sync(&box.t), 0);

  TimerBox never;
  timer_setup(&never.t, on_fire, 0);
  mod_timer(&never.t, jiffies + msecs_to_jiffies(50));
  EXPECT_EQ(timer_pending(&never.t), 1);
  EXPECT_EQ(mod_timer(&never.t, jiffies + msecs_to_jiffies(60)), 1);  // re-arm: was pending
  EXPECT_EQ(del_timer_sync(&never.t), 1);
  EXPECT_EQ(wait_event_timeout(timer_wq, never.fired.load() > 0, msecs_to_jiffies(150)), 0);
}

TEST(Ktime, JiffiesFollowTheKernelClock) {
  unsigned long j0 = jiffies;
  ktime_t t0 = ktime_get();
  msleep(20);
  EXPECT_GE(ktime_get() - t0, 20 * NSEC_PER_MSEC);
  EXPECT_TRUE(time_after_eq(jiffies, j0 + msecs_to_jiffies(20)));
  EXPECT_TRUE(time_after(j0 + 1, j0));
  EXPECT_TRUE(time_before(~0UL, 0UL));  // wraps
  EXPECT_EQ(jiffies_to_msecs(msecs_to_jiffies(1234)), 1234u);
  EXPECT_EQ(HZ, 1000);
}

TEST(Timer, ReArmingOftenKeepsOnlyTheLastExpiry) {
  TimerBox box;
  timer_setup(&box.t, on_fire, 0);
  for (int i = 0; i < 1000; ++i) mod_timer(&box.t, jiffies + msecs_to_jiffies(60000));
  mod_timer(&box.t, jiffies + 1);
  EXPECT_GT(wait_event_timeout(timer_wq, box.fired.load() == 1, msecs_to_jiffies(10000)), 0);
  EXPECT_EQ(timer_pending(&box.t), 0);
  EXPECT_EQ(box.fired.load(), 1);
}

namespace {
int schedule_sleeper(void*) { return static_cast<int>(schedule_timeout_interruptible(msecs_to_jiffies(600000)) > 0); }
}  // namespace

TEST(Kthread, StopEndsScheduleTimeoutWithJiffiesLeft) {
  task_struct* t = kthread_run(schedule_sleeper, nullptr, "sched_to");
  ASSERT_FALSE(IS_ERR(t));
  EXPECT_EQ(kthread_stop(t), 1);  // ended early, with time left
  EXPECT_EQ(schedule_timeout_interruptible(msecs_to_jiffies(5)), 0);
}
