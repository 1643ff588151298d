// /proc through its FUSE mount (real cat, ls, grep, tail, sh) and `ukern cat`.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "harness.h"

using namespace ukern::test;

namespace {

std::string proc_path(const Kernel& k, const std::string& name) { return k.runtime_dir() + "/proc/" + name; }

Outcome cat(const Kernel& k, const std::string& name) { return run_process({"/bin/cat", proc_path(k, name)}); }

bool mounted(const std::string& path) {
  std::ifstream in("/proc/self/mountinfo");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string id, parent, dev, root, mnt;
    ls >> id >> parent >> dev >> root >> mnt;
    if (mnt == path) return true;
  }
  return false;
}

std::string shipped_module(const std::string& name) { return build_dir() + "/modules/" + name + ".so"; }

// The number in the row of /proc/interrupts that starts with `label`.
long interrupts_row(const Kernel& k, const std::string& label) {
  std::istringstream in(cat(k, "interrupts").out);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string l;
    long n = -1;
    if (ls >> l >> n && l == label + ":") return n;
  }
  return -1;
}

// calls and errors of a row of /proc/syscalls.
std::pair<long, long> syscall_row(const Kernel& k, const std::string& name) {
  std::istringstream in(cat(k, "syscalls").out);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string nr, n, mod;
    long calls = -1, errors = -1;
    if (ls >> nr >> n >> mod >> calls >> errors && n == name) return {calls, errors};
  }
  return {-1, -1};
}

