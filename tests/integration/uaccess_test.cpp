// User memory from the kernel's side: show_mult (388) writing an int,
// test_echo (603) reading a string and writing it back.
#include <gtest/gtest.h>

#include "harness.h"

using namespace ukern::test;

TEST(ShowMult, ResultsAndFaultsLeaveMemoryAlone) {
  Kernel k;
  k.insmod(build_dir() + "/modules/show_mult.so");
  auto r = k.run({test_bin("show_mult_cases")});
  ASSERT_EQ(r.status, 0) << r.err;
  // CASE RET ERRNAME VALUE-AFTER (77 = untouched)
  EXPECT_EQ(r.out, kShowMultCasesExpected);
  EXPECT_NE(k.dmesg().find("show_mult: 2 * 5 = 10"), std::string::npos);
}

TEST(ShowMult, WithoutTheModuleEveryCaseIsEnosys) {
  Kernel k;
  auto r = k.run({test_bin("show_mult_cases")});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("ok -1 ENOSYS 77\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("readonly -1 ENOSYS 77\n"), std::string::npos) << r.out;
}

TEST(TestEcho, StringsFaultsAndLengths) {
  Kernel k;
  k.insmod("test_echo");
  auto r = k.run({test_bin("echo_cases")});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "hello 5 - hello\n"
            "empty 0 - 0\n"
            "exact 3 - abc\n"
            "toolong -1 ENAMETOOLONG untouched\n"
            "nullsrc -1 EFAULT untouched\n"
            "nulldst -1 EFAULT\n"
            "zerolen -1 EINVAL untouched\n"
            "edge 5 - edge!\n"
            "runs_off -1 EFAULT untouched\n"
            "unmapped_src -1 EFAULT untouched\n"
            "readonly_dst -1 EFAULT untouched\n"
            "long 12411 - same\n"
            "long_short -1 ENAMETOOLONG\n");
}
