// What a call costs ukernd, counted (never timed): host system calls per
// null call, threads created under load, wake-ups of an idle kernel, a
// printk flood, and a thread that cannot be created.
#include <dirent.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <fstream>
#include <atomic>
#include <map>
#include <set>
#include <thread>
#include <sstream>

#include <gtest/gtest.h>

#include "harness.h"
#include "sched_helpers.h"

using namespace ukern::test;

namespace {

std::vector<pid_t> tasks_of(pid_t pid) {
  std::vector<pid_t> out;
  std::string dir = "/proc/" + std::to_string(pid) + "/task";
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d))
      if (e->d_name[0] != '.') out.push_back(std::atoi(e->d_name));
    closedir(d);
  }
  return out;
}

long task_status_field(pid_t pid, pid_t tid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(tid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  return -1;
}

// strace -f attached to a running ukernd; counts() stops it and returns the
// system calls made, per thread and per name.
class StraceCount {
 public:
  StraceCount(pid_t pid, const std::string& out)
      : out_(out), pid_(pid), proc_(spawn_process({"/usr/bin/strace", "-f", "-o", out, "-p", std::to_string(pid)})) {}

  /// True once every thread of the traced process is traced.
  bool attached() const {
    return eventually([&] {
      auto ts = tasks_of(pid_);
      for (pid_t t : ts)
        if (task_status_field(pid_, t, "TracerPid") <= 0) return false;
      return !ts.empty();
    });
  }

  /// tid -> system call name -> calls ("<... resumed>" halves not counted twice).
  std::map<pid_t, std::map<std::string, long>> counts() {
    kill(proc_.pid(), SIGINT);
    auto o = proc_.wait(30000);
    std::map<pid_t, std::map<std::string, long>> c;
    std::ifstream in(out_);
    for (std::string line; std::getline(in, line);) {
      std::istringstream f(line);
      pid_t tid = 0;
      std::string call;
      if (!(f >> tid >> call) || call.rfind("<...", 0) == 0 || call == "+++" || call == "---") continue;
      auto paren = call.find('(');
      if (paren == std::string::npos || paren == 0) continue;
      ++c[tid][call.substr(0, paren)];
    }
    EXPECT_FALSE(c.empty()) << "no strace output: " << o.err;
    return c;
  }

 private:
  std::string out_;
  pid_t pid_;
  Spawned proc_;
};

long total(const std::map<std::string, long>& c) {
  long n = 0;
  for (auto& [name, k] : c) n += k;
  return n;
}

std::string summary(const std::map<std::string, long>& c) {
  std::string s;
  for (auto& [name, n] : c) s += name + "=" + std::to_string(n) + " ";
  return s;
}

constexpr long kCalls = 10000;

}  // namespace

// From RECV to SEND ukernd makes no host call of its own: the threads that
// receive calls make 2 per null call (RECV, SEND) plus what starting a
// thread takes. The rest of ukernd makes a constant number (the attach),
// except the entry watchdog, which ticks (one host call per 20 ms) while
// calls are in flight and makes no other call.
TEST(Speed, NullCallCostsUkerndTwoHostSystemCalls) {
  Kernel k;
  k.insmod("test_count");
  pid_t d = k.daemon_pid();
  StraceCount strace(d, k.runtime_dir() + "/strace.txt");
  ASSERT_TRUE(strace.attached());
  auto r = k.run({test_bin("null_calls"), "1", std::to_string(kCalls)});
  ASSERT_EQ(r.out, "calls 10000 ok 10000 eagain 0\n") << r.err;
  auto per_thread = strace.counts();
  std::map<std::string, long> receivers, watchdog, rest;
  for (auto& [tid, calls] : per_thread) {
    auto& into = calls.count("ioctl") && calls.at("ioctl") > 100 ? receivers
                 : thread_comm(d, tid) == "ukern-entrywd"         ? watchdog
                                                                  : rest;
    for (auto& [name, n] : calls) into[name] += n;
  }
  EXPECT_GE(receivers["ioctl"], 2 * kCalls) << summary(receivers);  // RECV and SEND: the calls were seen
  EXPECT_LE(total(receivers), 2 * kCalls + 50) << summary(receivers);
  EXPECT_LE(total(rest), 300) << summary(rest);
  // The watchdog's calls are its ticks (and the sleep it wakes from), plus
  // what an allocator may ask the host for now and then.
  EXPECT_LE(total(watchdog) - watchdog["clock_nanosleep"] - watchdog["futex"], 20) << summary(watchdog);
  std::printf("ukernd's host system calls over %ld null calls: receivers %ld (%s), watchdog %ld, other %ld\n", kCalls,
              total(receivers), summary(receivers).c_str(), total(watchdog), total(rest));
}

