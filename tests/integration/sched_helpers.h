// Helpers shared by the kthread, time, locking and hung-task tests.
#pragma once
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "harness.h"

namespace ukern::test {

struct CallResult {
  long ret = -99999;
  long us = -1;  // host microseconds the system call took
};

/// Runs tests/programs/sched_call NR ARGS... under `k`.
inline CallResult sched_call(const Kernel& k, const std::vector<std::string>& args, int timeout_ms = 60000) {
  std::vector<std::string> argv = {test_bin("sched_call")};
  argv.insert(argv.end(), args.begin(), args.end());
  Outcome o = k.run(argv, timeout_ms);
  CallResult r;
  std::istringstream in(o.out);
  in >> r.ret >> r.us;
  EXPECT_TRUE(in) << "sched_call output: '" << o.out << "', stderr: '" << o.err << "'";
  EXPECT_EQ(o.status, 0) << o.err;
  return r;
}

/// A field of /proc/PID/status ("Threads"), or -1.
inline long proc_status_field(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  return -1;
}

/// utime + stime (clock ticks) of thread `tid` of `pid`, or -1.
inline long thread_cpu_ticks(pid_t pid, pid_t tid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(tid) + "/stat");
  std::string stat;
  std::getline(in, stat);
  size_t rp = stat.rfind(')');
  if (rp == std::string::npos) return -1;
  std::istringstream fields(stat.substr(rp + 2));
  std::vector<std::string> f;
  for (std::string x; fields >> x;) f.push_back(x);
  // After the comm: state(0) ... utime is field 14 of stat, i.e. index 11 here; stime 12.
  if (f.size() < 13) return -1;
  return std::stol(f[11]) + std::stol(f[12]);
}

inline std::string thread_comm(pid_t pid, pid_t tid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(tid) + "/comm");
  std::string c;
  std::getline(in, c);
  return c;
}

inline size_t count_of(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

}  // namespace ukern::test
