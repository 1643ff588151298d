// The kernel clock's time scale: sleeps and timers run F times as fast.
#include "sched_helpers.h"

using namespace ukern::test;

TEST(TimeScale, TwoSecondMsleepTakesTwentyMsAtScale100) {
  Kernel::Options o;
  o.time_scale = 100;
  Kernel k(o);
  k.insmod("test_kthread");
  auto r = sched_call(k, {"610", "6", "2000"});
  EXPECT_EQ(r.ret, 0);
  EXPECT_GE(r.us, 15'000);
  EXPECT_LE(r.us, 500'000);
}

TEST(TimeScale, MsleepAtScaleOneTakesItsTime) {
  Kernel k;
  k.insmod("test_kthread");
  auto r = sched_call(k, {"610", "6", "200"});
  EXPECT_EQ(r.ret, 0);
  EXPECT_GE(r.us, 195'000);
}

TEST(Timers, TimerFiresScaled) {
  Kernel::Options o;
  o.time_scale = 100;
  Kernel k(o);
  k.insmod("test_kthread");
  auto r = sched_call(k, {"610", "9", "2000"});
  EXPECT_GE(r.ret, 2000);   // kernel ms from mod_timer to the callback's wake-up
  EXPECT_LT(r.ret, 20000);
  EXPECT_GE(r.us, 15'000);  // host time: about 20 ms
  EXPECT_LE(r.us, 500'000);
}

TEST(Timers, TimerLeftArmedAtUnloadIsCancelled) {
  Kernel k;
  k.insmod("test_kthread");
  // Arm it from a call that is killed before the timer fires, then unload.
  std::thread caller([&] { (void)k.run({test_bin("sched_call"), "610", "9", "600000"}, 1000); });
  caller.join();  // run_process kills it after 1 s
  k.rmmod("test_kthread");
  EXPECT_NE(k.dmesg().find("test_kthread: exit left a timer armed"), std::string::npos);
}
