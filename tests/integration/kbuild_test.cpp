// Course directories (tests/kbuild/) built as they are with `ukern kbuild`,
// built-in files linked in with `ukern up --builtin`, and the C stub
// pointers that modules set themselves: what they call, and what rmmod
// does about them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "harness.h"

using namespace ukern::test;
namespace fs = std::filesystem;

namespace {

// A copy of the course directory tests/kbuild/NAME in the kernel's runtime
// dir (removed with it): kbuild writes NAME.ko and its objects there.
std::string course_dir(const Kernel& k, const std::string& name, const std::string& from = "tests/kbuild") {
  fs::path dst = fs::path(k.runtime_dir()) / "src" / name;
  fs::create_directories(dst.parent_path());
  fs::copy(fs::path(source_dir()) / from / name, dst, fs::copy_options::recursive);
  return dst.string();
}


Outcome kbuild(const std::string& dir) { return run_process({bin("ukern"), "kbuild", dir}); }

// `ukern run callnr NR ARGS...` -> "ret=R errno=E"
std::string call(const Kernel& k, const std::vector<std::string>& nr_and_args) {
  std::vector<std::string> argv = {test_bin("callnr")};
  argv.insert(argv.end(), nr_and_args.begin(), nr_and_args.end());
  Outcome o = k.run(argv);
  return o.out.substr(0, o.out.find('\n'));
}

}  // namespace

TEST(Kbuild, LectureBuiltinFileAndModuleAsPrinted) {
  Kernel k(Kernel::Options{.start = false});
  std::string dir = course_dir(k, "lecture");
  Outcome b = kbuild(dir);
  ASSERT_EQ(b.status, 0) << b.out << b.err;
  ASSERT_TRUE(fs::exists(dir + "/my_module.ko")) << b.err;
  // The Makefile's obj-y names the built-in file, which kbuild points to.
  EXPECT_NE(b.err.find("ukern up --builtin newsyscalls.c"), std::string::npos) << b.err;

  Outcome up = k.up({"--builtin", dir + "/newsyscalls.c"});
  ASSERT_EQ(up.status, 0) << up.out << up.err;
  Outcome before = k.run({test_bin("lecture_newsyscall")});
  EXPECT_NE(before.err.find("system call error: Function not implemented"), std::string::npos) << before.err;

  k.insmod(dir + "/my_module.ko");
  Outcome loaded = k.run({test_bin("lecture_newsyscall")});
  EXPECT_EQ(loaded.out, "Function successful, returned 5\n") << loaded.err;
  EXPECT_NE(k.dmesg().find("my_test_newsyscall: Your int is 5"), std::string::npos) << k.dmesg();
  EXPECT_NE(k.ukern({"syscalls"}).out.find("my_module"), std::string::npos);

  k.rmmod("my_module");
  Outcome after = k.run({test_bin("lecture_newsyscall")});
  EXPECT_NE(after.err.find("system call error: Function not implemented"), std::string::npos) << after.err;
}

TEST(Kbuild, SyscallCheckModuleLinksAgainstUkernsOwnWrappers) {
  Kernel k;  // no built-in file: ukern's own wrappers export the STUB_ pointers
  std::string dir = course_dir(k, "syscall_check");
  Outcome b = kbuild(dir);
  ASSERT_EQ(b.status, 0) << b.out << b.err;
  Outcome before = k.run({test_bin("syscall_check_prog")});
  EXPECT_EQ(before.out, "") << before.out;
  EXPECT_NE(before.err.find("stop_elevator system call does not exist: Function not implemented"), std::string::npos)
      << before.err;

  // As a student types it, in the module's directory.
  Outcome ins = run_process({"/bin/sh", "-c", "cd '" + dir + "' && '" + bin("ukern") + "' insmod ./syscall_check.ko"},
                            k.env());
  ASSERT_EQ(ins.status, 0) << ins.err;
  Outcome loaded = k.run({test_bin("syscall_check_prog")});
  EXPECT_EQ(loaded.out,
            "start_elevator system call exists.\nissue_request system call exists.\nstop_elevator system call exists.\n")
      << loaded.err;
  EXPECT_NE(k.ukern({"lsmod"}).out.find("syscall_check"), std::string::npos);
  k.rmmod("syscall_check");
  EXPECT_EQ(call(k, {"548"}), "ret=-1 errno=38");
  EXPECT_EQ(k.dmesg().find("pointing into the module"), std::string::npos) << "its exit cleared them itself";
}

