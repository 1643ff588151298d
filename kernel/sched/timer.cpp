// Kernel timers: one thread ("ktimerd") with a deadline heap and a condition
// variable. Entries are (expiry, generation, timer); re-arming or deleting a
// timer bumps its generation, which makes its older heap entries stale.
#include "ukern/timer.h"

#include <pthread.h>

#include <condition_variable>
#include <mutex>
#include <queue>
#include <string_view>
#include <unordered_map>
#include <system_error>
#include <thread>
#include <vector>

#include "kernel/boot.h"
#include "kernel/debug/guard.h"
#include "kernel/debug/kapi_check.h"
#include "kernel/debug/interrupts.h"
#include "kernel/entry/task.h"
#include "kernel/sched/clock.h"
#include "kernel/sched/thread_state.h"
#include "ukern/printk.h"

using namespace ukern;

namespace {

struct Entry {
  unsigned long expires;
  uint64_t generation;
  timer_list* timer;
  bool operator>(const Entry& o) const { return time_after(expires, o.expires); }
};

struct TimerBase {
  std::mutex mu;
  std::condition_variable cv;       // wakes the timer thread (new earliest / shutdown)
  std::condition_variable done_cv;  // wakes del_timer_sync when a callback ends
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap;
  // Pending timers and their generation. Heap entries are checked against
  // this map, never by reading the timer: a deleted timer may be freed (or
  // its module unloaded) while stale entries still point at it.
  std::unordered_map<timer_list*, uint64_t> armed;
  timer_list* running = nullptr;
  std::thread::id thread_id;
  std::thread thread;
  bool started = false;
  bool stopping = false;

  // Processes that never ran the subsystem shutdown (unit tests) stop the
  // thread at exit.
  ~TimerBase() {
    {
      std::lock_guard g(mu);
      stopping = true;
      cv.notify_all();
    }
    if (thread.joinable()) thread.join();
  }
};

TimerBase& base() {
  static TimerBase b;
  return b;
}

void forget_armed_locked(TimerBase& b, timer_list* t) { b.armed.erase(t); }

void timer_thread() {
  pthread_setname_np(pthread_self(), "ktimerd");
  TimerBase& b = base();
  std::unique_lock l(b.mu);
  while (!b.stopping) {
    if (b.heap.empty()) {
      b.cv.wait(l);
      continue;
    }
    Entry e = b.heap.top();
    timer_list* t = e.timer;
    auto live = b.armed.find(t);
    if (live == b.armed.end() || live->second != e.generation) {  // stale
      b.heap.pop();
      continue;
    }
    unsigned long now = jiffies;
    if (time_before(now, e.expires)) {
      b.cv.wait_until(l, clock_host_deadline(static_cast<int64_t>(jiffies_to_nsecs(e.expires))));
      continue;
    }
    b.heap.pop();
    t->pending = false;
    forget_armed_locked(b, t);
    b.running = t;
    auto fn = t->function;
    Module* owner = t->owner;
    l.unlock();
    interrupt_counters().timer.fetch_add(1, std::memory_order_relaxed);
    // A callback runs in "atomic context": sleeping in it is reported.
    ThreadState& ts = this_thread_state();
    ++ts.spin_depth;
    (void)run_module_code(owner, "timer", [&] {
      fn(t);
      return 0L;
    }, -EFAULT);
    --ts.spin_depth;
    l.lock();
    b.running = nullptr;
    b.done_cv.notify_all();
  }
}

void ensure_started_locked(TimerBase& b) {
  if (b.started || b.stopping) return;
  try {
    b.thread = std::thread(timer_thread);
  } catch (const std::system_error& e) {
    // The timer stays armed; the next mod_timer tries again.
    printk_ratelimited(KERN_ERR "timers: cannot start ktimerd: %s\n", e.what());
    return;
  }
  b.started = true;
  b.thread_id = b.thread.get_id();
}

void on_module_event(Module& m, ModuleEvent e) {
  if (e != ModuleEvent::Gone) return;
  std::vector<timer_list*> left;
  {
    std::lock_guard g(base().mu);
    for (auto& [t, gen] : base().armed)
      if (t->owner == &m) left.push_back(t);
  }
  for (timer_list* t : left) {
    printk(KERN_WARNING "%s: exit left a timer armed (%p); cancelled\n", m.name.c_str(), static_cast<void*>(t));
    del_timer_sync(t);
  }
}

Result<void> timer_boot(const RuntimePaths&, std::string*) {
  module_notifier_add(on_module_event);
  return {};
}

void timer_shutdown() {
  TimerBase& b = base();
  {
    std::lock_guard g(b.mu);
    b.stopping = true;
    b.cv.notify_all();
  }
  if (b.thread.joinable()) b.thread.join();
}

}  // namespace

