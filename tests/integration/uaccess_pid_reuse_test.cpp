// Issue 9 (2): copy_to_user and a recycled pid.
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <string>

#include "harness.h"

using namespace ukern::test;

namespace {

// An address that is application memory in every build: ThreadSanitizer
// keeps most of the address space for itself (0x5a5a00000000 was refused
// there), AddressSanitizer its shadow below 0x10007fff8000.
constexpr unsigned long kTarget = 0x7e9a5a000000UL;

bool traced(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("TracerPid:", 0) == 0) return std::stoi(line.substr(10)) != 0;
  return false;
}

// Starts a process with exactly pid `pid` (clone3 set_tid; root) that maps
// a zeroed page at kTarget, waits `ms`, and writes the int found there to
// `out_fd`. Returns its pid, or -1.
pid_t victim_with_pid(pid_t pid, int ms, int out_fd) {
  clone_args args{};
  pid_t tid = pid;
  args.exit_signal = SIGCHLD;
  args.set_tid = reinterpret_cast<uint64_t>(&tid);
  args.set_tid_size = 1;
  long r = syscall(SYS_clone3, &args, sizeof args);
  if (r != 0) return static_cast<pid_t>(r);
  int* p = static_cast<int*>(mmap(reinterpret_cast<void*>(kTarget), 4096, PROT_READ | PROT_WRITE,
                                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
  usleep(static_cast<useconds_t>(ms) * 1000);
  int v = p == MAP_FAILED ? -1 : *p;
  (void)!write(out_fd, &v, sizeof v);
  _exit(0);
}

}  // namespace

// Caught: main checked the notification, then wrote by pid
// (process_vm_writev). Here strace holds ukernd's write for 3 s (the window
// a debugger held open in the review); meanwhile the caller is killed and
// a new process gets its pid and maps the same address. main wrote 42 into
// that process; now the write goes through the caller's own /proc/TID/mem,
// which cannot reach the new process.
TEST(UaccessPidReuse, WriteNeverReachesAProcessThatGotTheCallersPid) {
  ASSERT_EQ(geteuid(), 0u) << "the integration suite runs as root (clone3 set_tid, strace)";
  Kernel k;
  k.insmod("show_mult");
  pid_t d = k.daemon_pid();
  Spawned strace = spawn_process({"/usr/bin/strace", "-f", "-qq", "-o", "/dev/null", "-e",
                                  "trace=process_vm_writev,pwrite64", "-e",
                                  "inject=process_vm_writev,pwrite64:delay_enter=3000000", "-p", std::to_string(d)});
  ASSERT_TRUE(eventually([&] { return traced(d); }, 20000)) << "strace did not attach";
  Spawned caller = k.spawn_run({test_bin("mult_at"), std::to_string(kTarget)});
  pid_t caller_pid = caller.pid();
  // Let the call reach the delayed write (the module answers at once).
  usleep(1000 * 1000);
  kill(caller_pid, SIGKILL);
  caller.wait(10000);
  int p[2];
  ASSERT_EQ(pipe(p), 0);
  pid_t v = victim_with_pid(caller_pid, 4000, p[1]);
  ASSERT_EQ(v, caller_pid) << "cannot start a process with the caller's pid: " << strerror(errno);
  close(p[1]);
  int seen = -1;
  ASSERT_EQ(read(p[0], &seen, sizeof seen), static_cast<ssize_t>(sizeof seen));
  close(p[0]);
  waitpid(v, nullptr, 0);
  EXPECT_EQ(seen, 0) << "ukernd wrote the caller's result into the process that got its pid";
  kill(strace.pid(), SIGINT);
  strace.wait(10000);
  EXPECT_EQ(k.ukern({"ping"}).status, 0);
}
