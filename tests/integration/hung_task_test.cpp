// The hung-task detector reports a call blocked longer than the timeout.
#include <signal.h>

#include <thread>

#include "sched_helpers.h"

using namespace ukern::test;

TEST(HungTask, BlockedCallIsReportedWithItsStack) {
  Kernel::Options o;
  o.time_scale = 10;
  Kernel k(o);
  k.insmod("test_kthread");
  auto set = k.ukern({"sysctl", "hung_task_timeout_secs=2"});
  EXPECT_EQ(set.status, 0) << set.err;
  EXPECT_EQ(set.out, "hung_task_timeout_secs = 2\n");
  // msleep(100 s of kernel time) = 10 s host; reported after 2 s kernel = 0.2 s host.
  std::thread caller([&] { (void)k.run({test_bin("sched_call"), "610", "6", "100000"}, 20000); });
  std::string log;
  EXPECT_TRUE(eventually([&] {
    log = k.dmesg();
    return log.find("blocked for more than 2 seconds.") != std::string::npos;
  }, 10000)) << log;
  EXPECT_NE(log.find("INFO: task "), std::string::npos);
  EXPECT_NE(log.find("blocked in msleep"), std::string::npos) << log;
  EXPECT_NE(log.find("Call Trace:"), std::string::npos);
  EXPECT_NE(log.find("msleep"), std::string::npos);
  EXPECT_NE(log.find("[test_kthread]"), std::string::npos) << "the module frame\n" << log;
  EXPECT_EQ(count_of(log, "blocked for more than"), 1u);  // once per sleep
  // Unblock: kill the caller (its msleep ends at once).
  std::string ps = k.ukern({"ps"}).out;
  std::istringstream lines(ps);
  for (std::string line; std::getline(lines, line);)
    if (line.find("test_kthread_ctl") != std::string::npos) kill(static_cast<pid_t>(std::stol(line)), SIGKILL);
  caller.join();
}

TEST(HungTask, SysctlRejectsBadValuesAndZeroDisables) {
  Kernel k;
  EXPECT_EQ(k.ukern({"sysctl", "hung_task_timeout_secs"}).out, "hung_task_timeout_secs = 120\n");
  EXPECT_NE(k.ukern({"sysctl", "hung_task_timeout_secs=-1"}).status, 0);
  EXPECT_NE(k.ukern({"sysctl", "hung_task_timeout_secs=abc"}).status, 0);
  EXPECT_NE(k.ukern({"sysctl", "no_such_key=1"}).status, 0);
  EXPECT_EQ(k.ukern({"sysctl", "hung_task_timeout_secs=0"}).status, 0);
  EXPECT_NE(k.ukern({"sysctl"}).out.find("hung_task_timeout_secs = 0"), std::string::npos);
}
