// Modules at work: rmmod against calls in flight, and what lsmod, modinfo
// and `ukern syscalls` report.
#include <signal.h>

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "harness.h"

using namespace ukern::test;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

long count(const Kernel& k, int op) {
  auto r = k.run({test_bin("sc"), "601", std::to_string(op)});
  if (r.status != 0) return -1000;
  return std::stol(r.out);
}
constexpr int kInProgress = 1;

// The whitespace-separated fields of the first line of `text` whose first
// field is `first`; empty when there is none.
std::vector<std::string> row(const std::string& text, const std::string& first) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::istringstream f(line);
    std::vector<std::string> fields;
    for (std::string w; f >> w;) fields.push_back(w);
    if (!fields.empty() && fields[0] == first) return fields;
  }
  return {};
}

}  // namespace

TEST(Rmmod, WaitsForTheCallInFlight) {
  Kernel k;
  k.insmod("test_sleep");
  k.insmod("test_count");
  auto caller = k.spawn_run({test_bin("sc"), "600", "1500"});
  ASSERT_TRUE(eventually([&] { return count(k, kInProgress) == 1; })) << "the call never started";
  auto rm = k.ukern({"rmmod", "test_sleep"});
  EXPECT_EQ(rm.status, 0) << rm.err;
  // The call ran to its end before the module's exit ran.
  std::string log = k.dmesg();
  auto done = log.find("test_sleep: done ms=1500 ret=0");
  auto exit = log.find("test_sleep: exit");
  ASSERT_NE(done, std::string::npos) << log;
  ASSERT_NE(exit, std::string::npos) << log;
  EXPECT_LT(done, exit) << log;
  auto o = caller.wait(5000);
  EXPECT_EQ(o.status, 0);
  EXPECT_EQ(o.out, "0 -\n");
  // Gone now: new calls get ENOSYS.
  EXPECT_EQ(k.run({test_bin("sc"), "600", "1"}).out, "-1 ENOSYS\n");
}

TEST(Rmmod, TimeoutWhileCallInFlightIsEbusyAndModuleStaysLive) {
  Kernel k;
  k.insmod("test_sleep");
  k.insmod("test_count");
  auto caller = k.spawn_run({test_bin("sc"), "600", "5000"});
  ASSERT_TRUE(eventually([&] { return count(k, kInProgress) == 1; })) << "the call never started";
  auto rm = k.ukern({"rmmod", "test_sleep", "--timeout-ms=100"});
  EXPECT_EQ(rm.status, 1);
  EXPECT_TRUE(has(rm.err, "module 'test_sleep' still has 1 call(s) in flight")) << rm.err;
  EXPECT_TRUE(has(rm.err, "Device or resource busy")) << rm.err;

  // Still live, still working, and not half unloaded.
  auto ls = k.ukern({"lsmod"}).out;
  auto fields = row(ls, "test_sleep");
  ASSERT_FALSE(fields.empty()) << ls;
  EXPECT_FALSE(has(ls, "[Unloading]")) << ls;
  EXPECT_EQ(k.run({test_bin("sc"), "600", "1"}).out, "0 -\n");
  EXPECT_FALSE(has(k.dmesg(), "test_sleep: exit"));

  // End the long call; then rmmod succeeds.
  kill(caller.pid(), SIGKILL);
  caller.wait(5000);
  EXPECT_TRUE(eventually([&] { return count(k, kInProgress) == 0; }, 3000));
  k.rmmod("test_sleep");
}

TEST(Lsmod, ShowsNameSizeAndUsers) {
  Kernel k;
  k.insmod("test_sleep");
  k.insmod("test_count");
  auto ls = k.ukern({"lsmod"});
  ASSERT_EQ(ls.status, 0);
  EXPECT_TRUE(has(ls.out, "Module")) << ls.out;
  auto f = row(ls.out, "test_sleep");
  ASSERT_GE(f.size(), 3u) << ls.out;
  EXPECT_GT(std::stol(f[1]), 0) << "size";
  EXPECT_EQ(f[2], "0") << "users while idle";

  // A call in flight is a user of its module.
  auto caller = k.spawn_run({test_bin("sc"), "600", "3000"});
  EXPECT_TRUE(eventually([&] {
    auto g = row(k.ukern({"lsmod"}).out, "test_sleep");
    return g.size() >= 3 && g[2] == "1";
  })) << k.ukern({"lsmod"}).out;
  kill(caller.pid(), SIGKILL);
  caller.wait(5000);
  EXPECT_TRUE(eventually([&] {
    auto g = row(k.ukern({"lsmod"}).out, "test_sleep");
    return g.size() >= 3 && g[2] == "0";
  }));
}

TEST(Modinfo, ShowsDescriptionAndParameters) {
  Kernel k;
  k.insmod("test_sleep", {"slice_ms=3"});
  auto r = k.ukern({"modinfo", "test_sleep"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "name:           test_sleep\n")) << r.out;
  EXPECT_TRUE(has(r.out, "description:    test_sleep (600): sleeps in kernel time")) << r.out;
  EXPECT_TRUE(has(r.out, "license:        GPL")) << r.out;
  EXPECT_TRUE(has(r.out, "param:          slice_ms=3 (perm 644)")) << r.out;
  EXPECT_TRUE(has(r.out, "parm:slice_ms:")) << r.out;

  auto none = k.ukern({"modinfo", "not_loaded"});
  EXPECT_EQ(none.status, 1);
  EXPECT_TRUE(has(none.err, "module 'not_loaded' is not loaded")) << none.err;
}

TEST(Syscalls, CountsCallsAndErrors) {
  Kernel k;
  k.insmod(build_dir() + "/modules/show_mult.so");
  // show_mult_cases makes 9 calls to 388; 7 fail.
  ASSERT_EQ(k.run({test_bin("show_mult_cases")}).status, 0);
  // Three more good ones, and two to 601 while its stub is empty.
  EXPECT_EQ(k.run({test_bin("sc"), "-r", "3", "388", "1", "1", "0"}).out, "-1 EFAULT\n-1 EFAULT\n-1 EFAULT\n");
  EXPECT_EQ(k.run({test_bin("sc"), "-r", "2", "601", "2"}).out, "-1 ENOSYS\n-1 ENOSYS\n");
  auto r = k.ukern({"syscalls"});
  ASSERT_EQ(r.status, 0);
  auto mult = row(r.out, "388");
  ASSERT_GE(mult.size(), 5u) << r.out;
  EXPECT_EQ(mult[1], "show_mult");
  EXPECT_EQ(mult[2], "show_mult");  // the module that set the stub
  EXPECT_EQ(mult[3], "12") << r.out;  // calls
  EXPECT_EQ(mult[4], "10") << r.out;  // errors
  auto cnt = row(r.out, "601");
  ASSERT_GE(cnt.size(), 5u) << r.out;
  EXPECT_EQ(cnt[2], "-");
  EXPECT_EQ(cnt[3], "2");
  EXPECT_EQ(cnt[4], "2");
}

TEST(TestSleep, BadDurationIsEinvalAndNotCounted) {
  Kernel k;
  k.insmod("test_sleep");
  k.insmod("test_count");
  EXPECT_EQ(k.run({test_bin("sc"), "600", "-1"}).out, "-1 EINVAL\n");
  EXPECT_EQ(k.run({test_bin("sc"), "600", "3600001"}).out, "-1 EINVAL\n");
  EXPECT_EQ(count(k, 0), 0);
  EXPECT_EQ(k.run({test_bin("sc"), "600", "0"}).out, "0 -\n");
  EXPECT_EQ(count(k, 0), 1);
}
