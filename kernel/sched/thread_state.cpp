#include "kernel/sched/thread_state.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <memory>
#include <set>

#include "kernel/debug/guard.h"
#include "kernel/entry/listener.h"
#include "kernel/entry/task.h"
#include "kernel/sched/clock.h"
#include "kernel/sched/kthread_task.h"
#include "ukern/wait.h"

namespace ukern {
namespace {

// Never destroyed: threads that are still running at process exit remove
// themselves from it in their thread-local destructors after static
// destructors have run.
std::mutex& registry_mu() {
  static auto* m = new std::mutex;
  return *m;
}
std::set<ThreadState*>& registry() {
  static auto* s = new std::set<ThreadState*>;
  return *s;
}

std::atomic<int> g_uninterruptible{0};
std::atomic<void (*)()> g_uninterruptible_hook{nullptr};

// How often a system call's sleep looks at whether its caller is still alive.
constexpr auto kCallerSlice = std::chrono::milliseconds(100);

std::string thread_name(pthread_t t) {
  char buf[32] = "";
  if (pthread_getname_np(t, buf, sizeof buf) != 0) return "?";
  return buf;
}

}  // namespace

ThreadState::ThreadState() : tid(gettid()), thread(pthread_self()) {
  std::lock_guard g(registry_mu());
  registry().insert(this);
}

ThreadState::~ThreadState() {
  std::lock_guard g(registry_mu());
  registry().erase(this);
}

ThreadState& this_thread_state() {
  thread_local std::unique_ptr<ThreadState> ts = std::make_unique<ThreadState>();
  return *ts;
}

void for_each_thread_state(const std::function<void(ThreadState&)>& fn) {
  std::lock_guard g(registry_mu());
  for (ThreadState* t : registry()) fn(*t);
}

void ThreadState::wake() {
  std::lock_guard g(mu);
  woken = true;
  cv.notify_one();
}

void ThreadState::clear_wake() {
  std::lock_guard g(mu);
  woken = false;
}

int ThreadState::sleep(std::optional<std::chrono::steady_clock::time_point> deadline, bool interruptible) {
  Task& me = current();
  // A user caller can die without anyone waking us: look every slice.
  bool poll_caller = !me.is_kthread();
  // A system call sleeping in a module that is being unloaded: rmmod waits
  // for it, so an interruptible sleep ends as if the caller were killed.
  Module* mod = poll_caller ? current_module() : nullptr;
  std::unique_lock l(mu);
  for (;;) {
    if (interruptible && (me.interrupted() || (mod && mod->state.load() == ModuleState::Going)))
      return -ERESTARTSYS;
    if (woken) return 0;
    auto now = std::chrono::steady_clock::now();
    if (deadline && now >= *deadline) return -ETIMEDOUT;
    if (poll_caller) {
      auto until = now + kCallerSlice;
      if (deadline && *deadline < until) until = *deadline;
      cv.wait_until(l, until);
    } else if (deadline) {
      cv.wait_until(l, *deadline);
    } else {
      cv.wait(l);
    }
  }
}

int uninterruptible_sleepers() { return g_uninterruptible.load(); }
void set_uninterruptible_hook(void (*first_sleeper)()) { g_uninterruptible_hook.store(first_sleeper); }

void ThreadState::begin_sleep(SleepState s, const char* w, const char* o) {
  entry_before_sleep();  // a system call about to block: let another thread receive
  if (s == SleepState::Uninterruptible && g_uninterruptible.fetch_add(1) == 0)
    if (auto hook = g_uninterruptible_hook.load()) hook();
  std::lock_guard g(mu);
  state = s;
  what = w;
  on = o;
  since_ns = clock_now_ns();
  ++episode;
  task = &current();
}

void ThreadState::end_sleep() {
  std::lock_guard g(mu);
  if (state == SleepState::Uninterruptible) g_uninterruptible.fetch_sub(1);
  state = SleepState::Running;
  what = nullptr;
  on = nullptr;
  task = nullptr;
}

std::string sleep_state_text(SleepState s) {
  switch (s) {
    case SleepState::Running: return "R";
    case SleepState::Uninterruptible: return "D";
    case SleepState::Interruptible: return "S";
  }
  return "?";
}

std::vector<ThreadSnapshot> thread_snapshots() {
  std::vector<ThreadSnapshot> out;
  int64_t now = clock_now_ns();
  for_each_thread_state([&](ThreadState& t) {
    ThreadSnapshot s;
    s.tid = t.tid;
    s.name = thread_name(t.thread);
    std::lock_guard g(t.mu);
    s.state = t.state;
    s.is_kthread = t.kthread != nullptr;
    s.caller_tid = 0;
    if (t.state != SleepState::Running) {
      s.what = t.what ? t.what : "";
      if (t.on) s.what += std::string(" ") + t.on;
      s.sleeping_ns = now - t.since_ns;
    } else {
      s.sleeping_ns = 0;
    }
    s.episode = t.episode;
    if (t.kthread) {
      s.task = std::string("kthread ") + t.kthread->name;
    } else if (t.task && !t.task->is_kthread()) {
      auto* c = static_cast<CallerTask*>(t.task);
      s.task = "pid " + std::to_string(c->tid()) + " syscall " + std::to_string(c->nr());
      s.caller_tid = c->tid();
    }
    s.held = t.held;
    out.push_back(std::move(s));
  });
  return out;
}

}  // namespace ukern