TEST(Kbuild, StubsAModuleLeftSetAreClearedWithAWarning) {
  Kernel k;
  std::string dir = course_dir(k, "forgetful");
  ASSERT_EQ(kbuild(dir).status, 0);
  k.insmod(dir + "/forgetful.ko");
  EXPECT_EQ(call(k, {"548"}), "ret=11 errno=0");
  EXPECT_EQ(call(k, {"550"}), "ret=12 errno=0");
  k.rmmod("forgetful");
  std::string log = k.dmesg();
  EXPECT_NE(log.find("forgetful: exit left STUB_start_elevator pointing into the module; cleared"), std::string::npos)
      << log;
  EXPECT_NE(log.find("forgetful: exit left STUB_stop_elevator pointing into the module; cleared"), std::string::npos)
      << log;
  EXPECT_EQ(log.find("STUB_issue_request pointing"), std::string::npos) << "it never set that one";
  // The code is unmapped: calls get ENOSYS, the kernel serves on.
  EXPECT_EQ(call(k, {"548"}), "ret=-1 errno=38");
  EXPECT_EQ(call(k, {"550"}), "ret=-1 errno=38");
  EXPECT_EQ(k.ukern({"ping"}).status, 0);
}

TEST(Kbuild, SplitModuleWithSubfoldersCcflagsAndExtraCflags) {
  Kernel k;
  std::string dir = course_dir(k, "split");
  Outcome b = kbuild(dir);
  ASSERT_EQ(b.status, 0) << b.out << b.err;
  EXPECT_NE(b.err.find("CC [M]  src/split_helper.o"), std::string::npos) << b.err;
  k.insmod(dir + "/split.ko");
  // SPLIT_BASE from ccflags-y, the function from the other file.
  EXPECT_EQ(call(k, {"549", "3", "4", "5"}), "ret=1345 errno=0");
  EXPECT_NE(k.dmesg().find("split: two files, one module"), std::string::npos) << "EXTRA_CFLAGS";
  k.rmmod("split");
}

TEST(Kbuild, CompileErrorsNameTheStudentsFileAndLine) {
  Kernel k(Kernel::Options{.start = false});
  std::string dir = course_dir(k, "broken");
  Outcome b = kbuild(dir);
  EXPECT_NE(b.status, 0);
  EXPECT_NE(b.err.find("src/broken.c:13:"), std::string::npos) << b.err;
  EXPECT_NE(b.err.find("frobnicate_the_elevator"), std::string::npos) << b.err;
  EXPECT_FALSE(fs::exists(dir + "/broken.ko"));
  // A built-in file that does not compile starts no kernel.
  fs::path bad = fs::path(dir) / "sys_call.c";
  fs::copy_file(fs::path(dir) / "src/broken.c", bad);
  Outcome up2 = k.up({"--builtin", bad.string()});
  EXPECT_NE(up2.status, 0);
  EXPECT_NE(up2.err.find("sys_call.c:13:"), std::string::npos) << up2.err;
  EXPECT_NE(up2.err.find("no kernel started"), std::string::npos) << up2.err;
  EXPECT_NE(k.ukern({"ping"}).status, 0);
}

TEST(Kbuild, NamesTheKernelLacksFailTheBuildLikeModpost) {
  Kernel k(Kernel::Options{.start = false});
  std::string dir = course_dir(k, "unprovided");
  Outcome b = kbuild(dir);
  EXPECT_NE(b.status, 0);
  EXPECT_NE(b.err.find("ERROR: modpost: \"elevator_secret_helper\" [unprovided.ko] undefined!"), std::string::npos)
      << b.err;
  // snprintf and strlen come from the kernel's headers: not reported.
  EXPECT_EQ(b.err.find("\"snprintf\""), std::string::npos) << b.err;
  EXPECT_EQ(b.err.find("\"strlen\""), std::string::npos) << b.err;
  EXPECT_FALSE(fs::exists(dir + "/unprovided.ko"));
}

