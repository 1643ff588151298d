// Linux-style C modules (<linux/*.h>, include/compat) run on ukern's kernel
// services: built by CMake from tests/cmodules/*.c as NAME.ko.
#include <gtest/gtest.h>

#include "harness.h"

using namespace ukern::test;

namespace {

std::string c_module(const std::string& name) { return build_dir() + "/tests/modules/" + name + ".ko"; }

}  // namespace

TEST(CompatC, HelloPrintsAtAlertAndShowsInLsmodAndModinfo) {
  Kernel k;
  k.insmod(c_module("c_hello"), {"times=3"});
  Outcome ls = k.ukern({"lsmod"});
  EXPECT_NE(ls.out.find("c_hello"), std::string::npos) << ls.out;
  Outcome info = k.ukern({"modinfo", "c_hello"});
  EXPECT_NE(info.out.find("Dual BSD/GPL"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("the lecture's hello world"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("times"), std::string::npos) << info.out;
  k.rmmod("c_hello");
  std::string log = k.dmesg();
  EXPECT_NE(log.find("Hello, world!"), std::string::npos) << log;
  EXPECT_NE(log.find("Hello again (2)"), std::string::npos) << log;
  EXPECT_EQ(log.find("Hello again (3)"), std::string::npos) << log;
  EXPECT_NE(log.find("Goodbye, sleepy world."), std::string::npos) << log;
  // The older "<0>" level prefix is parsed, not printed (levels: unit test Printk.OlderAngle...).
  EXPECT_NE(log.find("] hello Linux, I'm in Kernel"), std::string::npos) << log;
}
