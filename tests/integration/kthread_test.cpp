// Kernel threads of a module: start/stop, naming, stop during msleep, idle
// CPU, wait queues woken from a system call, reporting at unload, ukern ps.
#include <signal.h>

#include <chrono>
#include <thread>

#include "sched_helpers.h"

using namespace ukern::test;

namespace {
constexpr const char* kCtl = "610";
}

TEST(Kthread, ThousandStartStopCyclesLeaveNoThreadBehind) {
  Kernel k;
  k.insmod("test_kthread");
  pid_t d = k.daemon_pid();
  long before = proc_status_field(d, "Threads");
  ASSERT_GT(before, 0);
  auto r = sched_call(k, {kCtl, "0", "1000"});
  EXPECT_EQ(r.ret, 1000);  // every kthread_stop returned the function's 1
  EXPECT_EQ(sched_call(k, {kCtl, "11"}).ret, 0);  // module: started == stopped
  if (r.ret != 1000) ADD_FAILURE() << k.dmesg();
  // The callers' listener threads leave once their program exits.
  EXPECT_TRUE(eventually([&] { return proc_status_field(d, "Threads") <= before; }))
      << "threads before " << before << ", after " << proc_status_field(d, "Threads");
  k.rmmod("test_kthread");
  EXPECT_EQ(k.dmesg().find("left kthread"), std::string::npos);
}

TEST(Kthread, NamedForPsAndStopReturnsResultAndStopsAtOnceDuringLongMsleep) {
  Kernel k;
  k.insmod("test_kthread");
  pid_t d = k.daemon_pid();
  auto started = sched_call(k, {kCtl, "2"});
  ASSERT_GT(started.ret, 1);
  pid_t tid = static_cast<pid_t>(started.ret);
  EXPECT_EQ(thread_comm(d, tid), "test_sleeper");
  // ukern ps shows it sleeping in msleep.
  ASSERT_TRUE(eventually([&] { return k.ukern({"ps"}).out.find("D (msleep)") != std::string::npos; }))
      << k.ukern({"ps"}).out;
  auto ps = k.ukern({"ps"}).out;
  EXPECT_NE(ps.find("test_sleeper"), std::string::npos) << ps;
  EXPECT_NE(ps.find("test_kthread"), std::string::npos) << ps;  // the owner module
  auto stop = sched_call(k, {kCtl, "3"});
  EXPECT_EQ(stop.ret, 42);
  EXPECT_LT(stop.us, 500'000) << "kthread_stop of a thread in msleep(60000) took " << stop.us << " us";
  EXPECT_EQ(k.ukern({"ps"}).out.find("test_sleeper"), std::string::npos);
}

TEST(Kthread, StopAfterTheFunctionReturnedStillGivesItsResult) {
  Kernel k;
  k.insmod("test_kthread");
  ASSERT_GT(sched_call(k, {kCtl, "8", "23"}).ret, 0);
  ASSERT_TRUE(eventually([&] { return k.ukern({"ps"}).out.find("exited") != std::string::npos; }));
  EXPECT_EQ(sched_call(k, {kCtl, "3"}).ret, 23);
}

TEST(Kthread, IdleKthreadUsesNoCpuAndWakesFromASystemCall) {
  Kernel k;
  k.insmod("test_kthread");
  pid_t d = k.daemon_pid();
  auto started = sched_call(k, {kCtl, "1"});
  ASSERT_GT(started.ret, 1);
  pid_t tid = static_cast<pid_t>(started.ret);
  EXPECT_EQ(thread_comm(d, tid), "test_idle");
  ASSERT_TRUE(eventually([&] {
    return k.ukern({"ps"}).out.find("S (wait_event_interruptible idle_wq)") != std::string::npos;
  }));
  long t0 = thread_cpu_ticks(d, tid);
  ASSERT_GE(t0, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));  // the measurement window
  long t1 = thread_cpu_ticks(d, tid);
  EXPECT_EQ(t1 - t0, 0) << "idle kthread used " << (t1 - t0) << " ticks in 1 s";
  // A system call wakes it: it sees its flag once per wake-up.
  EXPECT_EQ(sched_call(k, {kCtl, "4"}).ret, 0);
  EXPECT_TRUE(eventually([&] { return sched_call(k, {kCtl, "5"}).ret == 1; }));
  EXPECT_EQ(sched_call(k, {kCtl, "4"}).ret, 0);
  EXPECT_TRUE(eventually([&] { return sched_call(k, {kCtl, "5"}).ret == 2; }));
  EXPECT_EQ(sched_call(k, {kCtl, "3"}).ret, 7);  // interrupted wait -> loop ends, returns 7
}

TEST(Kthread, KthreadLeftRunningAtUnloadIsReportedAndStopped) {
  Kernel k;
  k.insmod("test_kthread");
  pid_t d = k.daemon_pid();
  auto leak = sched_call(k, {kCtl, "10"});
  ASSERT_GT(leak.ret, 0);
  pid_t tid = static_cast<pid_t>(leak.ret);
  EXPECT_EQ(thread_comm(d, tid), "test_leaky");
  k.rmmod("test_kthread");
  EXPECT_NE(k.dmesg().find("test_kthread: exit left kthread test_leaky"), std::string::npos) << k.dmesg();
  EXPECT_EQ(thread_comm(d, tid), "");  // the thread is gone
  EXPECT_EQ(k.ukern({"ps"}).out.find("test_leaky"), std::string::npos);
}

TEST(WaitQueue, InterruptibleWaitEndsWhenTheCallerIsKilledAndPsListsTheCall) {
  Kernel k;
  k.insmod("test_kthread");
  std::thread caller([&] { (void)k.run({test_bin("sched_call"), kCtl, "7"}); });
  std::string ps;
  bool listed = eventually([&] {
    ps = k.ukern({"ps"}).out;
    return ps.find("test_kthread_ctl") != std::string::npos &&
           ps.find("S (wait_event_interruptible never_wq)") != std::string::npos;
  });
  EXPECT_TRUE(listed) << ps;
  // The row: PID TID COMM NR SYSCALL ...
  pid_t pid = -1;
  std::istringstream lines(ps);
  for (std::string line; std::getline(lines, line);)
    if (line.find("test_kthread_ctl") != std::string::npos) pid = static_cast<pid_t>(std::stol(line));
  ASSERT_GT(pid, 0) << ps;
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  EXPECT_TRUE(eventually([&] {
    return k.dmesg().find("wait_event_interruptible returned -512") != std::string::npos;
  }));
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(ms, 1000);
  caller.join();
  EXPECT_TRUE(eventually([&] { return k.ukern({"ps"}).out.find("test_kthread_ctl") == std::string::npos; }));
}

TEST(WaitQueue, RmmodEndsAnInterruptibleWaitOfACallInsteadOfFailingBusy) {
  Kernel k;
  k.insmod("test_kthread");
  CallResult blocked;
  std::thread caller([&] { blocked = sched_call(k, {kCtl, "7"}); });
  ASSERT_TRUE(eventually([&] { return k.ukern({"ps"}).out.find("never_wq") != std::string::npos; }));
  auto rm = k.ukern({"rmmod", "test_kthread"});
  EXPECT_EQ(rm.status, 0) << rm.err;
  caller.join();
  EXPECT_LT(blocked.ret, 0);  // the wait was interrupted
  EXPECT_NE(k.dmesg().find("wait_event_interruptible returned -512"), std::string::npos);
}