// Counts the threads a process creates, from a tracer thread that seizes
// every thread with PTRACE_O_TRACECLONE: the traced threads stop only when
// they create one (no stop per system call, unlike strace), so a long run
// stays fast. Ending the tracer thread detaches them all.
class CloneCounter {
 public:
  explicit CloneCounter(pid_t pid) : tracer_([this, pid] { run(pid); }) {
    while (!ready_.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~CloneCounter() { stop(); }
  long stop() {
    stop_ = true;
    if (tracer_.joinable()) tracer_.join();
    return clones_.load();
  }
  bool ok() const { return ok_.load(); }

 private:
  void run(pid_t pid) {
    std::set<pid_t> traced;
    for (bool grew = true; grew;) {  // until no thread appears meanwhile
      grew = false;
      for (pid_t t : tasks_of(pid))
        if (!traced.count(t) && ptrace(PTRACE_SEIZE, t, nullptr, PTRACE_O_TRACECLONE) == 0) {
          traced.insert(t);
          grew = true;
        }
    }
    ok_ = !traced.empty();
    ready_ = true;
    while (!stop_) {
      bool any = false;
      for (auto it = traced.begin(); it != traced.end();) {
        int st;
        pid_t t = *it;
        pid_t w = waitpid(t, &st, __WALL | WNOHANG);
        if (w != t) {
          if (w < 0) it = traced.erase(it);  // gone
          else ++it;
          continue;
        }
        any = true;
        if (WIFEXITED(st) || WIFSIGNALED(st)) {
          it = traced.erase(it);
          continue;
        }
        int event = st >> 16, sig = 0;
        if (event == PTRACE_EVENT_CLONE) {
          unsigned long child = 0;
          ptrace(PTRACE_GETEVENTMSG, t, nullptr, &child);
          ++clones_;
          traced.insert(static_cast<pid_t>(child));
        } else if (event == 0) {
          sig = WSTOPSIG(st);  // a signal for the thread: deliver it
        }
        ptrace(PTRACE_CONT, t, nullptr, sig);
        ++it;
      }
      if (!any) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  std::atomic<bool> ready_{false}, stop_{false}, ok_{false};
  std::atomic<long> clones_{0};
  std::thread tracer_;
};

// Many callers are served by a stable set of threads: the threads created
// while 2 and then 8 callers make 10,000 null calls each do not grow with
// the calls (each `ukern run` costs its control connection and its first
// receiver).
TEST(Speed, ManyCallersCreateAConstantNumberOfThreads) {
  Kernel k;
  k.insmod("test_count");
  CloneCounter clones(k.daemon_pid());
  ASSERT_TRUE(clones.ok());
  for (const char* threads : {"2", "8"}) {
    auto r = k.run({test_bin("null_calls"), threads, std::to_string(kCalls)});
    long n = std::atol(threads) * kCalls;
    EXPECT_EQ(r.out, "calls " + std::to_string(n) + " ok " + std::to_string(n) + " eagain 0\n") << r.err;
  }
  long created = clones.stop();
  EXPECT_GE(created, 2) << "each `ukern run` starts a receiver";
  EXPECT_LE(created, 40) << "threads created for 100,000 calls";
  std::printf("threads created for 2 x 10,000 and 8 x 10,000 null calls: %ld\n", created);
}

// An idle kernel (no program attached, no kthread with work) sleeps: none
// of its threads runs or is woken over 2 s. khungtaskd and the entry
// watchdog sleep too while they have nothing to watch.
TEST(Speed, IdleKernelWakesNoThread) {
  Kernel k;
  k.insmod("test_count");
  // A program came and went: its receiver and the watchdog wind down.
  auto r = k.run({test_bin("null_calls"), "2", "1000"});
  ASSERT_EQ(r.status, 0) << r.err;
  pid_t d = k.daemon_pid();
  auto snapshot = [&] {
    std::map<pid_t, std::pair<long, long>> s;  // tid -> (context switches, cpu ticks)
    for (pid_t t : tasks_of(d))
      s[t] = {task_status_field(d, t, "voluntary_ctxt_switches") +
                  task_status_field(d, t, "nonvoluntary_ctxt_switches"),
              thread_cpu_ticks(d, t)};
    return s;
  };
  // Settle: the watchdog stays awake 1 s after the last call; the
  // program's receivers leave once its listener is orphaned.
  // (Only the set of threads is compared: the sanitizer's thread, if any,
  // never settles.)
  auto tids = [&] { return tasks_of(d).size(); };
  ASSERT_TRUE(eventually([&] {
    auto a = tids();
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the watchdog sleeps 1 s after the last call
    return a == tids();
  }, 15000)) << "ukernd's threads never settled";
  auto before = snapshot();
  std::this_thread::sleep_for(std::chrono::seconds(2));  // the measurement window
  auto after = snapshot();
  pid_t sanitizer_thread = 0;
#if defined(__SANITIZE_THREAD__)
  // ThreadSanitizer's runtime starts a thread of its own before main (the
  // first after the main thread), which wakes every 100 ms: not ukernd's.
  for (auto& [tid, b] : before)
    if (tid != d && (sanitizer_thread == 0 || tid < sanitizer_thread)) sanitizer_thread = tid;
#endif
  for (auto& [tid, b] : before) {
    auto it = after.find(tid);
    if (it == after.end() || tid == sanitizer_thread) continue;
    EXPECT_EQ(it->second.first - b.first, 0) << "thread " << thread_comm(d, tid) << " woke up";
    EXPECT_EQ(it->second.second - b.second, 0) << "thread " << thread_comm(d, tid) << " used CPU";
  }
  EXPECT_EQ(after.size(), before.size()) << "threads came or went in an idle kernel";
}

// 10^6 printk lines in one call: the call returns, the ring keeps its last
// records without a gap, and the console file accounts for every line
// (written, or counted in a "lines suppressed" note) and stays capped.
TEST(Speed, PrintkFloodKeepsTheRingAndCapsTheConsole) {
  Kernel k;
  k.insmod("test_count");
  constexpr long kLines = 1'000'000;
  auto r = k.run({test_bin("callnr"), "601", "5", std::to_string(kLines)});
  ASSERT_EQ(r.out, "ret=0 errno=0\n") << r.err;

  // The ring: the newest records are the flood's last lines, consecutive.
  std::istringstream dm(k.dmesg());
  std::vector<long> ring;
  for (std::string line; std::getline(dm, line);)
    if (auto p = line.find("test_count: flood "); p != std::string::npos) ring.push_back(std::stol(line.substr(p + 18)));
  ASSERT_GE(ring.size(), 8000u);
  EXPECT_EQ(ring.back(), kLines - 1);
  for (size_t i = 1; i < ring.size(); ++i) ASSERT_EQ(ring[i], ring[i - 1] + 1) << "a gap in the ring at " << i;

  // The console (flushed by dmesg): every flood line in the current file
  // follows the previous one, or the note between them counts the gap.
  std::ifstream log(k.runtime_dir() + "/ukernd.log");
  long prev = -1, suppressed_since = 0, written = 0;
  for (std::string line; std::getline(log, line);) {
    if (auto p = line.find("console: "); p != std::string::npos && line.find(" lines suppressed") != std::string::npos) {
      suppressed_since += std::stol(line.substr(p + 9));
    } else if (auto q = line.find("test_count: flood "); q != std::string::npos) {
      long i = std::stol(line.substr(q + 18));
      if (prev >= 0) {
        ASSERT_EQ(i, prev + 1 + suppressed_since) << "a console line lost without a note";
      }
      prev = i;
      suppressed_since = 0;
      ++written;
    }
  }
  EXPECT_EQ(prev, kLines - 1);
  EXPECT_GT(written, 0);
  // Capped: the flood (about 40 MB) rotated the file, both parts bounded.
  for (std::string f : {"/ukernd.log", "/ukernd.log.1"}) {
    std::ifstream in(k.runtime_dir() + f, std::ios::ate);
    ASSERT_TRUE(in) << f << " missing";
    EXPECT_LE(static_cast<long>(in.tellg()), (8L << 20) + (1L << 20)) << f;
  }
}

// When ukernd cannot start a thread (here: an address-space limit that no
// thread stack fits in), the call that needed one gets EAGAIN and the
// kernel lives on.
TEST(Speed, FailedThreadCreationGivesEagainAndTheKernelLives) {
  Kernel k;
  k.insmod("test_sleep");
  k.insmod("test_count");
  std::string trigger = k.runtime_dir() + "/go";
  auto prog = k.spawn_run({test_bin("sleep_after_trigger"), trigger, "12", "1500"});
  ASSERT_TRUE(eventually([&] { return k.ukern({"ping"}).out.find("1 listener(s)") != std::string::npos; }));
  pid_t d = k.daemon_pid();
  long vm_kb = proc_status_field(d, "VmSize");
  ASSERT_GT(vm_kb, 0);
  rlimit tight{static_cast<rlim_t>(vm_kb + 1024) * 1024, RLIM_INFINITY}, loose{RLIM_INFINITY, RLIM_INFINITY};
  ASSERT_EQ(prlimit(d, RLIMIT_AS, &tight, nullptr), 0);
  { std::ofstream(trigger.c_str()) << "go\n"; }
  auto o = prog.wait(30000);
  ASSERT_EQ(prlimit(d, RLIMIT_AS, &loose, nullptr), 0);
  int ok = -1, eagain = -1, other = -1;
  ASSERT_EQ(sscanf(o.out.c_str(), "ok %d eagain %d other %d", &ok, &eagain, &other), 3) << o.out << o.err;
  EXPECT_EQ(other, 0);
  EXPECT_EQ(ok + eagain, 13);
  EXPECT_GE(eagain, 1) << "every call found a thread: the limit did not bite";
  // Alive and serving.
  EXPECT_EQ(k.ukern({"ping"}).status, 0);
  EXPECT_EQ(k.run({test_bin("null_calls"), "1", "10"}).out, "calls 10 ok 10 eagain 0\n");
  EXPECT_NE(k.dmesg().find("entry: cannot start a receiving thread"), std::string::npos);
}
