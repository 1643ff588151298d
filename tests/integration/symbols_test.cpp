// Exported symbols between modules, and the references they hold.
#include <gtest/gtest.h>

#include "harness.h"

using namespace ukern::test;

TEST(Symbols, ImportNeedsExporterAndHoldsItUntilUnloaded) {
  Kernel k;
  auto missing = k.ukern({"insmod", test_module("test_import")});
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("init failed"), std::string::npos) << missing.err;

  k.insmod("test_export");
  k.insmod("test_import");
  EXPECT_NE(k.dmesg().find("test_import: 40 + 2 = 42"), std::string::npos);
  std::string lsmod = k.ukern({"lsmod"}).out;
  EXPECT_NE(lsmod.find("test_export"), std::string::npos);
  EXPECT_NE(lsmod.find("2 test_import"), std::string::npos) << "two symbols held by test_import\n" << lsmod;

  auto busy = k.ukern({"rmmod", "test_export"});
  EXPECT_EQ(busy.status, 1);
  EXPECT_NE(busy.err.find("in use by test_import"), std::string::npos) << busy.err;

  k.rmmod("test_import");
  EXPECT_NE(k.ukern({"lsmod"}).out.find("test_export                 "), std::string::npos);
  k.rmmod("test_export");
}

TEST(Symbols, ModuleCanBeLoadedAgainAfterUnload) {
  Kernel k;
  for (int i = 0; i < 20; ++i) {
    k.insmod("test_export");
    k.insmod("test_import");
    k.rmmod("test_import");
    k.rmmod("test_export");
  }
  std::string log = k.dmesg();
  size_t n = 0;
  for (size_t p = 0; (p = log.find("test_import: 40 + 2 = 42", p)) != std::string::npos; ++p) ++n;
  EXPECT_EQ(n, 20u) << "each load ran init afresh";
}
