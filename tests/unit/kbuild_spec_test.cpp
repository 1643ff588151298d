// `ukern kbuild`: reading what make printed for a Kbuild Makefile, and
// splitting flags as the shell does.
#include <gtest/gtest.h>

#include "kernel/kbuild/kbuild_spec.h"

using namespace ukern::kbuild;

TEST(KbuildSpec, ModulesWithPartsFlagsAndTheMakefilesOwnOutput) {
  std::string out =
      "hello from the Makefile\n"
      "__UKERN_KBUILD__ obj-m elevator.o check.o\n"
      "__UKERN_KBUILD__ obj-y sys_call.o\n"
      "__UKERN_KBUILD__ parts elevator.o src/elevator.o src/proc_file.o \n"
      "__UKERN_KBUILD__ parts check.o  \n"
      "__UKERN_KBUILD__ ccflags -I/x/include -DGREETING='\"two words\"'\n"
      "__UKERN_KBUILD__ cflags src/proc_file.o -DPROC=1\n"
      "__UKERN_KBUILD__ cflags check.o \n";
  std::string err;
  KbuildSpec s = parse_kbuild_output(out, &err);
  ASSERT_EQ(err, "");
  ASSERT_EQ(s.modules.size(), 2u);
  EXPECT_EQ(s.modules[0].name, "elevator");
  EXPECT_EQ(s.modules[0].parts, (std::vector<std::string>{"src/elevator.o", "src/proc_file.o"}));
  EXPECT_EQ(s.modules[1].parts, (std::vector<std::string>{"check.o"}));  // a single-file module is itself
  EXPECT_EQ(s.builtin, (std::vector<std::string>{"sys_call.o"}));
  EXPECT_EQ(s.ccflags, (std::vector<std::string>{"-I/x/include", "-DGREETING=\"two words\""}));
  EXPECT_EQ(s.object_cflags.at("src/proc_file.o"), (std::vector<std::string>{"-DPROC=1"}));
  EXPECT_EQ(s.object_cflags.count("check.o"), 0u);
  EXPECT_EQ(s.messages, "hello from the Makefile\n");
}

TEST(KbuildSpec, EntriesThatAreNotModulesAreErrors) {
  std::string err;
  parse_kbuild_output("__UKERN_KBUILD__ obj-m sub/\n", &err);
  EXPECT_NE(err.find("'sub/' is not NAME.o"), std::string::npos) << err;
  err.clear();
  parse_kbuild_output("__UKERN_KBUILD__ obj-m m.o\n__UKERN_KBUILD__ parts m.o src/m.c\n", &err);
  EXPECT_NE(err.find("m-objs entry 'src/m.c' is not an object file"), std::string::npos) << err;
}

TEST(KbuildSpec, SplitFlagsLikeTheShell) {
  EXPECT_EQ(split_flags("  -a  'b c' \"d\\\"e\" f\\ g "), (std::vector<std::string>{"-a", "b c", "d\"e", "f g"}));
  EXPECT_TRUE(split_flags("   ").empty());
}
