// Allocation accounting: leaks reported at rmmod, bad frees reported.
#include <gtest/gtest.h>

#include "harness.h"

using namespace ukern::test;

TEST(Kmalloc, LeakIsReportedAtRmmodWithSizeAndAllocationSite) {
  Kernel k;
  k.insmod("test_leak", {"objects=5", "leak=2", "size=100"});
  k.rmmod("test_leak");
  std::string log = k.dmesg();
  EXPECT_NE(log.find("kmemleak: 2 unreferenced object(s) (200 bytes) from module test_leak at unload"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("(size 100)"), std::string::npos);
  EXPECT_NE(log.find("    test_leak_init+0x"), std::string::npos) << "allocation site in the backtrace\n" << log;
  EXPECT_NE(log.find("[test_leak]"), std::string::npos);
}

TEST(Kmalloc, CleanModuleReportsNothing) {
  Kernel k;
  k.insmod("test_leak", {"objects=5", "leak=0"});
  k.rmmod("test_leak");
  EXPECT_EQ(k.dmesg().find("kmemleak"), std::string::npos);
}

TEST(Kmalloc, DoubleFreeIsReportedAndIgnored) {
  Kernel k;
  k.insmod("test_leak", {"double_free=1"});
  std::string log = k.dmesg();
  EXPECT_NE(log.find("BUG: kfree of 0x"), std::string::npos) << log;
  EXPECT_NE(log.find("already freed (double free)"), std::string::npos);
  EXPECT_NE(log.find("Module: test_leak"), std::string::npos);
  EXPECT_EQ(k.ukern({"ping"}).status, 0) << "the kernel survives";
  k.rmmod("test_leak");
}
