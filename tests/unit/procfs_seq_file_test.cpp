// seq_file formatting and its size limit.
#include <gtest/gtest.h>

#include "ukern/seq_file.h"

using namespace ukern;

TEST(SeqFile, PrintfPutsPutcWriteAppendInOrder) {
  seq_file m;
  EXPECT_EQ(seq_printf(&m, "%s=%d ", "a", 42), 0);
  seq_puts(&m, "b");
  seq_putc(&m, '\n');
  seq_write(&m, "xyz", 2);
  EXPECT_EQ(m.buf, "a=42 b\nxy");
  EXPECT_FALSE(m.overflow);
}

TEST(SeqFile, LongFormattedOutputIsNotCut) {
  seq_file m;
  std::string long_text(5000, 'q');
  EXPECT_EQ(seq_printf(&m, "[%s]", long_text.c_str()), 0);
  EXPECT_EQ(m.buf, "[" + long_text + "]");
}

TEST(SeqFile, StopsAtTheLimitAndReportsOverflow) {
  seq_file m;
  std::string chunk(1000, 'x');
  int rc = 0;
  for (size_t i = 0; i < seq_file_max_bytes / chunk.size() + 2 && rc == 0; ++i) rc = seq_printf(&m, "%s", chunk.c_str());
  EXPECT_EQ(rc, -1);
  EXPECT_TRUE(m.overflow);
  EXPECT_EQ(m.buf.size(), seq_file_max_bytes);
  seq_puts(&m, "more");
  EXPECT_EQ(m.buf.size(), seq_file_max_bytes);
}

// include/ukern/timekeeping.h, which xtime uses.
#include <ctime>

#include "kernel/sched/clock.h"
#include "ukern/timekeeping.h"

TEST(Timekeeping, RealTimeIsNormalisedNearTheHostClockAndNeverGoesBack) {
  timespec64 a = ktime_get_real_ts64();
  timespec64 b = ktime_get_real_ts64();
  for (const auto& t : {a, b}) {
    EXPECT_GE(t.tv_nsec, 0);
    EXPECT_LT(t.tv_nsec, 1000000000L);
  }
  EXPECT_TRUE(b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec));
  if (clock_time_scale() == 1.0) {  // another test may have scaled the clock
    EXPECT_LE(std::llabs(static_cast<long long>(a.tv_sec) - static_cast<long long>(time(nullptr))), 5);
  }
  EXPECT_GE(ktime_get_boottime_ns(), 0);
}
