#include "kernel/debug/hung_task.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "kernel/boot.h"
#include "kernel/debug/report_text.h"
#include "kernel/debug/stack_of.h"
#include "kernel/debug/sysctl.h"
#include "kernel/sched/clock.h"
#include "kernel/sched/thread_state.h"
#include "ukern/printk.h"

namespace ukern {
namespace {

std::atomic<long> g_timeout_secs{120};
std::atomic<uint64_t> g_reports{0};

std::mutex g_mu;
std::condition_variable g_cv;
bool g_stop = false;  // guarded by g_mu
uint64_t g_changes = 0;  // guarded by g_mu: bumped when the timeout changes
uint64_t g_kicks = 0;    // guarded by g_mu: bumped when a thread starts sleeping uninterruptibly
std::thread g_thread;

// Kernel time between two scans: a quarter of the timeout, within 0.1..5 s.
int64_t scan_interval_ns() {
  long t = g_timeout_secs.load();
  int64_t ns = t > 0 ? t * 1'000'000'000LL / 4 : 5'000'000'000LL;
  return std::clamp<int64_t>(ns, 100'000'000LL, 5'000'000'000LL);
}

void check(std::map<pid_t, uint64_t>& reported) {
  long limit = g_timeout_secs.load();
  if (limit <= 0) return;
  for (auto& t : thread_snapshots()) {
    if (t.state != SleepState::Uninterruptible || t.sleeping_ns <= limit * 1'000'000'000LL) continue;
    auto it = reported.find(t.tid);
    if (it != reported.end() && it->second == t.episode) continue;  // this sleep was reported already
    reported[t.tid] = t.episode;
    g_reports.fetch_add(1);
    std::string s = fmt::format("INFO: task {}:{} blocked for more than {} seconds.\n", t.name, t.tid, limit);
    s += fmt::format("      blocked in {} for {:.1f}s{}\n", t.what, t.sleeping_ns / 1e9,
                     t.task.empty() ? "" : ", on behalf of " + t.task);
    s += "\"ukern sysctl hung_task_timeout_secs=0\" disables this message.\n";
    s += fmt::format("task:{:<15} state:D pid:{}\nCall Trace:\n", t.name, t.tid);
    s += stack_of(t.tid, 200, " ");
    log_report(3, s);
  }
}

// A thread started sleeping uninterruptibly while none did: scan again.
void kick() {
  std::lock_guard g(g_mu);
  ++g_kicks;
  g_cv.notify_all();
}

// Scans every scan_interval_ns() while some thread sleeps uninterruptibly;
// otherwise sleeps until one does (an idle kernel does not wake it).
void watchdog() {
  pthread_setname_np(pthread_self(), "khungtaskd");
  std::map<pid_t, uint64_t> reported;
  std::unique_lock l(g_mu);
  while (!g_stop) {
    uint64_t seen = g_changes, kicks = g_kicks;
    if (uninterruptible_sleepers() == 0) {
      // Nothing to watch. A sleeper that begins after this look kicks us.
      g_cv.wait(l, [seen, kicks] { return g_stop || g_changes != seen || g_kicks != kicks; });
      if (g_stop) break;
      seen = g_changes;
    }
    auto until = clock_host_deadline(clock_now_ns() + scan_interval_ns());
    g_cv.wait_until(l, until, [seen] { return g_stop || g_changes != seen; });
    if (g_stop) break;
    l.unlock();
    check(reported);
    l.lock();
  }
}

Result<void> hung_task_boot(const RuntimePaths&, std::string*) {
  sysctl_register("hung_task_timeout_secs",
                  {[] { return g_timeout_secs.load(); },
                   [](long v) {
                     if (v < 0 || v > 365L * 24 * 3600) return false;
                     std::lock_guard g(g_mu);
                     g_timeout_secs.store(v);
                     ++g_changes;  // rescan now, with the new limit
                     g_cv.notify_all();
                     return true;
                   },
                   "seconds of kernel time a task may sleep uninterruptibly before it is reported"});
  g_stop = false;
  set_uninterruptible_hook(kick);
  try {
    g_thread = std::thread(watchdog);
  } catch (const std::system_error& e) {
    // Not fatal: the kernel runs without the hung-task detector.
    printk(KERN_ERR "hung_task: cannot start khungtaskd: %s\n", e.what());
  }
  return {};
}

void hung_task_shutdown() {
  {
    std::lock_guard g(g_mu);
    g_stop = true;
  }
  g_cv.notify_all();
  if (g_thread.joinable()) g_thread.join();
}

}  // namespace

long hung_task_timeout_secs() { return g_timeout_secs.load(); }
uint64_t hung_task_reports() { return g_reports.load(); }

UKERN_SUBSYSTEM(hung_task, 40, hung_task_boot, hung_task_shutdown);

}  // namespace ukern