TEST(Procfs, MountedWithBuiltinEntries) {
  Kernel k;
  EXPECT_TRUE(mounted(k.runtime_dir() + "/proc"));
  auto ls = run_process({"/bin/ls", k.runtime_dir() + "/proc"});
  ASSERT_EQ(ls.status, 0) << ls.err;
  EXPECT_EQ(ls.out, "interrupts\nkthreads\nmeminfo\nmodules\nsyscalls\n");
  for (const char* n : {"interrupts", "kthreads", "meminfo", "modules", "syscalls"}) {
    auto c = cat(k, n);
    EXPECT_EQ(c.status, 0) << n << ": " << c.err;
    auto u = k.ukern({"cat", n});
    EXPECT_EQ(u.status, 0) << n << ": " << u.err;
  }
  EXPECT_NE(cat(k, "syscalls").out.find("show_mult"), std::string::npos);
  struct stat st;
  ASSERT_EQ(stat(proc_path(k, "modules").c_str(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  EXPECT_EQ(st.st_mode & 0777, 0444u);
}

TEST(Procfs, UkernCatMissingEntryFails) {
  Kernel k;
  auto r = k.ukern({"cat", "no_such_entry"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("no_such_entry: No such file or directory"), std::string::npos) << r.err;
  EXPECT_NE(cat(k, "no_such_entry").status, 0);
}

TEST(Procfs, ModulesFollowsInsmodAndRmmod) {
  Kernel k;
  EXPECT_EQ(cat(k, "modules").out, "");
  k.insmod(shipped_module("show_mult"));
  auto c = cat(k, "modules");
  EXPECT_TRUE(std::regex_search(c.out, std::regex("^show_mult [0-9]+ 0 - Live 0x0+\n"))) << c.out;
  EXPECT_EQ(k.ukern({"cat", "modules"}).out, c.out);
  k.rmmod("show_mult");
  EXPECT_EQ(cat(k, "modules").out, "");
}

TEST(Procfs, SyscallsCountCallsAndErrors) {
  Kernel k;
  k.insmod(shipped_module("show_mult"));
  EXPECT_EQ(syscall_row(k, "show_mult"), std::make_pair(0L, 0L));
  EXPECT_EQ(k.run({bin("show_mult"), "6", "7"}).out, "6 * 7 = 42\n");
  EXPECT_EQ(k.run({bin("show_mult"), "2000000000", "2000000000"}).status, 1);  // EOVERFLOW
  EXPECT_EQ(syscall_row(k, "show_mult"), std::make_pair(2L, 1L));
  auto text = cat(k, "syscalls").out;
  EXPECT_TRUE(std::regex_search(text, std::regex(" 388 show_mult +show_mult +2 +1 +[0-9.]+ +[0-9.]+\n"))) << text;
}

TEST(Procfs, InterruptsCountSystemCallTraps) {
  Kernel k;
  long before = interrupts_row(k, "SYS");
  ASSERT_GE(before, 0);
  EXPECT_GE(interrupts_row(k, "LOC"), 0);
  EXPECT_GE(interrupts_row(k, "EXC"), 0);
  for (int i = 0; i < 3; ++i) (void)k.run({bin("test_newsyscall")});
  EXPECT_GE(interrupts_row(k, "SYS"), before + 3);
}

TEST(Procfs, GrepTailAndLsWorkOnModuleEntries) {
  Kernel k;
  k.insmod("test_proc");
  auto ls = run_process({"/bin/ls", proc_path(k, "test_proc")});
  EXPECT_EQ(ls.out, "echo\nfail\nlines\nslow\n");
  auto grep = run_process({"/bin/grep", "-x", "line 7", proc_path(k, "test_proc/lines")});
  EXPECT_EQ(grep.status, 0);
  EXPECT_EQ(grep.out, "line 7\n");
  auto tail = run_process({"/usr/bin/tail", "-n", "2", proc_path(k, "test_proc/lines")});
  EXPECT_EQ(tail.status, 0) << tail.err;
  EXPECT_TRUE(std::regex_match(tail.out, std::regex("line 20\nreads: [0-9]+\n"))) << tail.out;
  // One show call per open: the read counter advances by one per cat.
  auto a = k.ukern({"cat", "test_proc/lines"}).out;
  auto b = cat(k, "test_proc/lines").out;
  std::smatch ma, mb;
  ASSERT_TRUE(std::regex_search(a, ma, std::regex("reads: ([0-9]+)")));
  ASSERT_TRUE(std::regex_search(b, mb, std::regex("reads: ([0-9]+)")));
  EXPECT_EQ(std::stoi(mb[1]), std::stoi(ma[1]) + 1);
}

TEST(Procfs, ShowErrorAndWrites) {
  Kernel k;
  k.insmod("test_proc");
  auto f = cat(k, "test_proc/fail");
  EXPECT_NE(f.status, 0);
  EXPECT_NE(f.err.find("Operation not permitted"), std::string::npos) << f.err;
  EXPECT_EQ(k.ukern({"cat", "test_proc/fail"}).status, 1);
  auto w = run_process({"/bin/sh", "-c", "echo written text > " + proc_path(k, "test_proc/echo")});
  EXPECT_EQ(w.status, 0) << w.err;
  EXPECT_EQ(cat(k, "test_proc/echo").out, "written text\n");
  auto ro = run_process({"/bin/sh", "-c", "echo x > " + proc_path(k, "test_proc/lines")});
  EXPECT_NE(ro.status, 0);
}

TEST(Procfs, EntriesVanishOnRmmod) {
  Kernel k;
  k.insmod("test_proc");
  EXPECT_EQ(cat(k, "test_proc/lines").status, 0);
  k.rmmod("test_proc");
  EXPECT_EQ(run_process({"/bin/ls", k.runtime_dir() + "/proc"}).out.find("test_proc"), std::string::npos);
  EXPECT_NE(cat(k, "test_proc/lines").status, 0);
  auto u = k.ukern({"cat", "test_proc/lines"});
  EXPECT_EQ(u.status, 1);
  EXPECT_EQ(k.dmesg().find("did not remove"), std::string::npos);
}

TEST(Procfs, LeftoverEntriesAreRemovedWithAWarning) {
  Kernel k;
  k.insmod("test_proc", {"leak=1"});
  k.rmmod("test_proc");
  struct stat st;
  EXPECT_NE(stat(proc_path(k, "test_proc").c_str(), &st), 0);
  EXPECT_NE(k.dmesg().find("module test_proc did not remove /proc/test_proc; removed"), std::string::npos);
  k.insmod("test_proc");  // the names are free again
  EXPECT_EQ(cat(k, "test_proc/lines").status, 0);
}

TEST(Procfs, ReaderHoldingTheFileOpenGetsAnErrorAfterUnload) {
  Kernel k;
  k.insmod("test_proc");
  int fd = open(proc_path(k, "test_proc/lines").c_str(), O_RDONLY);
  ASSERT_GE(fd, 0) << strerror(errno);
  char buf[64];
  ASSERT_GT(read(fd, buf, 8), 0);
  k.rmmod("test_proc");
  errno = 0;
  EXPECT_EQ(pread(fd, buf, sizeof buf, 0), -1);
  EXPECT_EQ(errno, EIO);
  close(fd);
  EXPECT_EQ(k.ukern({"ping"}).status, 0);
  EXPECT_EQ(cat(k, "modules").status, 0);
}

TEST(Procfs, ReadingWhileTheModuleUnloads) {
  Kernel k;
  k.insmod("test_proc", {"slow_ms=600"});
  Outcome reader;
  std::thread t([&] { reader = cat(k, "test_proc/slow"); });
  ASSERT_TRUE(eventually([&] { return k.dmesg().find("slow show started") != std::string::npos; }));
  // rmmod waits for the show in progress, then removes the entries.
  auto rm = k.ukern({"rmmod", "test_proc"});
  t.join();
  EXPECT_EQ(rm.status, 0) << rm.err;
  bool got_text = reader.status == 0 && reader.out == "slow done\n";
  bool got_error = reader.status != 0 && reader.err.find("Input/output error") != std::string::npos;
  EXPECT_TRUE(got_text || got_error) << reader.status << " " << reader.out << reader.err;
  EXPECT_EQ(k.ukern({"ping"}).status, 0);
  EXPECT_NE(cat(k, "test_proc/slow").status, 0);
}

TEST(Procfs, DownUnmounts) {
  Kernel k;
  std::string mnt = k.runtime_dir() + "/proc";
  ASSERT_TRUE(mounted(mnt));
  k.down();
  EXPECT_FALSE(mounted(mnt));
  struct stat st;
  EXPECT_EQ(stat(mnt.c_str(), &st), 0);  // a plain, empty directory again
  EXPECT_EQ(run_process({"/bin/ls", "-A", mnt}).out, "");
}

TEST(Procfs, StaleMountAfterKillDoesNotBreakTheNextUp) {
  Kernel k;
  std::string mnt = k.runtime_dir() + "/proc";
  pid_t pid = k.daemon_pid();
  ASSERT_GT(pid, 0);
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  // The dead mount answers ENOTCONN once the daemon is gone.
  ASSERT_TRUE(eventually([&] {
    struct stat st;
    return stat(mnt.c_str(), &st) != 0 && errno == ENOTCONN;
  }));
  auto up = k.up();
  ASSERT_EQ(up.status, 0) << up.out << up.err;
  EXPECT_NE(k.daemon_pid(), pid);
  EXPECT_EQ(cat(k, "interrupts").status, 0);
  EXPECT_NE(k.dmesg().find("stale mount"), std::string::npos);
}

TEST(Procfs, DownWhileAReaderHoldsAFileOpen) {
  Kernel k;
  std::string mnt = k.runtime_dir() + "/proc";
  int fd = open(proc_path(k, "interrupts").c_str(), O_RDONLY);
  ASSERT_GE(fd, 0) << strerror(errno);
  k.down();  // must not hang on the busy mount
  EXPECT_FALSE(mounted(mnt));
  char buf[16];
  EXPECT_EQ(read(fd, buf, sizeof buf), -1);  // the connection was aborted
  close(fd);
}

TEST(Procfs, WithoutAMountBootStillSucceedsAndUkernCatServes) {
  Kernel k(Kernel::Options{.start = false});
  // A dangling symlink where the mount point should be: the FUSE mount fails
  // as it does on a machine without /dev/fuse.
  mkdir(k.runtime_dir().c_str(), 0755);
  ASSERT_EQ(symlink("/nonexistent/ukern-proc", (k.runtime_dir() + "/proc").c_str()), 0);
  auto up = k.up();
  ASSERT_EQ(up.status, 0) << up.out << up.err;
  EXPECT_FALSE(mounted(k.runtime_dir() + "/proc"));
  EXPECT_NE(k.dmesg().find("served by `ukern cat` only"), std::string::npos);
  k.insmod(shipped_module("xtime"));
  auto r = k.ukern({"cat", "timed"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(std::regex_match(r.out, std::regex("current time: [0-9]+\\.[0-9]{9}\n"))) << r.out;
}

TEST(Xtime, TimedTwiceShowsTheElapsedLine) {
  Kernel k;
  k.insmod(shipped_module("xtime"));
  auto first = cat(k, "timed");
  ASSERT_EQ(first.status, 0) << first.err;
  std::smatch m1;
  ASSERT_TRUE(std::regex_match(first.out, m1, std::regex("current time: ([0-9]+)\\.([0-9]{9})\n"))) << first.out;
  EXPECT_LE(std::llabs(std::stoll(m1[1]) - static_cast<long long>(time(nullptr))), 5);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the interval being measured
  auto second = cat(k, "timed");
  std::smatch m2;
  ASSERT_TRUE(std::regex_match(second.out, m2,
                               std::regex("current time: ([0-9]+\\.[0-9]{9})\nelapsed time: ([0-9]+\\.[0-9]{9})\n")))
      << second.out;
  double elapsed = std::stod(m2[2]);
  EXPECT_GE(elapsed, 0.3);
  EXPECT_LT(elapsed, 5.0);
  // elapsed is exactly the difference of the two current times (to the ns).
  long long t1 = std::stoll(m1[1]) * 1000000000LL + std::stoll(m1[2]);
  std::string c2 = m2[1];
  long long t2 = std::stoll(c2.substr(0, c2.find('.'))) * 1000000000LL + std::stoll(c2.substr(c2.find('.') + 1));
  std::string e = m2[2];
  long long ens = std::stoll(e.substr(0, e.find('.'))) * 1000000000LL + std::stoll(e.substr(e.find('.') + 1));
  EXPECT_EQ(t2 - t1, ens);
  // `ukern cat timed` is a read too.
  EXPECT_NE(k.ukern({"cat", "timed"}).out.find("elapsed time: "), std::string::npos);
  k.rmmod("xtime");
  EXPECT_NE(cat(k, "timed").status, 0);
}

TEST(Xtime, ElapsedFollowsTheTimeScale) {
  Kernel k(Kernel::Options{.time_scale = 10.0});
  k.insmod(shipped_module("xtime"));
  ASSERT_EQ(cat(k, "timed").status, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the interval being measured
  std::smatch m;
  auto second = cat(k, "timed").out;
  ASSERT_TRUE(std::regex_search(second, m, std::regex("elapsed time: ([0-9]+\\.[0-9]{9})\n"))) << second;
  EXPECT_GE(std::stod(m[1]), 2.0);  // 0.2 s of host time at 10x
  EXPECT_LT(std::stod(m[1]), 30.0);
}

TEST(Xtime, ConcurrentReadersEachGetTheIntervalSinceThePreviousRead) {
  Kernel k;
  k.insmod(shipped_module("xtime"));
  auto first = cat(k, "timed").out;
  std::smatch m0;
  ASSERT_TRUE(std::regex_match(first, m0, std::regex("current time: ([0-9]+)\\.([0-9]{9})\n"))) << first;
  auto ns = [](const std::string& sec, const std::string& frac) { return std::stoll(sec) * 1000000000LL + std::stoll(frac); };
  std::vector<std::pair<long long, long long>> reads;  // (current, elapsed) in ns
  reads.push_back({ns(m0[1], m0[2]), -1});
  std::vector<std::string> outs(4);
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) ts.emplace_back([&, i] { outs[i] = cat(k, "timed").out; });
  for (auto& t : ts) t.join();
  std::regex two("current time: ([0-9]+)\\.([0-9]{9})\nelapsed time: ([0-9]+)\\.([0-9]{9})\n");
  for (const auto& o : outs) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(o, m, two)) << o;
    reads.push_back({ns(m[1], m[2]), ns(m[3], m[4])});
  }
  // Ordered by time, each read's elapsed is exactly the gap to the read before it.
  std::sort(reads.begin(), reads.end());
  for (size_t i = 1; i < reads.size(); ++i) EXPECT_EQ(reads[i].second, reads[i].first - reads[i - 1].first) << i;
}

}  // namespace
