// Wait queues, msleep and the module-facing kernel clock.
#include "ukern/wait.h"

#include <sched.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <new>

#include "kernel/locking/lockdep_internal.h"
#include "kernel/sched/clock.h"
#include "kernel/sched/thread_state.h"
#include "ukern/delay.h"
#include "ukern/ktime.h"

using namespace ukern;

namespace ukern::detail {

void waitqueue_init(wait_queue_head_t* wq, const char* name) { new (wq) wait_queue_head(name); }

void might_sleep_at(const char* file, int line) { lockdep_might_sleep(file, line); }

WaitScope::WaitScope(wait_queue_head_t* wq, bool interruptible, long timeout_jiffies, const char* what)
    : wq_(wq),
      entry_{nullptr, nullptr, &this_thread_state()},
      interruptible_(interruptible),
      has_deadline_(timeout_jiffies >= 0 && static_cast<unsigned long>(timeout_jiffies) < MAX_SCHEDULE_TIMEOUT),
      deadline_ns_(has_deadline_ ? clock_now_ns() + static_cast<int64_t>(jiffies_to_nsecs(timeout_jiffies)) : 0),
      what_(what) {
  {
    std::lock_guard g(wq_->lock);
    entry_.next = &wq_->head;
    entry_.prev = wq_->head.prev;
    wq_->head.prev->next = &entry_;
    wq_->head.prev = &entry_;
  }
  static_cast<ThreadState*>(entry_.thread)
      ->begin_sleep(interruptible ? SleepState::Interruptible : SleepState::Uninterruptible, what_, wq_->name);
}

WaitScope::~WaitScope() {
  static_cast<ThreadState*>(entry_.thread)->end_sleep();
  std::lock_guard g(wq_->lock);
  entry_.prev->next = entry_.next;
  entry_.next->prev = entry_.prev;
}

void WaitScope::prepare() { static_cast<ThreadState*>(entry_.thread)->clear_wake(); }

int WaitScope::sleep() {
  std::optional<std::chrono::steady_clock::time_point> deadline;
  if (has_deadline_) deadline = clock_host_deadline(deadline_ns_);
  return static_cast<ThreadState*>(entry_.thread)->sleep(deadline, interruptible_);
}

long WaitScope::remaining() const {
  if (!has_deadline_) return static_cast<long>(MAX_SCHEDULE_TIMEOUT);
  int64_t left = deadline_ns_ - clock_now_ns();
  long j = left > 0 ? static_cast<long>(nsecs_to_jiffies(static_cast<uint64_t>(left))) : 0;
  return j < 1 ? 1 : j;
}

}  // namespace ukern::detail

extern "C" void __wake_up(wait_queue_head_t* wq) {
  std::lock_guard g(wq->lock);
  for (auto* e = wq->head.next; e != &wq->head; e = e->next) static_cast<ThreadState*>(e->thread)->wake();
}

extern "C" bool waitqueue_active(wait_queue_head_t* wq) {
  std::lock_guard g(wq->lock);
  return wq->head.next != &wq->head;
}

namespace {
// Sleeps `ms` of kernel time; returns the kernel ns left when interrupted.
int64_t sleep_ms(unsigned int ms, const char* what, const char* file, int line) {
  lockdep_might_sleep(file, line);
  int64_t deadline_ns = clock_now_ns() + int64_t{ms} * NSEC_PER_MSEC;
  ThreadState& ts = this_thread_state();
  ts.begin_sleep(SleepState::Uninterruptible, what, nullptr);
  auto host_deadline = clock_host_deadline(deadline_ns);
  int r;
  do {
    ts.clear_wake();
    r = ts.sleep(host_deadline, true);
  } while (r == 0);  // a stray wake-up: keep sleeping
  ts.end_sleep();
  int64_t left = deadline_ns - clock_now_ns();
  return r == -ERESTARTSYS && left > 0 ? left : 0;
}
}  // namespace

extern "C" void msleep(unsigned int ms) { (void)sleep_ms(ms, "msleep", "msleep", 0); }
extern "C" void ssleep(unsigned int s) { (void)sleep_ms(s * 1000U, "ssleep", "ssleep", 0); }
extern "C" unsigned long msleep_interruptible(unsigned int ms) {
  int64_t left = sleep_ms(ms, "msleep_interruptible", "msleep_interruptible", 0);
  return static_cast<unsigned long>((left + NSEC_PER_MSEC - 1) / NSEC_PER_MSEC);
}
extern "C" void usleep_range(unsigned long min_us, unsigned long) {
  (void)sleep_ms(static_cast<unsigned int>((min_us + 999) / 1000), "usleep_range", "usleep_range", 0);
}
extern "C" void udelay(unsigned long us) {
  auto until = std::chrono::steady_clock::now() + clock_to_host(static_cast<int64_t>(us) * NSEC_PER_USEC);
  while (std::chrono::steady_clock::now() < until) {
  }
}
extern "C" void mdelay(unsigned long ms) { udelay(ms * 1000); }

extern "C" ktime_t ktime_get(void) { return clock_now_ns(); }
extern "C" uint64_t ktime_get_ns(void) { return static_cast<uint64_t>(clock_now_ns()); }
extern "C" int64_t ktime_get_seconds(void) { return clock_now_ns() / NSEC_PER_SEC; }
extern "C" unsigned long ukern_jiffies(void) { return nsecs_to_jiffies(static_cast<uint64_t>(clock_now_ns())); }

extern "C" long schedule_timeout_interruptible(long timeout) {
  if (timeout <= 0) return 0;
  unsigned int ms = static_cast<unsigned int>(std::min<long>(jiffies_to_msecs(static_cast<unsigned long>(timeout)), UINT32_MAX));
  int64_t left = sleep_ms(ms, "schedule_timeout", "schedule_timeout", 0);
  return static_cast<long>(nsecs_to_jiffies(static_cast<uint64_t>(left)));
}
extern "C" long schedule_timeout_uninterruptible(long timeout) { return schedule_timeout_interruptible(timeout); }
extern "C" void schedule(void) { sched_yield(); }
