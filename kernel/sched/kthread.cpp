// Kernel threads: one host thread each, named after the kthread, running its
// function as code of the module that started it.
#include "ukern/kthread.h"

#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <set>

#include <fmt/format.h>

#include "kernel/boot.h"
#include "kernel/debug/guard.h"
#include "kernel/entry/task.h"
#include "kernel/sched/clock.h"
#include "kernel/sched/kthread_task.h"
#include "kernel/sched/thread_state.h"
#include "ukern/printk.h"
#include "ukern/wait.h"

pid_t task_struct::pid() const { return getpid(); }

namespace ukern {
namespace {

std::mutex g_kthreads_mu;
std::set<task_struct*> g_kthreads;  // started and not yet reaped

void kthread_main(task_struct* t) {
  pthread_setname_np(pthread_self(), t->name.substr(0, 15).c_str());
  t->tid_.store(gettid());
  t->tid_.notify_all();
  ThreadState& ts = this_thread_state();
  {
    std::lock_guard g(ts.mu);
    ts.kthread = t;
  }
  {
    std::lock_guard g(t->ts_mu);
    t->ts = &ts;
  }
  CurrentScope scope(t);
  // fn always runs, even when kthread_stop came first (it then sees
  // kthread_should_stop() at once): kthread_stop always returns fn's result.
  t->result = static_cast<int>(run_module_code(
      t->owner, t->what.c_str(), [t] { return static_cast<long>(t->fn(t->data)); }, -EFAULT));
  if (!ts.held.empty())
    printk(KERN_ERR "kthread %s exited holding %zu lock(s)\n", t->name.c_str(), ts.held.size());
  {
    std::lock_guard g(t->ts_mu);
    t->ts = nullptr;
  }
  {
    std::lock_guard g(ts.mu);
    ts.kthread = nullptr;
  }
  t->exited.store(true);
}

int64_t thread_cpu_ns(const std::thread& th, bool exited) {
  if (exited) return 0;
  clockid_t cid;
  auto handle = const_cast<std::thread&>(th).native_handle();
  if (pthread_getcpuclockid(handle, &cid) != 0) return 0;
  timespec ts;
  if (clock_gettime(cid, &ts) != 0) return 0;
  return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

// A module's threads must not outlive its code.
void on_module_event(Module& m, ModuleEvent e) {
  if (e != ModuleEvent::Gone) return;
  std::vector<task_struct*> left;
  {
    std::lock_guard g(g_kthreads_mu);
    for (task_struct* t : g_kthreads) {
      if (t->owner != &m) continue;
      if (t->exited.load())
        printk(KERN_WARNING "%s: kthread %s returned but was never reaped with kthread_stop; reaping it\n",
               m.name.c_str(), t->name.c_str());
      else
        printk(KERN_ERR "%s: exit left kthread %s (tid %d) running; stopping it\n", m.name.c_str(),
               t->name.c_str(), t->tid());
      left.push_back(t);
    }
  }
  for (task_struct* t : left) (void)kthread_stop(t);  // -EINVAL if someone else just stopped it
}

Result<void> kthread_boot(const RuntimePaths&, std::string*) {
  module_notifier_add(on_module_event);
  return {};
}
void kthread_shutdown() {
  // Kernel-owned threads (owner == nullptr) are stopped by their subsystems.
}

}  // namespace

std::vector<KthreadInfo> kthread_list() {
  std::vector<KthreadInfo> out;
  int64_t now = clock_now_ns();
  std::lock_guard g(g_kthreads_mu);
  for (task_struct* t : g_kthreads) {
    KthreadInfo k;
    k.name = t->name;
    k.tid = t->tid();
    k.owner = t->owner ? t->owner->name : "";
    k.sleeping_ns = 0;
    k.age_ns = now - t->start_ns;
    bool exited = t->exited.load();
    k.cpu_ns = thread_cpu_ns(t->thread, exited);
    if (exited) {
      k.state = "exited";
    } else {
      std::lock_guard tg(t->ts_mu);
      if (t->ts == nullptr) {
        k.state = "R";
      } else {
        std::lock_guard sg(t->ts->mu);
        k.state = sleep_state_text(t->ts->state);
        if (t->ts->state != SleepState::Running) {
          k.state += std::string(" (") + (t->ts->what ? t->ts->what : "") +
                     (t->ts->on ? std::string(" ") + t->ts->on : "") + ")";
          k.sleeping_ns = now - t->ts->since_ns;
        }
      }
    }
    out.push_back(std::move(k));
  }
  return out;
}

size_t kthread_count() {
  std::lock_guard g(g_kthreads_mu);
  return g_kthreads.size();
}

std::string kthreads_report() {
  std::string out = fmt::format("{:<16} {:>7} {:<12} {:>9} {:>9}  {}\n", "KTHREAD", "TID", "MODULE", "CPU(ms)",
                                "AGE(s)", "STATE");
  for (auto& k : kthread_list()) {
    std::string state = k.state;
    if (k.sleeping_ns > 0) state += fmt::format(" for {:.3f}s", k.sleeping_ns / 1e9);
    out += fmt::format("{:<16} {:>7} {:<12} {:>9.1f} {:>9.1f}  {}\n", k.name, k.tid,
                       k.owner.empty() ? "-" : k.owner, k.cpu_ns / 1e6, k.age_ns / 1e9, state);
  }
  return out;
}

UKERN_SUBSYSTEM(kthread, 5, kthread_boot, kthread_shutdown);

}  // namespace ukern

using namespace ukern;

extern "C" struct task_struct* kthread_run(int (*fn)(void*), void* data, const char* namefmt, ...) {
  if (fn == nullptr || namefmt == nullptr) return static_cast<task_struct*>(ERR_PTR(-EINVAL));
  char name[64];
  va_list ap;
  va_start(ap, namefmt);
  vsnprintf(name, sizeof name, namefmt, ap);
  va_end(ap);
  auto* t = new task_struct;
  t->name = name;
  t->what = std::string("kthread ") + name;
  t->owner = current_module();
  t->fn = fn;
  t->data = data;
  t->start_ns = clock_now_ns();
  try {
    // Started and listed under the lock: `ukern ps` and a module unload never
    // see it half made.
    std::lock_guard g(g_kthreads_mu);
    t->thread = std::thread(kthread_main, t);
    g_kthreads.insert(t);
  } catch (const std::system_error&) {
    delete t;
    printk(KERN_ERR "kthread_run: cannot start thread %s\n", name);
    return static_cast<task_struct*>(ERR_PTR(-EAGAIN));
  }
  t->tid_.wait(0);  // like Linux, return once the thread exists (task_pid_nr is valid)
  return t;
}

extern "C" bool kthread_should_stop(void) {
  Task& c = current();
  if (!c.is_kthread()) return false;
  return c.interrupted();  // KernelTask ("swapper") is never interrupted
}

extern "C" int kthread_stop(struct task_struct* t) {
  if (t == nullptr || IS_ERR(t)) return -EINVAL;
  if (&current() == t) {
    printk(KERN_ERR "kthread_stop: kthread %s tried to stop itself\n", t->name.c_str());
    return -EDEADLK;
  }
  {
    // Claimed by unlisting it: a second kthread_stop gets -EINVAL, and no
    // reader of the list touches t->thread while it is joined below.
    std::lock_guard g(g_kthreads_mu);
    if (!g_kthreads.erase(t)) return -EINVAL;
    t->stopping.store(true);
  }
  UKERN_MIGHT_SLEEP();
  t->should_stop.store(true);
  {
    // Wake it from whatever it sleeps on (msleep, a wait queue): it re-checks.
    std::lock_guard g(t->ts_mu);
    if (t->ts) t->ts->wake();
  }
  t->thread.join();
  int r = t->result;
  delete t;
  return r;
}

extern "C" pid_t task_pid_nr(const struct task_struct* t) { return t ? t->tid() : 0; }
extern "C" const char* kthread_name(const struct task_struct* t) { return t ? t->name.c_str() : ""; }
extern "C" struct task_struct* kthread_current(void) {
  Task& c = current();
  if (!c.is_kthread() || dynamic_cast<task_struct*>(&c) == nullptr) return nullptr;
  return static_cast<task_struct*>(&c);
}
