// The course slides' programs against the classic modules.
#include <gtest/gtest.h>

#include "harness.h"

using namespace ukern::test;

TEST(TestNewsyscall, EnosysBeforeInsmodFiveAfterEnosysAfterRmmod) {
  Kernel k;
  for (const char* prog : {"test_newsyscall", "test_newsyscall_static"}) {
    SCOPED_TRACE(prog);
    auto before = k.run({bin(prog)});
    EXPECT_EQ(before.status, 0);
    EXPECT_EQ(before.err, "system call error: Function not implemented\n");
    k.insmod(ukern::test::build_dir() + "/modules/test_newsyscall.so");
    auto after = k.run({bin(prog)});
    EXPECT_EQ(after.out, "Function successful, returned 5\n");
    EXPECT_NE(k.dmesg().find("test_newsyscall: Your int is 5"), std::string::npos);
    k.rmmod("test_newsyscall");
    auto again = k.run({bin(prog)});
    EXPECT_EQ(again.err, "system call error: Function not implemented\n");
  }
}

TEST(TestNewsyscall, OutsideUkernIsEnosys) {
  auto r = run_process({bin("test_newsyscall")});
  EXPECT_EQ(r.err, "system call error: Function not implemented\n");
}

TEST(Newsyscall, ProgramThroughLibnewGreetsInTheKernelLog) {
  Kernel k;
  auto before = k.run({bin("newsyscall")});
  EXPECT_EQ(before.status, 1);
  EXPECT_EQ(before.err, "system call error: Function not implemented\n");
  k.insmod("newsyscall");
  auto after = k.run({bin("newsyscall")});
  EXPECT_EQ(after.status, 0) << after.err;
  EXPECT_EQ(after.out, "Function successful, returned 0\n");
  EXPECT_NE(k.dmesg().find("hello Linux, I'm in Kernel\n"), std::string::npos);
}
