// Module parameters: `insmod NAME key=value` parsed into a module's variables.
#include <gtest/gtest.h>

#include <climits>
#include <string>

#include "kernel/module/params.h"

using namespace ukern;

namespace {

// A module as the loader would have it after the registrations ran.
struct FakeModule {
  int i = 1;
  unsigned u = 2;
  long l = 3;
  unsigned long ul = 4;
  bool b = false;
  char* cp = nullptr;
  std::string s = "start";
  Module m;
  FakeModule() {
    m.name = "fake";
    m.params = {{"i", &i, ParamKind::Int, 0644},     {"u", &u, ParamKind::UInt, 0644},
                {"l", &l, ParamKind::Long, 0644},    {"ul", &ul, ParamKind::ULong, 0444},
                {"b", &b, ParamKind::Bool, 0644},    {"cp", &cp, ParamKind::CharP, 0644},
                {"s", &s, ParamKind::String, 0600}};
  }
  Result<void> apply(const std::string& kv, std::string* why = nullptr) {
    std::string w;
    auto r = param_apply(m, kv, &w);
    if (why) *why = w;
    return r;
  }
  const Module::Param& param(const std::string& name) {
    for (auto& p : m.params)
      if (p.name == name) return p;
    throw std::out_of_range(name);
  }
};

}  // namespace

TEST(Params, IntegersInDecimalAndHex) {
  FakeModule f;
  ASSERT_TRUE(f.apply("i=-42"));
  EXPECT_EQ(f.i, -42);
  ASSERT_TRUE(f.apply("i=0x1f"));
  EXPECT_EQ(f.i, 31);
  ASSERT_TRUE(f.apply("u=4000000000"));
  EXPECT_EQ(f.u, 4000000000u);
  ASSERT_TRUE(f.apply("l=-9000000000"));
  EXPECT_EQ(f.l, -9000000000L);
  ASSERT_TRUE(f.apply("ul=0xffffffffffffffff"));
  EXPECT_EQ(f.ul, ULONG_MAX);
  EXPECT_EQ(param_value(f.param("i")), "31");
  EXPECT_EQ(param_value(f.param("ul")), "18446744073709551615");
}

TEST(Params, BadIntegersAreEinvalAndLeaveTheValue) {
  FakeModule f;
  for (const char* kv : {"i=", "i=abc", "i=12abc", "i=99999999999", "u=-1", "i=0x", "i= 5", "i"}) {
    SCOPED_TRACE(kv);
    std::string why;
    auto r = f.apply(kv, &why);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), EINVAL);
    EXPECT_NE(why.find("fake: invalid value"), std::string::npos) << why;
    EXPECT_EQ(f.i, 1);
    EXPECT_EQ(f.u, 2u);
  }
}

TEST(Params, BoolsTakeLinuxSpellingsAndABareKey) {
  FakeModule f;
  ASSERT_TRUE(f.apply("b"));
  EXPECT_TRUE(f.b);
  EXPECT_EQ(param_value(f.param("b")), "Y");
  for (const char* off : {"b=0", "b=n", "b=N", "b=false"}) {
    f.b = true;
    ASSERT_TRUE(f.apply(off)) << off;
    EXPECT_FALSE(f.b) << off;
  }
  for (const char* on : {"b=1", "b=y", "b=Y", "b=true"}) {
    f.b = false;
    ASSERT_TRUE(f.apply(on)) << on;
    EXPECT_TRUE(f.b) << on;
  }
  std::string why;
  auto r = f.apply("b=maybe", &why);
  EXPECT_EQ(r.error(), EINVAL);
  EXPECT_NE(why.find("invalid value 'maybe' for parameter 'b'"), std::string::npos) << why;
}

TEST(Params, StringsKeepTheirText) {
  FakeModule f;
  EXPECT_EQ(param_value(f.param("cp")), "(null)");
  ASSERT_TRUE(f.apply("cp=hello=world"));  // only the first '=' splits
  ASSERT_NE(f.cp, nullptr);
  EXPECT_STREQ(f.cp, "hello=world");
  ASSERT_TRUE(f.apply("cp=second"));
  EXPECT_STREQ(f.cp, "second");
  ASSERT_TRUE(f.apply("s="));
  EXPECT_EQ(f.s, "");
  ASSERT_TRUE(f.apply("s=a b c"));
  EXPECT_EQ(param_value(f.param("s")), "a b c");
}

TEST(Params, UnknownKeyNamesModuleAndKey) {
  FakeModule f;
  std::string why;
  auto r = f.apply("nosuch=1", &why);
  EXPECT_EQ(r.error(), EINVAL);
  EXPECT_EQ(why, "fake: unknown parameter 'nosuch'");
  r = f.apply("=1", &why);
  EXPECT_EQ(r.error(), EINVAL);
  EXPECT_EQ(why, "fake: unknown parameter ''");
}