TEST(Kbuild, RmmodWhileAStubSleepsInMsleepWaitsForTheCallToLeave) {
  Kernel k;
  std::string dir = course_dir(k, "sleeper");
  ASSERT_EQ(kbuild(dir).status, 0);
  k.insmod(dir + "/sleeper.ko");
  // The module's own STUB_ names it: the call holds a reference. rmmod
  // refuses new calls, ends the sleep early (as for a C++ module being
  // unloaded) and waits for the call to leave the module; only then does
  // the exit run and the code go.
  Spawned slow = k.spawn_run({test_bin("callnr"), "549", "20000", "7"});
  ASSERT_TRUE(eventually([&] { return k.dmesg().find("sleeper: sleeping 20000 ms") != std::string::npos; }));
  Outcome rm = k.ukern({"rmmod", "sleeper"});
  EXPECT_EQ(rm.status, 0) << rm.err;
  EXPECT_EQ(slow.wait().out, "ret=7 errno=0\n") << "the call ended in the module's code, with its answer";
  std::string log = k.dmesg();
  size_t awake = log.find("sleeper: awake, answering 7"), exit = log.find("sleeper: exit");
  ASSERT_NE(awake, std::string::npos) << log;
  ASSERT_NE(exit, std::string::npos) << log;
  EXPECT_LT(awake, exit) << log;
  EXPECT_EQ(call(k, {"549", "0", "8"}), "ret=-1 errno=38");
  EXPECT_EQ(k.ukern({"ping"}).status, 0);
}

TEST(Kbuild, GracePeriodCoversCallsTheKernelCannotAttributeToAModule) {
  Kernel k(Kernel::Options{.start = false});
  std::string dir = course_dir(k, "grace");
  Outcome b = kbuild(dir);
  ASSERT_EQ(b.status, 0) << b.err;  // grace_hook: exported by the Makefile's obj-y file
  ASSERT_EQ(k.up({"--builtin", dir + "/sys_grace.c"}).status, 0);
  EXPECT_NE(k.dmesg().find("builtin: __se_sys_isue_request matches no syscall-table row"), std::string::npos)
      << k.dmesg();
  EXPECT_EQ(k.dmesg().find("__se_sys_issue_request matches"), std::string::npos);
  k.insmod(dir + "/grace.ko");

  // The wrapper calls grace_hook: no reference is taken, so the exit runs at
  // once; the module's code must stay mapped until the call returns.
  Spawned slow = k.spawn_run({test_bin("callnr"), "549", "1500", "5"});
  ASSERT_TRUE(eventually([&] { return k.dmesg().find("grace: sleeping 1500") != std::string::npos; }));
  Outcome busy = k.ukern({"rmmod", "grace", "--timeout-ms=100"});
  EXPECT_NE(busy.status, 0);
  EXPECT_NE(busy.err.find("ran its exit"), std::string::npos) << busy.err;
  EXPECT_NE(k.dmesg().find("grace: exit"), std::string::npos);
  EXPECT_NE(k.ukern({"lsmod"}).out.find("[Unloading]"), std::string::npos) << k.ukern({"lsmod"}).out;
  EXPECT_EQ(call(k, {"549", "0", "6"}), "ret=-1 errno=38") << "the exit cleared the hook";
  EXPECT_EQ(slow.wait().out, "ret=5 errno=0\n") << "the call finished in the module's still-mapped code";
  Outcome rm = k.ukern({"rmmod", "grace"});
  EXPECT_EQ(rm.status, 0) << rm.err;
  EXPECT_EQ(k.ukern({"lsmod"}).out.find("grace"), std::string::npos);

  // With time enough, rmmod simply waits out the grace period.
  k.insmod(dir + "/grace.ko");
  Spawned again = k.spawn_run({test_bin("callnr"), "549", "800", "4"});
  ASSERT_TRUE(eventually([&] { return k.dmesg().find("grace: sleeping 800") != std::string::npos; }));
  EXPECT_EQ(k.ukern({"rmmod", "grace"}).status, 0);
  EXPECT_NE(k.dmesg().find("grace: awake, answering 4"), std::string::npos) << "rmmod returned before the call left";
  EXPECT_EQ(again.wait().out, "ret=4 errno=0\n");
}

