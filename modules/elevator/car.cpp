// The car thread: asks the policy what to do and does it (the mechanics are
// the same in the simulator; README.md, "Elevator", describes them). It
// sleeps on g_elevator.wq when there is nothing to do and between steps, on
// the kernel clock, so `--time-scale` speeds it up and kthread_stop wakes it.
#include "elevator.h"
#include "ukern/delay.h"
#include "ukern/kthread.h"
#include "ukern/ktime.h"
#include "ukern/printk.h"

namespace elevator {

const char* car_state_name(CarState s) {
  switch (s) {
    case CarState::Offline: return "OFFLINE";
    case CarState::Idle: return "IDLE";
    case CarState::Loading: return "LOADING";
    case CarState::Up: return "UP";
    case CarState::Down: return "DOWN";
  }
  return "?";
}

namespace {

// What the thread does once it has let go of the lock.
enum class Next { SleepUntilEvent, Move, Load };

// A Stop that moved nobody (the policy stopped for passengers who do not fit):
// logged once; the car heads for its riders' nearest destination instead, so
// it can never stall with riders aboard. Returns Move or SleepUntilEvent.
Next recover_from_empty_stop(Elevator& e) {
  if (!e.warned_empty_stop) {
    e.warned_empty_stop = true;
    printk(KERN_WARNING "elevator: the policy stopped at floor %d and nobody got on or off; "
           "heading for the riders' destinations instead (logged once)\n", e.floor);
  }
  int above = 0, below = 0;
  for (int f = e.floor + 1; f <= e.profile.floors && !above; ++f)
    if (e.riders_to[f - 1]) above = f;
  for (int f = e.floor - 1; f >= 1 && !below; --f)
    if (e.riders_to[f - 1]) below = f;
  bool up;
  if (above && below) up = e.dir == Dir::Up || (e.dir == Dir::None && above - e.floor <= e.floor - below);
  else if (above || below) up = above != 0;
  else {
    e.state = CarState::Idle;
    e.dir = Dir::None;
    e.target = 0;
    return Next::SleepUntilEvent;
  }
  e.state = up ? CarState::Up : CarState::Down;
  e.target = up ? above : below;
  return Next::Move;
}

// One decision, under the lock: updates the state and says what to wait for.
Next step_locked(Elevator& e) {
  if (e.state == CarState::Offline) return Next::SleepUntilEvent;
  if (e.draining && e.aboard == 0) {
    e.state = CarState::Offline;
    e.draining = false;
    e.dir = Dir::None;
    e.target = 0;
    printk(KERN_INFO "elevator: stopped (OFFLINE) at floor %d\n", e.floor);
    return Next::SleepUntilEvent;
  }
  const int64_t now = ktime_get();
  const int n = e.profile.floors;
  View v{n, now, e.floor, e.dir, e.draining, car_full_locked(e), {e.riders_to, static_cast<size_t>(n)},
         {e.calls, static_cast<size_t>(n)}};
  v.can_board_up = can_board_locked(e, Dir::Up);
  v.can_board_down = can_board_locked(e, Dir::Down);
  Decision d = e.policy(v);
  switch (d.action) {
    case Action::Idle:
      e.state = CarState::Idle;
      e.dir = Dir::None;
      e.target = 0;
      return Next::SleepUntilEvent;
    case Action::Up:
    case Action::Down: {
      bool up = d.action == Action::Up;
      if ((up && e.floor == n) || (!up && e.floor == 1)) {  // a policy bug: treated like an empty stop
        return recover_from_empty_stop(e);
      }
      e.state = up ? CarState::Up : CarState::Down;
      e.target = d.target;
      return Next::Move;
    }
    case Action::Stop: {
      e.state = CarState::Loading;
      e.target = d.target;
      int moved = unload_locked(e, now);
      if (!e.draining) moved += board_locked(e, d.board, now);
      if (moved == 0) return recover_from_empty_stop(e);
      if (d.board != Dir::None) e.dir = d.board;
      return Next::Load;
    }
  }
  return Next::SleepUntilEvent;
}

// Sleeps `ns` of kernel time; false if the thread is being stopped.
bool sleep_kernel_ns(Elevator& e, int64_t ns) {
  long j = static_cast<long>(nsecs_to_jiffies(static_cast<uint64_t>(ns)));
  (void)wait_event_timeout(e.wq, kthread_should_stop(), j < 1 ? 1 : j);
  return !kthread_should_stop();
}

}  // namespace

int car_thread(void*) {
  Elevator& e = g_elevator;
  while (!kthread_should_stop()) {
    uint64_t seen;
    Next next;
    int64_t floor_time, load_time;
    {
      ukern::MutexGuard g(e.lock);
      seen = e.events.load();
      next = step_locked(e);
      floor_time = e.profile.floor_time_ns;
      load_time = e.profile.load_time_ns;
    }
    switch (next) {
      case Next::SleepUntilEvent:
        (void)wait_event_interruptible(e.wq, kthread_should_stop() || e.events.load() != seen);
        break;
      case Next::Load:
        sleep_kernel_ns(e, load_time);
        break;
      case Next::Move:
        if (!sleep_kernel_ns(e, floor_time)) break;
        {
          ukern::MutexGuard g(e.lock);
          bool up = e.state == CarState::Up;
          e.floor += up ? 1 : -1;
          e.dir = up ? Dir::Up : Dir::Down;
        }
        break;
    }
  }
  return 0;
}

}  // namespace elevator
