// The C elevator example (modules/examples/c_elevator), as a student would
// run it: built from its Kbuild directory with `ukern kbuild`, its sys_call.c
// compiled in with `ukern up --builtin`, driven through real system calls
// 548-550 while `cat /proc/elevator` reads it, then unloaded clean.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "harness.h"

using namespace ukern::test;
namespace fs = std::filesystem;

namespace {

std::string call(const Kernel& k, const std::vector<std::string>& nr_and_args) {
  std::vector<std::string> argv = {test_bin("callnr")};
  argv.insert(argv.end(), nr_and_args.begin(), nr_and_args.end());
  Outcome o = k.run(argv);
  return o.out.substr(0, o.out.find('\n'));
}

// The number after `label` in the /proc text, or -1.
long field(const std::string& text, const std::string& label) {
  size_t p = text.find(label);
  if (p == std::string::npos) return -1;
  return std::stol(text.substr(p + label.size()));
}

}  // namespace

TEST(CompatElevator, KbuildDirectoryRunsThroughSystemCallsAndProc) {
  Kernel::Options o;
  o.start = false;
  o.time_scale = 20;  // a floor takes 0.1 s on the host, a stop 0.05 s
  Kernel k(o);
  fs::path dir = fs::path(k.runtime_dir()) / "src" / "c_elevator";
  fs::create_directories(dir.parent_path());
  fs::copy(fs::path(source_dir()) / "modules/examples/c_elevator", dir, fs::copy_options::recursive);
  Outcome b = run_process({bin("ukern"), "kbuild", dir.string()});
  ASSERT_EQ(b.status, 0) << b.out << b.err;
  Outcome up = k.up({"--builtin", (dir / "sys_call.c").string()});
  ASSERT_EQ(up.status, 0) << up.out << up.err;
  EXPECT_EQ(call(k, {"548"}), "ret=-1 errno=38");  // ENOSYS: no module yet

  k.insmod((dir / "elevator.ko").string());
  std::string proc = k.runtime_dir() + "/proc/elevator";
  std::string text = run_process({"/bin/cat", proc}).out;
  EXPECT_NE(text.find("Elevator state: OFFLINE\nCurrent floor: 1\nCurrent load: 0 lbs\n"), std::string::npos) << text;

  // Requests are accepted while OFFLINE and wait for the start.
  const std::vector<std::vector<std::string>> requests = {
      {"1", "6", "3"}, {"2", "5", "0"}, {"6", "1", "1"}, {"4", "2", "2"}, {"3", "4", "0"}, {"5", "1", "3"}};
  for (const auto& r : requests) EXPECT_EQ(call(k, {"549", r[0], r[1], r[2]}), "ret=0 errno=0");
  EXPECT_EQ(call(k, {"549", "0", "3", "1"}), "ret=1 errno=0");  // floor out of range
  EXPECT_EQ(call(k, {"549", "2", "2", "1"}), "ret=1 errno=0");  // start == destination
  EXPECT_EQ(call(k, {"549", "2", "3", "9"}), "ret=1 errno=0");  // unknown type
  text = run_process({"/bin/cat", proc}).out;
  EXPECT_NE(text.find("[*] Floor 1: 1 S6\n"), std::string::npos) << text;
  EXPECT_NE(text.find("[ ] Floor 4: 1 J2\n"), std::string::npos) << text;
  EXPECT_EQ(field(text, "Number of passengers waiting: "), 6) << text;

  EXPECT_EQ(call(k, {"548"}), "ret=0 errno=0");
  EXPECT_EQ(call(k, {"548"}), "ret=1 errno=0");  // already running
  text = run_process({"/bin/cat", proc}).out;
  EXPECT_FALSE(text.starts_with("Elevator state: OFFLINE")) << text;
  // cat reads it throughout; in every snapshot (whatever passing state, such
  // as LOADING, it catches or misses) the numbers add up, the elevator is not
  // OFFLINE and the serviced count never goes back.
  long last_serviced = 0;
  EXPECT_TRUE(eventually([&] {
    text = run_process({"/bin/cat", proc}).out;
    long aboard = field(text, "Number of passengers: ");
    long waiting = field(text, "Number of passengers waiting: ");
    long serviced = field(text, "Number of passengers serviced: ");
    EXPECT_EQ(aboard + waiting + serviced, 6) << text;
    EXPECT_GE(serviced, last_serviced) << text;
    EXPECT_FALSE(text.starts_with("Elevator state: OFFLINE")) << text;
    last_serviced = serviced;
    return serviced == 6;
  }, 30000)) << text;

  EXPECT_EQ(call(k, {"550"}), "ret=0 errno=0");
  EXPECT_TRUE(eventually([&] {
    return run_process({"/bin/cat", proc}).out.starts_with("Elevator state: OFFLINE");
  }, 10000));
  EXPECT_EQ(call(k, {"550"}), "ret=1 errno=0");  // already offline

  // The course's own programs drive it as they would on a real kernel:
  // producer issues random dorm requests, consumer starts and stops it.
  Outcome p = k.run({bin("producer"), "12"});
  ASSERT_EQ(p.status, 0) << p.out << p.err;
  long accepted = 0;
  for (size_t at = p.out.find(") returned 0\n"); at != std::string::npos; at = p.out.find(") returned 0\n", at + 1))
    ++accepted;
  EXPECT_EQ(accepted, 12) << p.out;
  EXPECT_EQ(k.run({bin("consumer"), "--start"}).out, "Start elevator returned 0\n");
  EXPECT_TRUE(eventually([&] {
    text = run_process({"/bin/cat", proc}).out;
    long aboard = field(text, "Number of passengers: ");
    long waiting = field(text, "Number of passengers waiting: ");
    long serviced = field(text, "Number of passengers serviced: ");
    EXPECT_EQ(aboard + waiting + serviced, 6 + accepted) << text;
    return serviced == 6 + accepted;
  }, 60000)) << text;
  EXPECT_EQ(k.run({bin("consumer"), "--stop"}).out, "Stop elevator returned 0\n");
  EXPECT_TRUE(eventually([&] {
    return run_process({"/bin/cat", proc}).out.starts_with("Elevator state: OFFLINE");
  }, 10000));
  // One left waiting for the next start: dropped (and freed) at unload.
  EXPECT_EQ(call(k, {"549", "3", "1", "2"}), "ret=0 errno=0");
  k.rmmod("elevator");
  std::string log = k.dmesg();
  EXPECT_NE(log.find("elevator: 1 waiting passengers dropped at unload"), std::string::npos) << log;
  EXPECT_EQ(log.find("kmemleak"), std::string::npos) << log;
  EXPECT_EQ(log.find("left the stub"), std::string::npos) << log;
  EXPECT_EQ(log.find("Oops"), std::string::npos) << log;
  EXPECT_EQ(call(k, {"549", "1", "2", "0"}), "ret=-1 errno=38");
}

