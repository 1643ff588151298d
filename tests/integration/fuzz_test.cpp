// Fuzzing in the suite (issue 9, "kept fixed"): random system calls with
// hostile arguments against the shipped modules, malformed control frames
// from another user, odd reads and writes on /proc. Each run is bounded
// (about a minute in all in the plain build, less under sanitizers);
// `make fuzz` runs the long version (UKERN_FUZZ_CALLS=10000000).
//   UKERN_FUZZ_SECONDS  time budget of the system-call run
//   UKERN_FUZZ_CALLS    call budget of the system-call run
//   UKERN_FUZZ_SEED     seed (default: from the clock; printed)
#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <string>

#include "harness.h"
#include "other_user.h"

using namespace ukern::test;

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

long env_or(const char* name, long fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtol(v, nullptr, 0) : fallback;
}

long seed() {
  static long s = env_or("UKERN_FUZZ_SEED", static_cast<long>(std::time(nullptr)));
  return s;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The kernel survived: alive, answering, and no module or kernel bug logged.
void expect_healthy(const Kernel& k) {
  EXPECT_EQ(kill(k.daemon_pid(), 0), 0) << "ukernd died";
  Outcome ping = k.ukern({"ping"}, 20000);
  EXPECT_EQ(ping.status, 0) << ping.err;
  std::string log = k.dmesg();
  for (const char* bad : {"Oops", "BUG:", "WARNING:", "general protection"})
    EXPECT_FALSE(has(log, bad)) << "the log has '" << bad << "':\n" << log.substr(log.size() > 4000 ? log.size() - 4000 : 0);
}

}  // namespace

TEST(Fuzz, SystemCallsWithHostileArguments) {
  const long seconds = env_or("UKERN_FUZZ_SECONDS", kSanitized ? 10 : 40);
  const long calls = env_or("UKERN_FUZZ_CALLS", 1000000000L);
  Kernel k;
  for (const char* m : {"newsyscall", "show_mult", "test_newsyscall", "xtime", "test_echo"}) k.insmod(m);
  // Rows of the loaded modules (the rest of the range is ENOSYS).
  std::vector<std::string> argv = {test_bin("fuzz_syscalls"), std::to_string(seed()), std::to_string(calls),
                                   std::to_string(seconds), "337", "387", "388", "603"};
  int timeout_ms = static_cast<int>(std::min<long>(seconds > 0 ? seconds + 120 : 36000, 36000) * 1000);
  Outcome r = k.run(argv, timeout_ms);
  std::printf("fuzz_syscalls seed %ld: %s", seed(), r.out.c_str());
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "violations 0")) << r.out << r.err;
  expect_healthy(k);
}

TEST(Fuzz, ControlProtocolFromAnotherUser) {
  ASSERT_EQ(geteuid(), 0u) << "the integration suite runs as root (it acts as another user)";
  const long iterations = env_or("UKERN_FUZZ_CTL", kSanitized ? 1000 : 5000);
  StagedDir stage;
  std::string fuzzer = stage.add(test_bin("fuzz_ctl"));
  Kernel k;
  open_to_others(k);
  k.insmod("test_proc");
  Outcome r = spawn_as(OtherUser::nobody(), {fuzzer, k.runtime_dir() + "/ctl.sock", std::to_string(seed()),
                                             std::to_string(iterations)})
                  .wait(600000);
  std::printf("fuzz_ctl seed %ld: %s", seed(), r.out.c_str());
  EXPECT_EQ(r.status, 0) << r.err;
  expect_healthy(k);
  EXPECT_EQ(k.ukern({"lsmod"}).status, 0);
  EXPECT_TRUE(has(k.ukern({"lsmod"}).out, "test_proc")) << "another user unloaded a module";
}

TEST(Fuzz, ProcOddReadsAndWrites) {
  const long iterations = env_or("UKERN_FUZZ_PROC", kSanitized ? 600 : 3000);
  Kernel k;
  k.insmod("xtime");
  k.insmod("test_proc", {"slow_ms=1"});
  Outcome r = run_process({test_bin("fuzz_proc"), k.runtime_dir() + "/proc", std::to_string(seed()),
                           std::to_string(iterations)},
                          {}, 600000);
  std::printf("fuzz_proc seed %ld: %s", seed(), r.out.c_str());
  EXPECT_EQ(r.status, 0) << r.err;
  expect_healthy(k);
  Outcome cat = k.ukern({"cat", "test_proc/lines"});
  EXPECT_EQ(cat.status, 0) << cat.err;
}
