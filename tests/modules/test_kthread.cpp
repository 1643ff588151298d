// test_kthread (610): kernel threads, wait queues, msleep and timers, driven
// by test_kthread_ctl(op, arg) from tests/integration/{kthread,time}_test.cpp.
#include <atomic>
#include <cerrno>

#include "ukern/delay.h"
#include "ukern/kthread.h"
#include "ukern/ktime.h"
#include "ukern/module.h"
#include "ukern/mutex.h"
#include "ukern/printk.h"
#include "ukern/syscall.h"
#include "ukern/timer.h"
#include "ukern/wait.h"

namespace {

enum Op {
  kCycle = 0,         // kthread_run + kthread_stop `arg` times; returns the sum of results
  kStartIdle = 1,     // starts "test_idle" (waits on a queue); returns its tid
  kStartSleeper = 2,  // starts "test_sleeper" (msleep(60000) in a loop); returns its tid
  kStop = 3,          // stops the idle or sleeper thread; returns its result
  kWakeIdle = 4,      // sets the idle thread's flag and wakes it
  kIdleWakeups = 5,   // how many times the idle thread saw its flag
  kMsleep = 6,        // msleep(arg) in the system call; returns 0
  kWaitForever = 7,   // wait_event_interruptible on a queue never woken; returns its result
  kStartReturner = 8, // starts a thread that returns `arg` at once; returns its tid
  kTimer = 9,         // arms a timer `arg` ms ahead and waits for it; returns ms of kernel time taken
  kLeak = 10,         // starts "test_leaky" and never stops it (exit does not either)
  kLive = 11,         // kthreads started minus stopped by this module
};

DECLARE_WAIT_QUEUE_HEAD(idle_wq);
DECLARE_WAIT_QUEUE_HEAD(never_wq);
DECLARE_WAIT_QUEUE_HEAD(timer_wq);
std::atomic<bool> idle_flag{false};
std::atomic<long> idle_wakeups{0};
std::atomic<long> live{0};
std::atomic<bool> timer_fired{false};
struct timer_list test_timer;

DEFINE_MUTEX(threads_lock);
struct task_struct* worker;  // under threads_lock
struct task_struct* leaky;   // under threads_lock

int returns_one(void*) { return 1; }
int returns_arg(void* p) { return static_cast<int>(reinterpret_cast<long>(p)); }

int idle_fn(void*) {
  for (;;) {
    int r = wait_event_interruptible(idle_wq, idle_flag.load() || kthread_should_stop());
    if (r != 0 || kthread_should_stop()) break;
    idle_flag.store(false);
    idle_wakeups.fetch_add(1);
  }
  return 7;
}

int sleeper_fn(void*) {
  while (!kthread_should_stop()) msleep(60000);
  return 42;
}

int leaky_fn(void*) {
  while (!kthread_should_stop()) ssleep(100);
  return 0;
}

void on_timer(struct timer_list*) {
  timer_fired.store(true);
  wake_up(&timer_wq);
}

long start(int (*fn)(void*), void* data, const char* name) {
  ukern::MutexGuard g(threads_lock);
  if (worker) return -EBUSY;
  struct task_struct* t = kthread_run(fn, data, "%s", name);
  if (IS_ERR(t)) return PTR_ERR(t);
  live.fetch_add(1);
  worker = t;
  return task_pid_nr(t) ? task_pid_nr(t) : 1;
}

long test_kthread_ctl(int op, long arg) {
  switch (op) {
    case kCycle: {
      long sum = 0;
      for (long i = 0; i < arg; ++i) {
        struct task_struct* t = kthread_run(returns_one, nullptr, "test_cycle/%ld", i);
        if (IS_ERR(t)) return PTR_ERR(t);
        live.fetch_add(1);
        int r = kthread_stop(t);
        live.fetch_sub(1);
        sum += r;
      }
      return sum;
    }
    case kStartIdle: return start(idle_fn, nullptr, "test_idle");
    case kStartSleeper: return start(sleeper_fn, nullptr, "test_sleeper");
    case kStartReturner: return start(returns_arg, reinterpret_cast<void*>(arg), "test_returner");
    case kStop: {
      ukern::MutexGuard g(threads_lock);
      if (!worker) return -ESRCH;
      int r = kthread_stop(worker);
      worker = nullptr;
      live.fetch_sub(1);
      return r;
    }
    case kWakeIdle:
      idle_flag.store(true);
      wake_up(&idle_wq);
      return 0;
    case kIdleWakeups: return idle_wakeups.load();
    case kMsleep: msleep(static_cast<unsigned>(arg)); return 0;
    case kWaitForever: {
      int r = wait_event_interruptible(never_wq, false);
      printk(KERN_INFO "test_kthread: wait_event_interruptible returned %d\n", r);
      return r;
    }
    case kTimer: {
      timer_fired.store(false);
      ktime_t t0 = ktime_get();
      mod_timer(&test_timer, jiffies + msecs_to_jiffies(static_cast<unsigned>(arg)));
      if (wait_event_interruptible(timer_wq, timer_fired.load()) != 0) return -EINTR;
      return ktime_ms_delta(ktime_get(), t0);
    }
    case kLeak: {
      ukern::MutexGuard g(threads_lock);
      if (leaky) return -EBUSY;
      leaky = kthread_run(leaky_fn, nullptr, "test_leaky");
      return IS_ERR(leaky) ? PTR_ERR(leaky) : task_pid_nr(leaky);
    }
    case kLive: return live.load();
  }
  return -EINVAL;
}

int __init test_kthread_init() {
  timer_setup(&test_timer, on_timer, 0);
  return syscall_stub_set(THIS_MODULE, "test_kthread_ctl", SYSCALL_STUB(test_kthread_ctl));
}

void __exit test_kthread_exit() {
  ukern::syscall_stub_clear(THIS_MODULE, "test_kthread_ctl");
  // test_timer is not deleted here on purpose: a test leaves it armed and
  // checks that the kernel cancels it with a warning.
  ukern::MutexGuard g(threads_lock);
  if (worker) kthread_stop(worker);
  worker = nullptr;
  // `leaky` is left running on purpose: the kernel must report and stop it.
}

}  // namespace

module_init(test_kthread_init);
module_exit(test_kthread_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("test_kthread (610): kthreads, wait queues, msleep and timers for the tests");
