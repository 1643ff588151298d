// The syscall table parser: Linux's format, and clear errors naming the line.
#include <gtest/gtest.h>

#include "kernel/syscalls/table_file.h"

using namespace ukern;

TEST(TableFile, ParsesRowsCommentsAndDefaultEntryPoint) {
  std::string err;
  auto t = parse_syscall_table("# comment\n\n337\tcommon\ttest_newsyscall\tsys_test_newsyscall\n548 64 start_elevator\n",
                               "t.tbl", &err);
  ASSERT_EQ(err, "");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].nr, 337);
  EXPECT_EQ(t.rows[0].name, "test_newsyscall");
  EXPECT_EQ(t.rows[1].entry, "sys_start_elevator");
  EXPECT_EQ(t.rows[1].line, 4);
  EXPECT_TRUE(t.warnings.empty());
}

TEST(TableFile, GarbageRowNamesTheLine) {
  std::string err;
  parse_syscall_table("337 common a\nfoo bar\n", "x.tbl", &err);
  EXPECT_NE(err.find("x.tbl:2:"), std::string::npos) << err;
}

TEST(TableFile, RejectsDuplicatesRangeAbiAndEntryNumbers) {
  std::string err;
  parse_syscall_table("337 common a\n337 common b\n", "t", &err);
  EXPECT_NE(err.find("used twice"), std::string::npos);
  err.clear();
  parse_syscall_table("5000 common a\n", "t", &err);
  EXPECT_NE(err.find("out of range"), std::string::npos);
  err.clear();
  parse_syscall_table("600 i386 a\n", "t", &err);
  EXPECT_NE(err.find("abi"), std::string::npos);
  err.clear();
  parse_syscall_table("1 common mywrite\n", "t", &err);  // write: the entry needs it
  EXPECT_NE(err.find("entry needs"), std::string::npos);
}

TEST(TableFile, ShadowingAHostCallIsAWarning) {
  std::string err;
  auto t = parse_syscall_table("317 common old_slides_call\n", "t", &err);
  EXPECT_EQ(err, "");
  ASSERT_EQ(t.warnings.size(), 1u);
  EXPECT_NE(t.warnings[0].find("shadows"), std::string::npos);
}
