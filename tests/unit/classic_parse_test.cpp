// Pure logic of the taskinfo and va2pa modules: /proc text parsers, the
// permission rule, the split of an address into page-table indices.
#include <gtest/gtest.h>

#include "modules/taskinfo/proc_pid.h"
#include "modules/va2pa/page_walk.h"

TEST(TaskinfoParse, StatLineWithSpacesAndParensInTheName) {
  // proc(5) fields 1-44 of a real line, with an awkward command name.
  const char* line =
      "4242 (a) b (c) S 17 4242 17 0 -1 4194304 901 5 3 0 12 34 0 0 25 5 1 0 55555 2662400 345 "
      "18446744073709551615 1 1 0 0 0 0 0 6 0 1 0 0 17 0 0 3 0 0 0\n";
  auto st = taskinfo::parse_proc_stat(line);
  ASSERT_TRUE(st.has_value());
  EXPECT_EQ(st->state, 'S');
  EXPECT_EQ(st->ppid, 17);
  EXPECT_EQ(st->minflt, 901u);
  EXPECT_EQ(st->majflt, 3u);
  EXPECT_EQ(st->utime, 12);
  EXPECT_EQ(st->stime, 34);
  EXPECT_EQ(st->priority, 25);
  EXPECT_EQ(st->starttime, 55555u);
  EXPECT_EQ(st->policy, 3u);
}

TEST(TaskinfoParse, TruncatedOrGarbledStatIsRefused) {
  EXPECT_FALSE(taskinfo::parse_proc_stat("4242 (x) S 17 4242").has_value());
  EXPECT_FALSE(taskinfo::parse_proc_stat("no parenthesis here").has_value());
  EXPECT_FALSE(taskinfo::parse_proc_stat("1 (x) S notanumber 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 "
                                         "0 0 0 0 0 0 0 0 0 0")
                   .has_value());
}

TEST(TaskinfoParse, StateLettersAndUids) {
  EXPECT_EQ(taskinfo::task_state_bits('R'), 0);
  EXPECT_EQ(taskinfo::task_state_bits('S'), 1);
  EXPECT_EQ(taskinfo::task_state_bits('D'), 2);
  EXPECT_EQ(taskinfo::task_state_bits('T'), 4);
  EXPECT_EQ(taskinfo::task_state_bits('t'), 8);
  EXPECT_EQ(taskinfo::task_state_bits('X'), 16);
  EXPECT_EQ(taskinfo::task_state_bits('Z'), 32);
  EXPECT_EQ(taskinfo::task_state_bits('?'), -1);
  auto ids = taskinfo::parse_status_uids("Name:\tx\nUmask:\t0022\nUid:\t1000\t0\t1001\t0\nGid:\t5\t5\t5\t5\n");
  ASSERT_TRUE(ids.has_value());
  EXPECT_EQ(ids->real, 1000u);
  EXPECT_EQ(ids->effective, 0u);
  EXPECT_EQ(ids->saved, 1001u);
}

TEST(TaskinfoParse, WhoMayInspectWhom) {
  using taskinfo::Uids;
  EXPECT_TRUE(taskinfo::may_inspect(Uids{1000, 0, 1000}, Uids{5, 5, 5})) << "effective root";
  EXPECT_TRUE(taskinfo::may_inspect(Uids{1000, 1000, 1000}, Uids{1000, 1000, 1000}));
  EXPECT_FALSE(taskinfo::may_inspect(Uids{1000, 1000, 1000}, Uids{0, 0, 0}));
  EXPECT_FALSE(taskinfo::may_inspect(Uids{1000, 1000, 1000}, Uids{1000, 0, 0})) << "a set-uid root program";
}

TEST(Va2paWalk, IndicesOffsetAndPagemapEntry) {
  // 0x7f12'3456'7abc: bits 47-39 = 254, 38-30 = 72, 29-21 = 418, 20-12 = 359.
  constexpr uint64_t addr = 0x7f1234567abcULL;
  constexpr auto ix = va2pa::split(addr);
  EXPECT_EQ(ix.pgd, (addr >> 39) & 511);
  EXPECT_EQ(ix.pgd, 254u);
  EXPECT_EQ(ix.pud, 72u);
  EXPECT_EQ(ix.pmd, 418u);
  EXPECT_EQ(ix.pte, 359u);
  EXPECT_EQ(ix.offset, 0xabcu);
  EXPECT_EQ(va2pa::pagemap_offset(addr), (addr >> 12) * 8);
  va2pa::PagemapEntry present{(1ULL << 63) | 0x1234};
  EXPECT_TRUE(present.present());
  EXPECT_FALSE(present.swapped());
  EXPECT_EQ(present.pfn(), 0x1234u);
  EXPECT_EQ(va2pa::physical_address(present.pfn(), addr), 0x1234abcu);
  va2pa::PagemapEntry swapped{1ULL << 62};
  EXPECT_FALSE(swapped.present());
  EXPECT_TRUE(swapped.swapped());
}
