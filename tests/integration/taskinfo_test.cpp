// gettaskinfo (389): the real data of real processes, and its errors.
#include <dirent.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "harness.h"
#include "other_user.h"

using namespace ukern::test;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// /proc/<pid>/stat split into fields; field N of proc(5) is at [N].
std::vector<std::string> stat_fields(const std::string& text) {
  std::vector<std::string> f(3);
  std::istringstream rest(text.substr(text.rfind(')') + 1));
  for (std::string s; rest >> s;) f.push_back(s);
  return f;
}

long count_fds(pid_t pid) {
  DIR* d = opendir(("/proc/" + std::to_string(pid) + "/fd").c_str());
  if (d == nullptr) return -1;
  long n = 0;
  while (dirent* e = readdir(d))
    if (e->d_name[0] != '.') ++n;
  closedir(d);
  return n;
}

/// "NAME is VALUE" lines of the gettaskinfo program.
std::map<std::string, std::string> fields_of(const std::string& out) {
  std::map<std::string, std::string> m;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    size_t is = line.rfind(" is ");
    if (is != std::string::npos) m[line.substr(0, is)] = line.substr(is + 4);
  }
  return m;
}

/// The state numbers of struct mystat, by the letter in /proc/<pid>/stat.
int state_number(const std::string& letter) {
  static const std::map<std::string, int> numbers = {{"R", 0}, {"S", 1},  {"D", 2},  {"T", 4},
                                                     {"t", 8}, {"X", 16}, {"Z", 32}};
  auto it = numbers.find(letter);
  return it == numbers.end() ? -1 : it->second;
}

/// A child that opens 7 files (fds 3-9 beside 0-2), touches 64 pages and
/// sleeps; returns once it sleeps with all of them open.
Spawned sleeping_child() {
  Spawned child = spawn_process({test_bin("open_and_sleep"), "7", "64"});
  pid_t pid = child.pid();
  EXPECT_TRUE(eventually([&] {
    return count_fds(pid) == 10 && stat_fields(read_text("/proc/" + std::to_string(pid) + "/stat"))[3] == "S";
  })) << "the child did not settle with 10 open files";
  return child;
}

}  // namespace

TEST(Taskinfo, EveryFieldMatchesProcOfAControlledChild) {
  Kernel k;
  k.insmod("taskinfo");
  Spawned child = sleeping_child();
  const pid_t pid = child.pid();
  // Nice 5 and SCHED_BATCH: a priority and a policy that are not the defaults.
  ASSERT_EQ(setpriority(PRIO_PROCESS, static_cast<id_t>(pid), 5), 0);
  sched_param sp{};
  ASSERT_EQ(sched_setscheduler(pid, SCHED_BATCH, &sp), 0);

  const std::string stat_path = "/proc/" + std::to_string(pid) + "/stat";
  std::string before = read_text(stat_path);
  long fds_before = count_fds(pid);
  auto r = k.run({bin("gettaskinfo"), std::to_string(pid)});
  std::string after = read_text(stat_path);
  ASSERT_EQ(before, after) << "the child changed while it was inspected";
  ASSERT_EQ(fds_before, count_fds(pid));
  ASSERT_EQ(r.status, 0) << r.err;

  auto f = stat_fields(before);
  auto got = fields_of(r.out);
  EXPECT_EQ(got["pid"], std::to_string(pid));
  EXPECT_EQ(got["ppid"], f[4]);
  EXPECT_EQ(got["ppid"], std::to_string(getpid()));
  EXPECT_EQ(got["state"], std::to_string(state_number(f[3])));
  EXPECT_EQ(got["state"], "1") << "a sleeping task is in interruptible sleep";
  EXPECT_EQ(got["priority"], std::to_string(std::stol(f[18]) + 100));
  EXPECT_EQ(got["priority"], "125") << "120 + nice 5";
  EXPECT_EQ(got["policy"], f[41]);
  EXPECT_EQ(got["policy"], std::to_string(SCHED_BATCH));
  EXPECT_EQ(got["utime"], f[14]);
  EXPECT_EQ(got["stime"], f[15]);
  EXPECT_EQ(got["starttime"], std::to_string(std::stoull(f[22]) / static_cast<unsigned long long>(sysconf(_SC_CLK_TCK))));
  EXPECT_EQ(got["min_flt"], f[10]);
  EXPECT_GE(std::stol(got["min_flt"]), 64) << "the child touched 64 pages";
  EXPECT_EQ(got["maj_flt"], f[12]);
  EXPECT_EQ(got["open files"], std::to_string(fds_before));
  EXPECT_EQ(got["open files"], "10");
}

TEST(Taskinfo, NoSuchTaskIsEsrch) {
  Kernel k;
  k.insmod("taskinfo");
  // No pid is above pid_max; a child just reaped is gone too.
  long pid_max = std::stol(read_text("/proc/sys/kernel/pid_max"));
  auto reaped = run_process({"/bin/true"});
  ASSERT_EQ(reaped.status, 0);
  for (long pid : {pid_max + 1, 0L, -1L}) {
    auto r = k.run({test_bin("taskinfo_cases"), std::to_string(pid)});
    EXPECT_NE(r.out.find("valid -1 ESRCH\n"), std::string::npos) << "pid " << pid << ": " << r.out << r.err;
  }
  auto r = k.run({bin("gettaskinfo"), std::to_string(pid_max + 1)});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "gettaskinfo: No such process\n");
}

TEST(Taskinfo, BadBufferIsEfaultAndNothingIsWritten) {
  Kernel k;
  auto before = k.run({bin("gettaskinfo")});
  EXPECT_EQ(before.err, "gettaskinfo: Function not implemented\n") << "ENOSYS before insmod";
  k.insmod("taskinfo");
  Spawned child = sleeping_child();
  auto r = k.run({test_bin("taskinfo_cases"), std::to_string(child.pid())});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "valid 0 -\n"
            "null -1 EFAULT\n"
            "kernel -1 EFAULT\n"
            "readonly -1 EFAULT\n"
            "untouched yes\n"
            "unmapped -1 EFAULT\n");
}

TEST(Taskinfo, NonRootCallerGetsEpermForAnotherUsersProcess) {
  Kernel k;
  k.insmod("taskinfo");
  Spawned roots_child = sleeping_child();  // owned by root, like this test
  const OtherUser nobody = OtherUser::nobody();

  auto denied = run_as(k, nobody, {bin("gettaskinfo"), std::to_string(roots_child.pid())});
  EXPECT_EQ(denied.status, 1);
  EXPECT_EQ(denied.err, "gettaskinfo: Operation not permitted\n");
  EXPECT_EQ(denied.out, "");

  // The same user may inspect its own process.
  auto own = run_as(k, nobody, {bin("gettaskinfo")});
  EXPECT_EQ(own.status, 0) << own.err;
  EXPECT_NE(own.out.find("pid is "), std::string::npos) << own.out;
  EXPECT_NE(own.out.find("open files is "), std::string::npos) << own.out;
}
