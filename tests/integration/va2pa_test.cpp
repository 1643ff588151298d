// va2pa (390): physical addresses of the caller's pages, checked against
// the host's own /proc/self/pagemap, and the walk in the kernel log.
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "harness.h"
#include "other_user.h"

using namespace ukern::test;

namespace {

/// The words of the output line that starts with `tag`.
std::vector<std::string> line_of(const std::string& out, const std::string& tag) {
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::vector<std::string> w;
    for (std::string s; words >> s;) w.push_back(s);
    if (!w.empty() && w[0] == tag) return w;
  }
  return {};
}

unsigned long hex(const std::string& s) { return std::stoul(s, nullptr, 16); }

/// The host's THP mode ("always", "madvise", "never"), "" when it has none.
std::string thp_mode() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string all;
  std::getline(in, all);
  size_t open = all.find('['), close = all.find(']');
  return open == std::string::npos || close == std::string::npos ? "" : all.substr(open + 1, close - open - 1);
}

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

}  // namespace

TEST(Va2pa, WrittenPageMatchesPagemapAndTheLogShowsTheWalkAndTheInt) {
  Kernel k;
  k.insmod("va2pa");
  auto r = k.run({test_bin("va2pa_cases"), "424242"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto w = line_of(r.out, "written");
  ASSERT_EQ(w.size(), 6u) << r.out;
  EXPECT_EQ(w[5], "-");
  const unsigned long addr = hex(w[1]), phys = hex(w[3]), pagemap = hex(w[4]);
  EXPECT_EQ(w[2], "424242");
  EXPECT_NE(pagemap, 0u) << "pagemap gave no frame (not root?)";
  EXPECT_EQ(phys, pagemap);
  EXPECT_EQ(phys & 0xfff, addr & 0xfff) << "the offset in the page is kept";

  std::string log = k.dmesg();
  EXPECT_TRUE(has(log, fmt::format("va2pa: pgd index {}, pud index {}, pmd index {}, pte index {}, offset {:#x}\n",
                                   (addr >> 39) & 511, (addr >> 30) & 511, (addr >> 21) & 511, (addr >> 12) & 511,
                                   addr & 0xfff)))
      << log;
  EXPECT_TRUE(has(log, fmt::format("va2pa: page frame {:#x}, physical address {:#x}\n", phys >> 12, phys))) << log;
  EXPECT_TRUE(has(log, fmt::format("va2pa: the int at physical address {:#x} is 424242\n", phys))) << log;
}

TEST(Va2pa, UnmappedIsEfaultUntouchedIsEnoent) {
  Kernel k;
  k.insmod("va2pa");
  auto r = k.run({test_bin("va2pa_cases")});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "unmapped -1 EFAULT\n")) << r.out;
  EXPECT_TRUE(has(r.out, "untouched -1 ENOENT\n")) << r.out;
  std::string log = k.dmesg();
  EXPECT_TRUE(has(log, "is not mapped\n")) << log;
  EXPECT_TRUE(has(log, "is mapped but its page is not present\n")) << log;
  // Past the user half of the address space: EFAULT before any walk.
  auto kernel_addr = k.run({test_bin("sc"), "390", "0x800000000000"});
  EXPECT_EQ(kernel_addr.out, "-1 EFAULT\n");
}

// On a host with transparent huge pages (THP mode "always" or "madvise"),
// the int lies in a 2 MiB page that one PMD entry maps; without THP ("never",
// or no THP at all), the same region is made of 4 KiB pages. Either way the
// address must be pagemap's.
TEST(Va2pa, TransparentHugePageGivesTheRightAddress) {
  const std::string mode = thp_mode();
  const bool thp = mode == "always" || mode == "madvise";
  Kernel k;
  k.insmod("va2pa");
  auto r = k.run({test_bin("va2pa_cases"), "777"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto t = line_of(r.out, "thp");
  ASSERT_EQ(t.size(), 6u) << r.out;
  EXPECT_EQ(t[1], thp ? "yes" : "no") << "THP mode '" << mode << "'";
  EXPECT_EQ(t[3], "778");
  const unsigned long phys = hex(t[4]), pagemap = hex(t[5]);
  EXPECT_NE(pagemap, 0u);
  EXPECT_EQ(phys, pagemap);
  std::string log = k.dmesg();
  EXPECT_EQ(has(log, "2 MiB transparent huge page"), thp) << log;
  EXPECT_TRUE(has(log, fmt::format("va2pa: the int at physical address {:#x} is 778\n", phys))) << log;
}

// A kernel started by an ordinary user lacks CAP_SYS_ADMIN: the host hides
// frame numbers from it, and va2pa says so with EPERM (only for a page that
// is present; the other answers stay as they are).
TEST(Va2pa, KernelThatMayNotReadFrameNumbersGivesEperm) {
  KernelAs k(OtherUser::nobody(), {"va2pa"});
  auto ins = k.ukern({"insmod", "va2pa"});
  ASSERT_EQ(ins.status, 0) << ins.err;
  auto r = k.run({test_bin("va2pa_cases"), "5"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto w = line_of(r.out, "written");
  ASSERT_EQ(w.size(), 6u) << r.out;
  EXPECT_EQ(w[5], "EPERM") << r.out;
  EXPECT_TRUE(has(r.out, "unmapped -1 EFAULT\n")) << r.out;
  EXPECT_TRUE(has(r.out, "untouched -1 ENOENT\n")) << r.out;
  auto log = k.ukern({"dmesg"}).out;
  EXPECT_TRUE(has(log, "frame numbers are hidden")) << log;
}
