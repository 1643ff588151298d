// Issue 9 (8): every way out of ukernd but SIGKILL is a clean shutdown.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "harness.h"

using namespace ukern::test;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool mounted(const std::string& path) { return has(slurp("/proc/self/mountinfo"), " " + path + " "); }

bool alive(pid_t pid) { return kill(pid, 0) == 0; }

class SignalShutdown : public ::testing::TestWithParam<int> {};

}  // namespace

// Caught: on main, SIGTERM, SIGINT or SIGHUP landed on whichever thread had
// it unblocked (any thread started before the control server), killing
// ukernd with its FUSE mount left behind ("Transport endpoint is not
// connected") and without running the modules' exit functions.
TEST_P(SignalShutdown, UnmountsRunsModuleExitAndSaysWhy) {
  const int sig = GetParam();
  Kernel k;
  k.insmod("test_sleep");
  const std::string proc = k.runtime_dir() + "/proc";
  ASSERT_TRUE(mounted(proc)) << "procfs is not mounted at " << proc;
  pid_t pid = k.daemon_pid();
  ASSERT_GT(pid, 0);
  ASSERT_EQ(kill(pid, sig), 0);
  ASSERT_TRUE(eventually([&] { return !alive(pid); }, 20000)) << "ukernd did not exit on " << strsignal(sig);
  std::string log = slurp(k.runtime_dir() + "/ukernd.log");
  EXPECT_TRUE(has(log, std::string("shutting down (signal ") + strsignal(sig) + ")")) << log;
  EXPECT_TRUE(has(log, "test_sleep: exit")) << log;
  EXPECT_TRUE(has(log, "ukern: halted")) << log;
  EXPECT_FALSE(mounted(proc)) << "the /proc mount was left behind";
  // The dir is clean enough for the next kernel.
  Outcome again = k.up();
  EXPECT_EQ(again.status, 0) << again.err;
}

INSTANTIATE_TEST_SUITE_P(Shutdown, SignalShutdown, ::testing::Values(SIGTERM, SIGINT, SIGHUP),
                         [](const auto& info) { return std::string(sigabbrev_np(info.param)); });

// Caught: on main a boot failure after the subsystems started (here the
// control socket's path is taken by a directory) left the /proc mount and
// aborted in static destructors or hung in pthread_cond_destroy.
TEST(Shutdown, BootFailureAfterSubsystemsStartedIsClean) {
  Kernel k(Kernel::Options{.start = false});
  ASSERT_EQ(mkdir((k.runtime_dir() + "/ctl.sock").c_str(), 0700), 0);
  Outcome up = k.up();
  EXPECT_EQ(up.status, 1);
  EXPECT_TRUE(has(up.err, "ctl.sock exists and is not a socket")) << up.err;
  std::string log = slurp(k.runtime_dir() + "/ukernd.log");
  EXPECT_TRUE(has(log, "boot failed")) << log;
  EXPECT_TRUE(has(log, "ukern: halted")) << log;
  EXPECT_FALSE(has(log, "terminate called")) << log;
  EXPECT_TRUE(eventually([&] { return !mounted(k.runtime_dir() + "/proc"); }, 5000));
  // ukernd is gone: the lock is free and a later up works once the path is.
  ASSERT_EQ(rmdir((k.runtime_dir() + "/ctl.sock").c_str()), 0);
  Outcome again = k.up();
  EXPECT_EQ(again.status, 0) << again.err;
}
