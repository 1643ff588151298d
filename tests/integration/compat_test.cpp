// Linux-style C modules (<linux/...> headers of include/compat) run on
// ukern's kernel services: built by CMake from tests/cmodules/*.c as NAME.ko.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "harness.h"
#include "sched_helpers.h"

using namespace ukern::test;

namespace {

std::string c_module(const std::string& name) { return build_dir() + "/tests/modules/" + name + ".ko"; }
std::string proc_path(const Kernel& k, const std::string& name) { return k.runtime_dir() + "/proc/" + name; }

// Reads a whole file with read(2) calls of `chunk` bytes; counts the calls.
std::string read_in_chunks(const std::string& path, size_t chunk, size_t* calls = nullptr) {
  int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) return "open failed: " + std::string(strerror(errno));
  std::string text;
  std::vector<char> buf(chunk);
  ssize_t n;
  size_t c = 0;
  while ((n = read(fd, buf.data(), chunk)) > 0) {
    text.append(buf.data(), static_cast<size_t>(n));
    ++c;
  }
  if (n < 0) text += "<read error " + std::string(strerror(errno)) + ">";
  close(fd);
  if (calls) *calls = c;
  return text;
}

}  // namespace

TEST(CompatC, HelloPrintsAtAlertAndShowsInLsmodAndModinfo) {
  Kernel k;
  k.insmod(c_module("c_hello"), {"times=3"});
  Outcome ls = k.ukern({"lsmod"});
  EXPECT_NE(ls.out.find("c_hello"), std::string::npos) << ls.out;
  Outcome info = k.ukern({"modinfo", "c_hello"});
  EXPECT_NE(info.out.find("Dual BSD/GPL"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("the lecture's hello world"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("times"), std::string::npos) << info.out;
  k.rmmod("c_hello");
  std::string log = k.dmesg();
  EXPECT_NE(log.find("Hello, world!"), std::string::npos) << log;
  EXPECT_NE(log.find("Hello again (2)"), std::string::npos) << log;
  EXPECT_EQ(log.find("Hello again (3)"), std::string::npos) << log;
  EXPECT_NE(log.find("Goodbye, sleepy world."), std::string::npos) << log;
  // The older "<0>" level prefix is parsed, not printed (levels: unit test Printk.OlderAngle...).
  EXPECT_NE(log.find("] hello Linux, I'm in Kernel"), std::string::npos) << log;
}

TEST(CompatC, KthreadSlideCodeRunsAndStops) {
  Kernel k;
  k.insmod(c_module("c_kthread"));
  std::string ps;
  EXPECT_TRUE(eventually([&] {
    ps = k.ukern({"ps"}).out;
    return ps.find("my_elevator") != std::string::npos && ps.find("c_nap_1") != std::string::npos;
  })) << ps;
  EXPECT_TRUE(eventually([&] { return k.dmesg().find("run: started") != std::string::npos; }));
  k.rmmod("c_kthread");
  std::string log = k.dmesg();
  // `current` in the thread is the task kthread_run returned, named as asked.
  EXPECT_NE(log.find("run: started as my_elevator, pid "), std::string::npos) << log;
  EXPECT_NE(log.find("nap: current is the task kthread_create returned: 1"), std::string::npos) << log;
  EXPECT_NE(log.find("run: kernel thread exits."), std::string::npos) << log;
  EXPECT_NE(log.find("Main logic tread stopped."), std::string::npos) << log;
  EXPECT_NE(log.find("kt_exit: rounds>0 1"), std::string::npos) << log;
  EXPECT_NE(log.find("kt_exit: nap returned 42, napped 1"), std::string::npos) << log;
  EXPECT_NE(log.find("kt_exit: never woken returned -4"), std::string::npos) << log;  // -EINTR, fn never ran
  EXPECT_EQ(log.find("this must never print"), std::string::npos) << log;
  EXPECT_EQ(k.ukern({"ps"}).out.find("my_elevator"), std::string::npos);
}

TEST(CompatC, ProcFilesFromProcOpsFileOperationsAndSeqFile) {
  Kernel k;
  k.insmod(c_module("c_proc"), {"items=4"});
  k.insmod(c_module("c_proc_pre56"), {"items=4"});
  const std::string want = "items: 4\nitem 0\nitem 10\nitem 20\nitem 30\n";
  Outcome cat = run_process({"/bin/cat", proc_path(k, "c_proc")});
  EXPECT_EQ(cat.status, 0) << cat.err;
  EXPECT_EQ(cat.out, want);
  EXPECT_EQ(run_process({"/bin/cat", proc_path(k, "c_proc_fops")}).out, want);
  EXPECT_EQ(run_process({"/bin/cat", proc_path(k, "c_proc_seq")}).out, "values:\n0 10 20 30 \n");
  EXPECT_EQ(k.ukern({"cat", "c_proc"}).out, want);

  // Tiny reads: each read(2) is one call of the module's read at *ppos.
  size_t calls = 0;
  EXPECT_EQ(read_in_chunks(proc_path(k, "c_proc"), 1, &calls), want);
  EXPECT_EQ(calls, want.size());
  EXPECT_EQ(read_in_chunks(proc_path(k, "c_proc_fops"), 3), want);
  EXPECT_EQ(read_in_chunks(proc_path(k, "c_proc_seq"), 2), "values:\n0 10 20 30 \n");

  // *ppos at and past the end: 0 bytes, no error.
  int fd = open(proc_path(k, "c_proc").c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  char buf[64];
  EXPECT_EQ(pread(fd, buf, sizeof buf, static_cast<off_t>(want.size())), 0);
  EXPECT_EQ(pread(fd, buf, sizeof buf, 1 << 20), 0);
  EXPECT_EQ(pread(fd, buf, 4, 9), 4);
  EXPECT_EQ(std::string(buf, 4), "item");
  close(fd);

  // A write goes through copy_from_user of the writer's buffer.
  Outcome w = run_process({"/bin/sh", "-c", "echo 77 > " + proc_path(k, "c_proc_add")});
  EXPECT_EQ(w.status, 0) << w.err;
  EXPECT_NE(run_process({"/bin/cat", proc_path(k, "c_proc")}).out.find("items: 5\n"), std::string::npos);
  EXPECT_NE(run_process({"/bin/sh", "-c", "echo junk > " + proc_path(k, "c_proc_add")}).status, 0);
  EXPECT_NE(k.ukern({"cat", "meminfo"}).out.find("c_proc"), std::string::npos);

  k.rmmod("c_proc_pre56");
  k.rmmod("c_proc");
  std::string log = k.dmesg();
  EXPECT_EQ(log.find("kmemleak"), std::string::npos) << log;
  EXPECT_EQ(log.find("corruption"), std::string::npos) << log;
  EXPECT_NE(access(proc_path(k, "c_proc").c_str(), F_OK), 0);
}

TEST(CompatC, FaultInInitIsAnOopsAndLeavesNothingRegistered) {
  Kernel k;
  Outcome r = k.ukern({"insmod", c_module("c_fault_init")});
  EXPECT_NE(r.status, 0);
  std::string log = k.dmesg();
  EXPECT_NE(log.find("BUG: unable to handle page fault"), std::string::npos) << log;
  EXPECT_NE(log.find("c_fault_touch_state+0x"), std::string::npos) << "the static function by name\n" << log;
  EXPECT_NE(log.find("In: init of module c_fault_init"), std::string::npos) << log;
  size_t rip = log.find("RIP: c_fault_touch_state+0x");
  ASSERT_NE(rip, std::string::npos) << log;
  std::string rip_line = log.substr(rip, log.find('\n', rip) - rip);
  EXPECT_NE(rip_line.find("[c_fault_init]"), std::string::npos) << rip_line;
  EXPECT_NE(log.find("Modules linked in: c_fault_init(D)"), std::string::npos) << log;
  EXPECT_EQ(k.ukern({"lsmod"}).out.find("c_fault_init"), std::string::npos);
  EXPECT_NE(access(proc_path(k, "c_fault_init").c_str(), F_OK), 0);
  EXPECT_EQ(k.ukern({"ps"}).out.find("c_fault_worker"), std::string::npos);
  // The kernel serves on: the same module's sibling loads and works.
  k.insmod(c_module("c_hello"));
  k.rmmod("c_hello");
}

TEST(CompatC, SleepingWithAMutexHeldIsAHungTaskReport) {
  Kernel::Options o;
  o.time_scale = 10;
  Kernel k(o);
  ASSERT_EQ(k.ukern({"sysctl", "hung_task_timeout_secs=2"}).status, 0);
  k.insmod(c_module("c_sleep_mutex"));
  std::string log;
  EXPECT_TRUE(eventually([&] {
    log = k.dmesg();
    return log.find("blocked for more than 2 seconds.") != std::string::npos &&
           log.find("c_waiter") != std::string::npos;
  }, 10000)) << log;
  EXPECT_NE(log.find("blocked in mutex_lock"), std::string::npos) << log;
  EXPECT_NE(log.find("floor_lock"), std::string::npos) << "the lock held\n" << log;
#ifndef __SANITIZE_THREAD__
  // ThreadSanitizer defers signal handlers while a thread waits on a
  // condition variable, so under TSan the waiter cannot answer the stack
  // request ("no stack"); the other builds check its stack.
  EXPECT_NE(log.find("wait_for_lock+0x"), std::string::npos) << log;
#endif
  EXPECT_NE(log.find("[c_sleep_mutex]"), std::string::npos) << log;
  EXPECT_EQ(k.ukern({"ping"}).status, 0);
  k.rmmod("c_sleep_mutex");
}

TEST(CompatC, LeakReportAtRmmodNamesTheAllocations) {
  Kernel k;
  k.insmod(c_module("c_leak"), {"leak=2"});
  k.rmmod("c_leak");
  std::string log = k.dmesg();
  EXPECT_NE(log.find("kmemleak: 2 unreferenced object(s) (333 bytes) from module c_leak"), std::string::npos)
      << log;
  EXPECT_NE(log.find("c_leak_alloc+0x"), std::string::npos) << "where it was allocated\n" << log;
  EXPECT_NE(log.find("leak_init+0x"), std::string::npos) << log;
  EXPECT_EQ(log.find("ukern_c_kmalloc"), std::string::npos) << "the allocator's frames are left out\n" << log;
  // No leak when all is freed (kcalloc, krealloc and vmalloc included).
  k.insmod(c_module("c_leak"), {"leak=0"});
  k.rmmod("c_leak");
  EXPECT_EQ(count_of(k.dmesg(), "kmemleak:"), 1u);
}

TEST(CompatC, ApiTourChecksPass) {
  Kernel k;
  k.insmod(c_module("c_api_tour"));
  k.rmmod("c_api_tour");
  std::string log = k.dmesg();
  EXPECT_NE(log.find("c_api_tour: 0 of 43 checks failed"), std::string::npos) << log;
  EXPECT_EQ(log.find("WARNING"), std::string::npos) << log;
  EXPECT_EQ(log.find("kmemleak"), std::string::npos) << log;
}
