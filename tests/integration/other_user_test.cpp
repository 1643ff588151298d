// The other-user facility itself: a program staged out of the build tree
// runs under `ukern run` as another user, against a test kernel.
#include <gtest/gtest.h>

#include "harness.h"
#include "other_user.h"

using namespace ukern::test;

TEST(OtherUser, NobodyRunsAStagedProgramUnderUkern) {
  Kernel k;
  auto r = run_as(k, OtherUser::nobody(), {"/usr/bin/id", "-u"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "65534\n");
}

TEST(OtherUser, EnsureCreatesAUserOnce) {
  OtherUser a = OtherUser::ensure("ukern-test");
  OtherUser b = OtherUser::ensure("ukern-test");
  ASSERT_NE(a.uid, 0u);
  EXPECT_NE(a.uid, 65534u);
  EXPECT_EQ(a.uid, b.uid);
  Kernel k;
  auto r = run_as(k, a, {"/usr/bin/id", "-u"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, std::to_string(a.uid) + "\n");
}
