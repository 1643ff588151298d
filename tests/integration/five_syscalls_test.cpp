// Part 1: five_syscalls makes exactly five system calls more than an empty
// program, counted by `strace -c -f`.
#include <unistd.h>

#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "harness.h"

using namespace ukern::test;

namespace {

/// Calls per system call (and "total") from `strace -c -f` of `program`.
std::map<std::string, long> strace_counts(const std::string& program) {
  char path[] = "/tmp/ukern-strace-XXXXXX";
  int fd = mkstemp(path);
  close(fd);
  Outcome r = run_process({"/usr/bin/strace", "-c", "-f", "-o", path, program});
  EXPECT_EQ(r.status, 0) << program << ": " << r.err;
  std::ifstream in(path);
  std::map<std::string, long> calls;
  // Rows: % time, seconds, usecs/call, calls, [errors], syscall.
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::vector<std::string> w;
    for (std::string s; words >> s;) w.push_back(s);
    if (w.size() >= 5 && isdigit(static_cast<unsigned char>(w[0][0]))) calls[w.back()] = std::stol(w[3]);
  }
  unlink(path);
  return calls;
}

}  // namespace

TEST(FiveSyscalls, ExactlyFiveMoreThanAnEmptyProgram) {
  auto empty = strace_counts(bin("empty_program"));
  auto five = strace_counts(bin("five_syscalls"));
  ASSERT_GT(empty["total"], 0) << "strace counted nothing";
  EXPECT_EQ(five["total"] - empty["total"], 5);
  // And they are the five the program means to make, one each.
  std::map<std::string, long> extra;
  for (const auto& [name, n] : five)
    if (name != "total" && n != empty[name]) extra[name] = n - empty[name];
  for (const auto& [name, n] : empty)
    if (name != "total" && !five.count(name)) extra[name] = -n;
  std::map<std::string, long> expected = {{"getpid", 1}, {"getppid", 1}, {"openat", 1}, {"close", 1}, {"write", 1}};
  EXPECT_EQ(extra, expected);
}
