// Issue 9 (7, 9): rmmod.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "harness.h"

using namespace ukern::test;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The "Size Used-by" count of `name` in lsmod, -1 when absent.
long users_of(const Kernel& k, const std::string& name) {
  std::istringstream in(k.ukern({"lsmod"}).out);
  for (std::string line; std::getline(in, line);) {
    std::istringstream f(line);
    std::string n;
    long size, users;
    if (f >> n >> size >> users && n == name) return users;
  }
  return -1;
}

}  // namespace

// Caught: on main rmmod held the module registry lock while it waited for
// calls in flight, so a call that needed the lock to finish (here an oops
// report, which lists the loaded modules) could not, and rmmod failed with
// EBUSY at its timeout.
TEST(RmmodHardening, WaitsForCallsInFlightWithoutTheRegistryLock) {
  Kernel k;
  k.insmod("test_fault");
  Spawned caller = k.spawn_run({test_bin("sc"), "602", "5"});  // 300 ms, then an oops
  ASSERT_TRUE(eventually([&] { return users_of(k, "test_fault") == 1; })) << k.ukern({"lsmod"}).out;
  Outcome rm = k.ukern({"rmmod", "--timeout-ms=20000", "test_fault"});
  EXPECT_EQ(rm.status, 0) << rm.err;
  Outcome call = caller.wait();
  EXPECT_EQ(call.out, "-1 EFAULT\n");
  EXPECT_TRUE(has(k.dmesg(), "BUG: unable to handle page fault"));
  EXPECT_EQ(users_of(k, "test_fault"), -1);
}

// Caught: `insmod my-mod.so` registers my_mod, and main's `rmmod my-mod`
// answered "not loaded" (Linux treats '-' and '_' alike).
TEST(RmmodHardening, DashAndUnderscoreAreAlike) {
  Kernel k;
  k.insmod("test_count");
  Outcome info = k.ukern({"modinfo", "test-count"});
  EXPECT_EQ(info.status, 0) << info.err;
  Outcome rm = k.ukern({"rmmod", "test-count"});
  EXPECT_EQ(rm.status, 0) << rm.err;
  EXPECT_EQ(users_of(k, "test_count"), -1);
}
