// The three system calls: start_elevator (548), issue_request (549),
// stop_elevator (550). Return values as the course defines them: 0 done,
// 1 refused (already so, or an invalid request), -errno on failure.
#include <cerrno>

#include "elevator.h"
#include "ukern/ktime.h"
#include "ukern/module.h"
#include "ukern/printk.h"
#include "ukern/syscall.h"

namespace elevator {

namespace {

// Wakes the car thread; called with the lock held, after the change.
void notify_locked(Elevator& e) {
  e.events.fetch_add(1);
  wake_up(&e.wq);
}

long start_elevator() {
  Elevator& e = g_elevator;
  ukern::MutexGuard g(e.lock);
  if (e.state != CarState::Offline || e.draining) return 1;
  // OFFLINE means the car is empty: a stop drains every rider first.
  e.state = CarState::Idle;
  e.floor = 1;
  e.dir = Dir::None;
  e.target = 0;
  notify_locked(e);
  printk(KERN_INFO "elevator: started\n");
  return 0;
}

long stop_elevator() {
  Elevator& e = g_elevator;
  ukern::MutexGuard g(e.lock);
  if (e.state == CarState::Offline || e.draining) return 1;
  e.draining = true;
  notify_locked(e);
  printk(KERN_INFO "elevator: stopping (riders are carried to their floors first)\n");
  return 0;
}

/**
 * issue_request() - queue a passenger on its start floor. The three
 * arguments come in the profile's order (dorm: start, dest, type; hotel:
 * type, start, dest). O(1): a slot from the passenger cache, one list append.
 * Returns 0 queued, 1 invalid (floor out of range, start == dest, unknown
 * type), -EAGAIN when max_waiting already wait, -ENOMEM.
 */
long issue_request(int a0, int a1, int a2) {
  Elevator& e = g_elevator;
  const Profile& pr = e.profile;
  int start = 0, dest = 0, type = 0;
  const int in[3] = {a0, a1, a2};
  for (int i = 0; i < 3; ++i) {
    switch (pr.args[i]) {
      case Arg::Start: start = in[i]; break;
      case Arg::Dest: dest = in[i]; break;
      case Arg::Type: type = in[i]; break;
    }
  }
  int type_index = pr.type_index(type);
  if (start < 1 || start > pr.floors || dest < 1 || dest > pr.floors || start == dest || type_index < 0) return 1;
  ukern::MutexGuard g(e.lock);
  if (e.max_waiting && e.waiting >= e.max_waiting) return -EAGAIN;
  if (enqueue_locked(e, start, dest, type_index, ktime_get()) != 0) return -ENOMEM;
  // Only an idle car needs waking: a moving or loading one looks again at its
  // next step, and an OFFLINE one waits for start.
  if (e.state == CarState::Idle) notify_locked(e);
  return 0;
}

}  // namespace

int syscalls_register() {
  int rc = ukern::syscall_stub_set(THIS_MODULE, "start_elevator", SYSCALL_STUB(start_elevator));
  if (rc == 0) rc = ukern::syscall_stub_set(THIS_MODULE, "issue_request", SYSCALL_STUB(issue_request));
  if (rc == 0) rc = ukern::syscall_stub_set(THIS_MODULE, "stop_elevator", SYSCALL_STUB(stop_elevator));
  if (rc != 0) syscalls_unregister();
  return rc;
}

void syscalls_unregister() {
  ukern::syscall_stub_clear(THIS_MODULE, "start_elevator");
  ukern::syscall_stub_clear(THIS_MODULE, "issue_request");
  ukern::syscall_stub_clear(THIS_MODULE, "stop_elevator");
}

}  // namespace elevator
