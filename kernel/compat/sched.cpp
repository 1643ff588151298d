// The C face of tasks and kernel threads: struct task_struct of
// <linux/sched.h> for `current` and for the threads kthread_run/
// kthread_create start (on ukern's kthreads), schedule() with task states,
// wake_up_process, signal_pending.
#include <sched.h>
#include <unistd.h>

#include <atomic>
#include <cstdarg>
#include <cstdio>
#include <cstring>

#include "kernel/compat/compat.h"
#include "ukern/current.h"
#include "ukern/kthread.h"
#include "ukern/wait.h"

struct ukern_compat_task_private {
  wait_queue_head wake{"task_wake"};  // where schedule() and an unstarted kthread sleep
  std::atomic<bool> woken{false};      // wake_up_process since the last sleep
  // Kernel threads started from C:
  ::task_struct* kthread = nullptr;
  int (*fn)(void*) = nullptr;
  void* data = nullptr;
  std::atomic<bool> started{false};  // the first wake_up_process came
};

namespace ukern::compat {
namespace {

// The C task of the kernel thread running on this thread (its kthread_run
// result), or null.
thread_local task_struct* t_kthread_task = nullptr;

// `current` for any other thread: refreshed from ukern::current() on every
// use, since an entry thread serves many callers in turn.
struct ThreadTask {
  ukern_compat_task_private priv;
  task_struct task{};
  ThreadTask() { task.ukern = &priv; }
};
thread_local ThreadTask t_thread_task;

void fill_identity(task_struct* t) {
  Task& c = ukern::current();
  t->pid = c.tid();
  t->tgid = c.is_kthread() ? c.tid() : c.pid();
  std::string comm = c.comm();
  std::snprintf(t->comm, sizeof t->comm, "%s", comm.c_str());
  t->flags = c.is_kthread() ? 0x00200000 /* PF_KTHREAD */ : 0;
}

// Runs in the new kernel thread (as code of the module that started it):
// waits for the first wake_up_process, then runs the C function.
int kthread_trampoline(void* arg) {
  auto* t = static_cast<task_struct*>(arg);
  ukern_compat_task_private* p = t->ukern;
  // pid, tgid and comm were filled by create() before the first wake-up.
  t_kthread_task = t;
  (void)wait_event_interruptible(p->wake, p->started.load() || kthread_should_stop());
  if (!p->started.load()) {
    t_kthread_task = nullptr;
    return -EINTR;  // stopped before it was ever woken: fn does not run (as in Linux)
  }
  p->woken.store(false);
  __atomic_store_n(&t->__state, 0L, __ATOMIC_SEQ_CST);
  int r = p->fn(p->data);
  t_kthread_task = nullptr;
  return r;
}

task_struct* create(int (*fn)(void*), void* data, const char* namefmt, va_list ap) {
  char name[64];
  std::vsnprintf(name, sizeof name, namefmt ? namefmt : "kthread", ap);
  auto* t = new task_struct{};
  t->ukern = new ukern_compat_task_private;
  t->ukern->fn = fn;
  t->ukern->data = data;
  std::snprintf(t->comm, sizeof t->comm, "%.15s", name);
  ::task_struct* k = kthread_run(kthread_trampoline, t, "%s", name);
  if (IS_ERR(k)) {
    long err = PTR_ERR(k);
    delete t->ukern;
    delete t;
    return static_cast<task_struct*>(ERR_PTR(err));
  }
  // Written before wake_up_process releases the thread (its `started` store
  // orders these for the thread and for fn).
  t->ukern->kthread = k;
  t->pid = task_pid_nr(k);
  t->tgid = t->pid;
  t->flags = 0x00200000;
  return t;
}

// Sleeps in the task's current state until wake_up_process, an
// interruption (kthread_stop, caller killed) or `timeout` jiffies (< 0: none).
// Returns the jiffies left (0 when the time passed).
long sleep_in_state(task_struct* t, long timeout) {
  long state = __atomic_load_n(&t->__state, __ATOMIC_SEQ_CST);
  if (state == 0) {
    sched_yield();
    return timeout < 0 ? 0 : timeout;
  }
  ukern_compat_task_private* p = t->ukern;
  long left;
  long wait_for = timeout < 0 ? static_cast<long>(MAX_SCHEDULE_TIMEOUT) : timeout;
  if (state & 1 /* TASK_INTERRUPTIBLE */)
    left = wait_event_interruptible_timeout(p->wake, p->woken.load(), wait_for);
  else
    left = wait_event_timeout(p->wake, p->woken.load() || kthread_should_stop(), wait_for);
  p->woken.store(false);
  __atomic_store_n(&t->__state, 0L, __ATOMIC_SEQ_CST);
  if (left < 0) left = wait_for;  // interrupted: report the time as not used up
  return timeout < 0 ? 0 : left;
}

}  // namespace
}  // namespace ukern::compat

using CTask = ukern::compat::task_struct;

extern "C" {

CTask* ukern_c_current(void) {
  using namespace ukern::compat;
  if (t_kthread_task) return t_kthread_task;
  fill_identity(&t_thread_task.task);
  return &t_thread_task.task;
}

CTask* ukern_c_kthread_create(int (*fn)(void*), void* data, const char* namefmt, ...) {
  va_list ap;
  va_start(ap, namefmt);
  CTask* t = ukern::compat::create(fn, data, namefmt, ap);
  va_end(ap);
  return t;
}

int ukern_c_wake_up_process(CTask* t) {
  if (t == nullptr || IS_ERR(t)) return 0;
  t->ukern->started.store(true);
  t->ukern->woken.store(true);
  __wake_up(&t->ukern->wake);
  return 1;
}

CTask* ukern_c_kthread_run(int (*fn)(void*), void* data, const char* namefmt, ...) {
  va_list ap;
  va_start(ap, namefmt);
  CTask* t = ukern::compat::create(fn, data, namefmt, ap);
  va_end(ap);
  if (!IS_ERR(t)) (void)ukern_c_wake_up_process(t);
  return t;
}

int ukern_c_kthread_stop(CTask* t) {
  if (t == nullptr || IS_ERR(t) || t->ukern == nullptr || t->ukern->kthread == nullptr) return -EINVAL;
  int r = kthread_stop(t->ukern->kthread);
  if (r == -EINVAL || r == -EDEADLK) return r;  // not ours to free (already stopped, or itself)
  delete t->ukern;
  delete t;
  return r;
}

void ukern_c_schedule(void) { (void)ukern::compat::sleep_in_state(ukern_c_current(), -1); }
long ukern_c_schedule_timeout(long timeout) {
  if (timeout < 0) timeout = 0;
  return ukern::compat::sleep_in_state(ukern_c_current(),
                                       timeout >= static_cast<long>(MAX_SCHEDULE_TIMEOUT) ? -1 : timeout);
}
long ukern_c_schedule_timeout_interruptible(long timeout) {
  __atomic_store_n(&ukern_c_current()->__state, 1L, __ATOMIC_SEQ_CST);
  return ukern_c_schedule_timeout(timeout);
}
long ukern_c_schedule_timeout_uninterruptible(long timeout) {
  __atomic_store_n(&ukern_c_current()->__state, 2L, __ATOMIC_SEQ_CST);
  return ukern_c_schedule_timeout(timeout);
}
void ukern_c_yield(void) { sched_yield(); }

int ukern_c_signal_pending(CTask* t) {
  // Only the current task's own state is known: another task's is "no".
  if (t != ukern_c_current()) return 0;
  return ukern::fatal_signal_pending() ? 1 : 0;
}

}  // extern "C"
