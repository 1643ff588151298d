// Bad input, each with a clear message and a failing exit code: broken
// syscall tables, files that are not modules, unknown parameters and
// modules, a busy runtime dir, no kernel at all, and users who may not
// load or unload modules.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "harness.h"
#include "other_user.h"

using namespace ukern::test;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A temporary directory, removed with everything in it.
struct TempDir {
  std::string path;
  TempDir() {
    char t[] = "/tmp/ukern-errors-XXXXXX";
    path = mkdtemp(t);
  }
  ~TempDir() {
    std::string cmd = "rm -rf '" + path + "'";
    if (system(cmd.c_str()) != 0) {
    }
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::string p = path + "/" + name;
    std::ofstream(p) << text;
    return p;
  }
};

}  // namespace

TEST(Errors, GarbageTableRowNamesFileAndLine) {
  TempDir d;
  std::string bad = d.write("bad.tbl",
                            "# a comment\n"
                            "600\tcommon\ttest_sleep\tsys_test_sleep\n"
                            "this is not a row\n");
  Kernel k(Kernel::Options{.table = bad, .start = false});
  auto r = k.up();
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "bad.tbl:3:")) << r.err;
  // No kernel was left behind.
  auto ping = k.ukern({"ping"});
  EXPECT_EQ(ping.status, 1);
  EXPECT_TRUE(has(ping.err, "no kernel is running")) << ping.err;
}

TEST(Errors, TableRowWithBadNumberOrDuplicate) {
  TempDir d;
  for (auto [text, part] : {std::pair<std::string, std::string>{"600 common a\nx600 common b\n", "bad.tbl:2:"},
                            {"600 common a\n601 common a\n", "bad.tbl:2: name 'a' is used twice"},
                            {"600 common a\n600 common b\n", "bad.tbl:2: number 600 is used twice"}}) {
    SCOPED_TRACE(text);
    std::string bad = d.write("bad.tbl", text);
    Kernel k(Kernel::Options{.table = bad, .start = false});
    auto r = k.up();
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(has(r.err, part)) << r.err;
  }
}

TEST(Errors, InsmodOfMissingFileOrUnknownName) {
  Kernel k;
  auto r = k.ukern({"insmod", "/nonexistent/dir/gone.so"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "/nonexistent/dir/gone.so: no such module file")) << r.err;

  auto n = k.ukern({"insmod", "no_such_module_anywhere"});
  EXPECT_EQ(n.status, 1);
  EXPECT_TRUE(has(n.err, "module 'no_such_module_anywhere' not found")) << n.err;
}

TEST(Errors, InsmodOfTextFileAndOfSharedLibraryThatIsNoModule) {
  Kernel k;
  TempDir d;
  std::string text = d.write("notes.so", "this is a text file, not an ELF object\n");
  auto r = k.ukern({"insmod", text});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "not a loadable module")) << r.err;

  // A real shared library that every Debian system has, without module_init.
  const std::string libz = "/lib/x86_64-linux-gnu/libz.so.1";
  ASSERT_EQ(access(libz.c_str(), R_OK), 0) << libz << " missing";
  auto z = k.ukern({"insmod", libz});
  EXPECT_EQ(z.status, 1);
  EXPECT_TRUE(has(z.err, "not a ukern module (no module_init)")) << z.err;

  // Neither left anything behind, and the kernel still loads a real module.
  auto ls = k.ukern({"lsmod"});
  EXPECT_FALSE(has(ls.out, "notes")) << ls.out;
  EXPECT_FALSE(has(ls.out, "libz")) << ls.out;
  k.insmod("test_count");
  EXPECT_EQ(k.run({test_bin("sc"), "601", "2"}).out, "0 -\n");
}