UKERN_SUBSYSTEM(timers, 6, timer_boot, timer_shutdown);

namespace {
// A module's timer pointer, checked before any timer lock is taken: null is
// refused with a warning; a wild pointer faults here, lock-free (reading
// the fields only the module writes).
bool timer_arg_bad(const struct timer_list* t, const char* api) {
  if (ukern::kapi_warn_if(t == nullptr, api, "NULL timer")) return true;
  auto fn = *reinterpret_cast<void (*const volatile*)(struct timer_list*)>(&t->function);
  (void)*reinterpret_cast<const volatile unsigned int*>(&t->flags);
  return std::string_view(api) == "mod_timer" &&
         ukern::kapi_warn_if(fn == nullptr, api, "timer without a function (timer_setup not called?)");
}
}  // namespace

extern "C" void ukern_timer_setup(struct timer_list* t, void (*fn)(struct timer_list*), unsigned int flags) {
  if (ukern::kapi_warn_if(t == nullptr, "timer_setup", "NULL timer")) return;
  t->function = fn;
  t->expires = 0;
  t->flags = flags;
  t->owner = current_module();
  t->generation = 0;
  t->pending = false;
}

extern "C" int mod_timer(struct timer_list* t, unsigned long expires) {
  if (timer_arg_bad(t, "mod_timer")) return -EINVAL;
  TimerBase& b = base();
  std::lock_guard g(b.mu);
  int was = t->pending ? 1 : 0;
  t->expires = expires;
  t->pending = true;
  ++t->generation;
  if (Module* m = current_module()) t->owner = m;
  b.armed[t] = t->generation;
  b.heap.push({expires, t->generation, t});
  if (b.heap.size() > 4 * b.armed.size() + 64) {  // re-armed often: drop the stale entries
    decltype(b.heap) live;
    while (!b.heap.empty()) {
      Entry e = b.heap.top();
      b.heap.pop();
      auto it = b.armed.find(e.timer);
      if (it != b.armed.end() && it->second == e.generation) live.push(e);
    }
    b.heap.swap(live);
  }
  ensure_started_locked(b);
  b.cv.notify_one();
  return was;
}

extern "C" void add_timer(struct timer_list* t) {
  if (timer_arg_bad(t, "add_timer")) return;
  (void)mod_timer(t, t->expires);
}

// Takes `t` off the heap (if armed) and invalidates any queued expiry.
// Returns 1 if it was pending. Caller holds b.mu.
static int disarm_locked(TimerBase& b, struct timer_list* t) {
  int was = t->pending ? 1 : 0;
  if (was) forget_armed_locked(b, t);
  t->pending = false;
  ++t->generation;
  return was;
}

extern "C" int del_timer(struct timer_list* t) {
  if (timer_arg_bad(t, "del_timer")) return 0;
  TimerBase& b = base();
  std::lock_guard g(b.mu);
  return disarm_locked(b, t);
}

extern "C" int del_timer_sync(struct timer_list* t) {
  if (timer_arg_bad(t, "del_timer_sync")) return 0;
  TimerBase& b = base();
  std::unique_lock l(b.mu);
  int was = disarm_locked(b, t);
  if (std::this_thread::get_id() != b.thread_id)
    b.done_cv.wait(l, [&] { return b.running != t; });
  return was;
}

extern "C" int timer_pending(const struct timer_list* t) {
  if (timer_arg_bad(t, "timer_pending")) return 0;
  std::lock_guard g(base().mu);
  return t->pending ? 1 : 0;
}
