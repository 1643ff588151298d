// Helpers for the elevator's integration tests: a kernel with the module
// loaded, its system calls through tests/programs/elevator_do, and its
// /proc files parsed.
#pragma once
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "harness.h"
#include "sched_helpers.h"

namespace ukern::test {

inline std::string elevator_module() { return build_dir() + "/modules/elevator.so"; }

/// insmod elevator with `params`; asserts success.
inline void insmod_elevator(const Kernel& k, const std::vector<std::string>& params = {}) {
  k.insmod(elevator_module(), params);
}

/// Runs elevator_do OPS... and returns its output lines (killed after
/// `timeout_ms`: a flood of a million calls takes minutes on a busy machine).
inline std::vector<std::string> elevator_do(const Kernel& k, const std::vector<std::string>& ops,
                                            int timeout_ms = 300000) {
  std::vector<std::string> argv = {test_bin("elevator_do")};
  argv.insert(argv.end(), ops.begin(), ops.end());
  Outcome o = k.run(argv, timeout_ms);
  EXPECT_EQ(o.status, 0) << o.err;
  std::vector<std::string> lines;
  std::istringstream in(o.out);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

/// One call's "RET ERRNAME" line ("0 -", "1 -", "-1 EAGAIN").
inline std::string elevator_call(const Kernel& k, const std::string& op) {
  auto lines = elevator_do(k, {op});
  return lines.empty() ? "(no output)" : lines[0];
}

/// A /proc file of the kernel, read through its FUSE mount.
inline std::string read_proc(const Kernel& k, const std::string& name) {
  std::ifstream in(k.runtime_dir() + "/proc/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// /proc/elevator_stats as name -> value (numbers only).
inline std::map<std::string, long long> elevator_stats(const Kernel& k) {
  std::map<std::string, long long> m;
  std::istringstream in(read_proc(k, "elevator_stats"));
  for (std::string key, value; in >> key >> value;) {
    if (!value.empty() && (isdigit(static_cast<unsigned char>(value[0])) || value[0] == '-')) m[key] = std::stoll(value);
  }
  return m;
}

/// The state word of /proc/elevator_stats ("OFFLINE", "IDLE", ...).
inline std::string elevator_state(const Kernel& k) {
  std::istringstream in(read_proc(k, "elevator_stats"));
  for (std::string key, value; in >> key >> value;)
    if (key == "state") return value;
  return "";
}

/// Live kmalloc bytes of `owner` in /proc/meminfo, or 0 when it has none.
inline long long kmalloc_bytes(const Kernel& k, const std::string& owner) {
  std::istringstream in(read_proc(k, "meminfo"));
  for (std::string line; std::getline(in, line);) {
    std::istringstream f(line);
    std::string name;
    long long objects = 0, bytes = 0;
    if (f >> name >> objects >> bytes && name == owner) return bytes;
  }
  return 0;
}

inline std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

}  // namespace ukern::test