TEST(Errors, InsmodWithUnknownOrBadParameter) {
  Kernel k;
  auto r = k.ukern({"insmod", test_module("test_sleep"), "bogus=1"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "unknown parameter 'bogus'")) << r.err;

  auto v = k.ukern({"insmod", test_module("test_sleep"), "slice_ms=soon"});
  EXPECT_EQ(v.status, 1);
  EXPECT_TRUE(has(v.err, "invalid value 'soon' for parameter 'slice_ms'")) << v.err;

  EXPECT_FALSE(has(k.ukern({"lsmod"}).out, "test_sleep"));
  EXPECT_EQ(k.run({test_bin("sc"), "600", "1"}).out, "-1 ENOSYS\n");
  // A good parameter after all that.
  k.insmod("test_sleep", {"slice_ms=2"});
  EXPECT_EQ(k.run({test_bin("sc"), "600", "1"}).out, "0 -\n");
}

TEST(Errors, RmmodOfUnknownModule) {
  Kernel k;
  auto r = k.ukern({"rmmod", "never_loaded"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "module 'never_loaded' is not loaded")) << r.err;
}

TEST(Errors, InsmodTwiceIsEexist) {
  Kernel k;
  k.insmod("test_count");
  auto r = k.ukern({"insmod", test_module("test_count")});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "module 'test_count' is already loaded")) << r.err;
}

TEST(Errors, SecondUpOnBusyRuntimeDirNamesThePid) {
  Kernel k;
  pid_t pid = k.daemon_pid();
  ASSERT_GT(pid, 0);
  auto r = k.up();
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "already running")) << r.err;
  EXPECT_TRUE(has(r.err, "(pid " + std::to_string(pid) + ")")) << r.err;
  // The first kernel is untouched.
  EXPECT_EQ(k.ukern({"ping"}).status, 0);
  EXPECT_EQ(k.daemon_pid(), pid);
}

TEST(Errors, RunWithoutKernel) {
  Kernel k(Kernel::Options{.start = false});
  auto r = k.run({test_bin("sc"), "601", "2"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.err, "no kernel is running in " + k.runtime_dir())) << r.err;
  EXPECT_EQ(r.out, "") << "the program ran without a kernel";
  for (const char* cmd : {"lsmod", "ping", "down"}) {
    auto c = k.ukern({cmd});
    EXPECT_EQ(c.status, 1) << cmd;
    EXPECT_TRUE(has(c.err, "no kernel is running")) << cmd << ": " << c.err;
  }
}

// Issue 9 (10): this test used to skip itself whenever uid 65534 could not
// reach the build tree, i.e. in every clean clone under a 0700 directory.
// Now the binaries it runs are staged where that user can reach them.
TEST(Errors, OtherUsersMayRunButNotLoadOrUnload) {
  ASSERT_EQ(geteuid(), 0u) << "the integration suite runs as root (it acts as another user)";
  const OtherUser nobody = OtherUser::nobody();
  StagedDir stage;
  const std::string ukern_bin = stage.add(bin("ukern"));
  const std::string sc = stage.add(test_bin("sc"));
  Kernel k;
  open_to_others(k);
  k.insmod("test_count");
  auto as_nobody = [&](std::vector<std::string> args) {
    args.insert(args.begin(), ukern_bin);
    return spawn_as(nobody, args, k.env()).wait();
  };

  auto ins = as_nobody({"insmod", test_module("test_sleep")});
  EXPECT_EQ(ins.status, 1);
  EXPECT_TRUE(has(ins.err, "insmod: permission denied")) << ins.err;

  auto rm = as_nobody({"rmmod", "test_count"});
  EXPECT_EQ(rm.status, 1);
  EXPECT_TRUE(has(rm.err, "rmmod: permission denied")) << rm.err;

  auto down = as_nobody({"down"});
  EXPECT_EQ(down.status, 1);
  EXPECT_TRUE(has(down.err, "permission denied")) << down.err;

  // What anyone may do: list modules and run programs.
  auto ls = as_nobody({"lsmod"});
  EXPECT_EQ(ls.status, 0) << ls.err;
  EXPECT_TRUE(has(ls.out, "test_count")) << ls.out;
  EXPECT_FALSE(has(ls.out, "test_sleep")) << ls.out;
  auto run = as_nobody({"run", sc, "601", "2"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "0 -\n");
  EXPECT_EQ(k.ukern({"ping"}).status, 0);
}