// The second lecture's system calls in C: a __user pointer of a system call
// is the caller's memory, reached by checked copies (every bad pointer is
// EFAULT and leaves the caller's memory alone, as for a C++ module).
TEST(CompatUaccess, ShowMultInCFromABuiltinFileAndAModule) {
  Kernel::Options o;
  o.start = false;
  Kernel k(o);
  fs::path dir = fs::path(k.runtime_dir()) / "src" / "c_uaccess";
  fs::create_directories(dir.parent_path());
  fs::copy(fs::path(source_dir()) / "tests/kbuild/c_uaccess", dir, fs::copy_options::recursive);
  Outcome b = run_process({bin("ukern"), "kbuild", dir.string()});
  ASSERT_EQ(b.status, 0) << b.out << b.err;
  Outcome up = k.up({"--builtin", (dir / "syscalls.c").string()});
  ASSERT_EQ(up.status, 0) << up.out << up.err;
  EXPECT_EQ(call(k, {"387"}), "ret=0 errno=0");  // newsyscall, in the built-in file itself
  EXPECT_NE(k.dmesg().find("] hello Linux, I'm in Kernel"), std::string::npos) << k.dmesg();

  k.insmod((dir / "c_uaccess.ko").string());
  Outcome r = k.run({test_bin("show_mult_cases")});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, kShowMultCasesExpected);
  EXPECT_NE(k.dmesg().find("show_mult: 2 * 5 = 10 (was 77, caller show_mult_cases)"), std::string::npos)
      << k.dmesg();
  k.rmmod("c_uaccess");
  EXPECT_EQ(k.run({test_bin("show_mult_cases")}).out.find("ok 0"), std::string::npos);
}
