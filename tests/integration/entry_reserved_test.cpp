// Issue 9 (9): the numbers a table row may not take.
#include <seccomp.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "harness.h"
#include "kernel/syscalls/table_file.h"

using namespace ukern::test;

// Caught: main accepted a row for sendto (44), which `ukern run` itself
// makes after its filter is in place (to send the attach request), so every
// `ukern run` hung. This traces a real `ukern run` and checks that every
// system call it makes between installing the filter and exec'ing the
// program is reserved.
TEST(EntryReserved, CoversWhatUkernRunCalls) {
  Kernel k;
  const std::string trace = k.runtime_dir() + "/run.strace";
  std::vector<std::string> argv = {"/usr/bin/strace", "-f", "-o", trace, bin("ukern"), "run", test_bin("sc"), "39"};
  // LeakSanitizer cannot run under ptrace: in the ASan build, the traced
  // `ukern run` would die at exit with "LeakSanitizer has encountered a fatal error".
  auto env = k.env();
  env.push_back("ASAN_OPTIONS=detect_leaks=0");
  Outcome r = run_process(argv, env);
  ASSERT_EQ(r.status, 0) << r.err;
  std::ifstream in(trace);
  std::regex call(R"(^\d+\s+([a-z0-9_]+)\()");
  bool filtered = false;
  std::set<std::string> after;
  for (std::string line; std::getline(in, line);) {
    if (!filtered) {
      filtered = line.find("SECCOMP_FILTER_FLAG_NEW_LISTENER") != std::string::npos &&
                 line.find("= -1") == std::string::npos && line.find("seccomp(") != std::string::npos;
      continue;
    }
    std::smatch m;
    if (!std::regex_search(line, m, call)) continue;
    after.insert(m[1]);
    if (m[1] == "execve" && line.find(") = 0") != std::string::npos) break;
  }
  ASSERT_TRUE(filtered) << "no filter installation in the trace";
  ASSERT_TRUE(after.count("sendto")) << "the trace does not show the attach request";
  for (const auto& name : after) {
    int nr = seccomp_syscall_resolve_name(name.c_str());
    ASSERT_GE(nr, 0) << name;
    EXPECT_TRUE(ukern::reserved_for_entry(nr)) << name << " (" << nr << ") is called by ukern run under its filter";
    std::string err;
    ukern::parse_syscall_table(std::to_string(nr) + " common x_" + name + "\n", "t.tbl", &err);
    EXPECT_NE(err.find("entry needs"), std::string::npos) << "a row for " << name << " is accepted";
  }
}
