// The way into the kernel: callers killed or signalled in the middle of a
// blocking call, many threads at once, forked children, static programs.
#include <signal.h>

#include <cstdio>

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "harness.h"

using namespace ukern::test;

namespace {

// test_count (601) op `op`, asked through a real program; -1000 - errno-ish
// sentinel when the program failed.
long count(const Kernel& k, int op) {
  auto r = k.run({test_bin("sc"), "601", std::to_string(op)});
  if (r.status != 0) return -1000;
  return std::stol(r.out);
}

enum Op { kEntered = 0, kInProgress = 1, kNull = 2, kMaxInProgress = 3, kInterrupted = 4 };

}  // namespace

TEST(Entry, CallerKilledInBlockingCallLeavesKernelConsistent) {
  Kernel k;
  k.insmod("test_sleep");
  k.insmod("test_count");
  auto caller = k.spawn_run({test_bin("sc"), "600", "10000"});
  ASSERT_TRUE(eventually([&] { return count(k, kInProgress) == 1; })) << "the 10 s call never started";
  ASSERT_EQ(kill(caller.pid(), SIGKILL), 0);
  auto o = caller.wait(5000);
  EXPECT_EQ(o.status, 128 + SIGKILL);

  // The module notices its caller is gone and gives up the call.
  EXPECT_TRUE(eventually([&] { return count(k, kInProgress) == 0; }, 3000));
  EXPECT_EQ(count(k, kInterrupted), 1);
  EXPECT_EQ(count(k, kEntered), 1);

  // No call is left in flight: rmmod does not need to wait for one.
  auto rm = k.ukern({"rmmod", "test_sleep", "--timeout-ms=1000"});
  EXPECT_EQ(rm.status, 0) << rm.err;

  // The kernel still works.
  k.insmod("test_sleep");
  auto again = k.run({test_bin("sc"), "600", "10"});
  EXPECT_EQ(again.out, "0 -\n");
  auto ping = k.ukern({"ping"});
  EXPECT_EQ(ping.status, 0);
  EXPECT_NE(ping.out.find("ukernd"), std::string::npos);
}

TEST(Entry, SignalWithHandlerDuringCallDoesNotRestartIt) {
  Kernel k;
  k.insmod("test_sleep");
  k.insmod("test_count");
  auto r = k.run({test_bin("sleep_signals"), "300"});
  ASSERT_EQ(r.status, 0) << r.err;
  // "ret R errno E sent S handled H"
  long ret = -99, sent = 0, handled = 0;
  char err[32] = {};
  ASSERT_EQ(sscanf(r.out.c_str(), "ret %ld errno %31s sent %ld handled %ld", &ret, err, &sent, &handled), 4)
      << r.out;
  EXPECT_EQ(ret, 0) << r.out;
  EXPECT_STREQ(err, "-");
  EXPECT_GE(sent, 5) << "the signals were not sent during the call";
  EXPECT_GE(handled, 1);
  // One call, seen once by the module, though signals arrived while it slept.
  EXPECT_EQ(count(k, kEntered), 1);
  EXPECT_EQ(count(k, kInterrupted), 0);
}

TEST(Entry, SixtyFourThreadsBlockAtOnce) {
  Kernel k;
  k.insmod("test_sleep");
  k.insmod("test_count");
  auto r = k.run({test_bin("sleep_threads"), "64", "1000"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "calls 64 ok 64\n");
  EXPECT_EQ(count(k, kEntered), 64);
  // All 64 were in the module at the same moment: no caller waited for another.
  EXPECT_EQ(count(k, kMaxInProgress), 64);
  EXPECT_EQ(count(k, kInProgress), 0);
}

TEST(Entry, ForkedChildReachesTheKernel) {
  Kernel k;
  k.insmod("test_count");
  auto r = k.run({test_bin("fork_call")});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "child 0\nparent 0\n");
}

TEST(Entry, ForkedChildOutsideUkernGetsEnosys) {
  auto r = run_process({test_bin("fork_call")});
  EXPECT_EQ(r.out, "child -1\nparent -1\n");
}

TEST(Entry, ThreadsOfDynamicAndStaticProgramsReachTheKernel) {
  Kernel k;
  k.insmod("test_echo");
  for (const char* prog : {"threads_echo", "threads_echo_static"}) {
    SCOPED_TRACE(prog);
    auto r = k.run({test_bin(prog), "16"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "threads 16 ok 16\n");
  }
}

TEST(Entry, NullCallAndUnknownNumbers) {
  Kernel k;
  // Before insmod: the table row exists, the stub is empty.
  EXPECT_EQ(k.run({test_bin("sc"), "601", "2"}).out, "-1 ENOSYS\n");
  k.insmod("test_count");
  EXPECT_EQ(k.run({test_bin("sc"), "601", "2"}).out, "0 -\n");
  EXPECT_EQ(k.run({test_bin("sc"), "601", "99"}).out, "-1 EINVAL\n");
  // test_sleep not loaded: its counters are not there.
  EXPECT_EQ(k.run({test_bin("sc"), "601", "0"}).out, "-1 ENOENT\n");
  // 700 is trapped (Linux leaves 512-1023 unused) but has no row: ukernd
  // answers ENOSYS and counts it. 500 is not trapped: the host answers ENOSYS.
  auto before = k.ukern({"syscalls"}).out;
  EXPECT_NE(before.find("unknown numbers called: 0\n"), std::string::npos) << before;
  EXPECT_EQ(k.run({test_bin("sc"), "700"}).out, "-1 ENOSYS\n");
  EXPECT_EQ(k.run({test_bin("sc"), "500"}).out, "-1 ENOSYS\n");
  auto after = k.ukern({"syscalls"}).out;
  EXPECT_NE(after.find("unknown numbers called: 1\n"), std::string::npos) << after;
  // A real host call that is not trapped answers as usual.
  auto ppid = k.run({test_bin("sc"), "110"});
  EXPECT_GT(std::stol(ppid.out), 1) << ppid.out;
}

TEST(Entry, RunPassesTheProgramsArgumentsUntouched) {
  Kernel k;
  // The program's own options stay where they are, after ukern's parsing.
  EXPECT_EQ(k.run({"/bin/echo", "-r", "3", "--help", "--", "x"}).out, "-r 3 --help -- x\n");
  EXPECT_EQ(k.ukern({"run", "--", "/bin/echo", "-n", "ok"}).out, "ok");
  EXPECT_EQ(k.run({test_bin("sc"), "-r", "2", "601", "2"}).out, "-1 ENOSYS\n-1 ENOSYS\n");
}

// A handler blocked in plain host code (test_sleep sleeps with
// std::this_thread) does not hold up another call from the same process:
// the entry watchdog starts a second receiver (it ticks every 20 ms).
TEST(Entry, BlockedHandlerDoesNotHoldUpTheNextCaller) {
  Kernel k;
  k.insmod("test_sleep");
  k.insmod("test_count");
  auto r = k.run({test_bin("blocked_and_quick")});
  double first_ms = -1;
  long seen = -99, blocked_ret = -99;
  ASSERT_EQ(sscanf(r.out.c_str(), "first_ms %lf seen %ld blocked_ret %ld", &first_ms, &seen, &blocked_ret), 3)
      << r.out << r.err;
  EXPECT_EQ(seen, 1) << "a second call was served while the first was blocked";
  EXPECT_EQ(blocked_ret, 0);
  EXPECT_LT(first_ms, 1500.0) << "the second call waited for the 3 s call";
}
