// printk: levels, line splitting, timestamps, rate limiting.
#include <gtest/gtest.h>

#include "kernel/printk/log.h"
#include "ukern/printk.h"

using namespace ukern;

namespace {
std::vector<LogRecord> since(uint64_t from) {
  uint64_t next;
  return log_read(from, &next);
}
uint64_t next_seq() {
  uint64_t next;
  log_read(UINT64_MAX, &next);
  return next;
}
}  // namespace

TEST(Printk, LevelPrefixIsParsedAndStripped) {
  uint64_t from = next_seq();
  printk(KERN_EMERG "hello Linux, I'm in Kernel\n");
  printk(KERN_INFO "info %d\n", 7);
  printk("no level\n");
  auto r = since(from);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].level, 0);
  EXPECT_EQ(r[0].text, "hello Linux, I'm in Kernel");
  EXPECT_EQ(r[1].level, 6);
  EXPECT_EQ(r[1].text, "info 7");
  EXPECT_EQ(r[2].level, 4) << "default level is warning, as in Linux";
}

TEST(Printk, OlderAngleBracketLevelIsParsedAndStripped) {
  uint64_t from = next_seq();
  printk("<0>hello Linux, I'm in Kernel\n");
  printk("<6>info\n");
  printk("<9>not a level\n");
  auto r = since(from);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].level, 0);
  EXPECT_EQ(r[0].text, "hello Linux, I'm in Kernel");
  EXPECT_EQ(r[1].level, 6);
  EXPECT_EQ(r[1].text, "info");
  EXPECT_EQ(r[2].level, 4);
  EXPECT_EQ(r[2].text, "<9>not a level");
}

TEST(Printk, OneRecordPerLineAndFormattedTimestamp) {
  uint64_t from = next_seq();
  printk(KERN_ERR "first\nsecond\n");
  auto r = since(from);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].text, "second");
  EXPECT_EQ(r[1].level, 3);
  LogRecord rec{0, 5'123'456'789, 6, "x"};
  EXPECT_EQ(log_format(rec), "[    5.123456] x");
}

TEST(Printk, RateLimitAllowsBurstThenCountsSuppressed) {
  RateLimit rl(60'000, 3);
  int allowed = 0;
  for (int i = 0; i < 10; ++i) allowed += rl.allow();
  EXPECT_EQ(allowed, 3);
}

TEST(Printk, RateLimitedMacroSuppressesFlood) {
  uint64_t from = next_seq();
  for (int i = 0; i < 100; ++i) printk_ratelimited(KERN_INFO "flood %d\n", i);
  auto r = since(from);
  EXPECT_EQ(r.size(), 10u) << "burst of 10 per 5 s";
  EXPECT_EQ(r.back().text, "flood 9");
}
