// The elevator module's shared state and the functions its files provide to
// each other. One elevator per module instance: `g_elevator`.
//
// Locking: `lock` (a ukern mutex, checked by lockdep) guards everything in
// struct Elevator except `events` (atomic: the kthread's sleep condition
// reads it without the lock) and the fields set once at init (profile,
// policy, floors). Under it, only the kernel's own internal locks are taken
// (kmalloc/kfree in the passenger cache, printk, wake_up, seq_printf).
#pragma once
#include <atomic>
#include <cstdint>

#include "passenger_cache.h"
#include "policy.h"
#include "profile.h"
#include "ukern/list.h"
#include "ukern/mutex.h"
#include "ukern/wait.h"

struct task_struct;

namespace elevator {

enum class CarState : uint8_t { Offline, Idle, Loading, Up, Down };
const char* car_state_name(CarState s);

/// One passenger, waiting on a floor or riding the car (from the
/// PassengerCache: 40 bytes).
struct Passenger {
  struct list_head node;  // in a floor's up/down queue, or in the car's riders
  int64_t arrival_ns;     // kernel clock at issue_request; strictly increasing,
                          // so it is also the global arrival order
  PassengerSlab* slab;    // the cache slab holding it
  int16_t dest;           // destination floor
  int8_t type;            // index into profile.types[]
};

/// A floor's waiting passengers: two FIFO queues by direction.
struct Floor {
  struct list_head up;    // headed above, in arrival order
  struct list_head down;  // headed below
  uint64_t serviced;      // passengers dropped off here (hotel's "serviced")
};

struct Elevator {
  // Set once at init.
  Profile profile;
  PolicyFn policy = nullptr;
  unsigned long max_waiting = 0;  // 0: no limit
  Floor* floors = nullptr;        // [f-1], profile.floors entries
  FloorCalls* calls = nullptr;    // [f-1], kept with floors (the policy's view)
  uint32_t* riders_to = nullptr;  // [f-1]: riders aboard headed to f

  struct mutex lock{"elevator.lock", __FILE__, __LINE__};
  wait_queue_head_t wq{"elevator.wq"};  // the car thread sleeps here
  std::atomic<uint64_t> events{0};      // bumped (under lock) by start, stop, and requests seen while IDLE
  task_struct* thread = nullptr;

  // Under lock.
  CarState state = CarState::Offline;
  bool draining = false;          // stop_elevator called: board nobody, then OFFLINE
  int floor = 1;
  Dir dir = Dir::None;
  int target = 0;                 // the policy's target floor (hotel's "Next floor"), 0 if none
  struct list_head riders;        // aboard, in boarding order
  int load = 0;                   // passengers (Count) or units (Units) aboard
  Milli load_weight = 0;
  PassengerCache cache;           // where passengers live
  int64_t last_arrival_ns = 0;    // arrival_ns of the latest request
  uint64_t accepted = 0, serviced = 0, waiting = 0, aboard = 0;
  int64_t total_wait_ns = 0;      // boarding - arrival, summed over boarded passengers
  int64_t total_system_ns = 0;    // drop-off - arrival, summed over serviced ones
  uint64_t boarded = 0;
  bool warned_empty_stop = false;
};

extern Elevator g_elevator;

// passengers.cpp (all *Locked: g_elevator.lock held)
/// Queues a new passenger on floor `start`: 0, or -ENOMEM.
int enqueue_locked(Elevator& e, int start, int dest, int type_index, int64_t now_ns);
/// Riders headed to the car's floor get off; returns how many.
int unload_locked(Elevator& e, int64_t now_ns);
/// Boards who fits among the first kBoardScanLimit waiting on the car's
/// floor headed `board` (None: both queues, merged by arrival); returns how many.
int board_locked(Elevator& e, Dir board, int64_t now_ns);
/// Whether a Stop at the car's floor boarding `d` (Up or Down) would take
/// anybody: one of the first kBoardScanLimit waiting that way fits with the
/// load left once this floor's riders are off; false when draining (the
/// simulator computes View.can_board_* the same way).
bool can_board_locked(const Elevator& e, Dir d);
/// True when no passenger type would fit in the car.
bool car_full_locked(const Elevator& e);
/// Frees every waiting passenger and every rider (counting them into
/// `waiting` and `aboard`) and the passenger cache's slabs.
void free_all_locked(Elevator& e, uint64_t& waiting, uint64_t& aboard);
/// Walks a floor's waiting passengers in arrival order, merging its two
/// queues (for /proc): floor_cursor() then floor_next() until nullptr.
struct FloorCursor {
  const struct list_head* up;    // next candidate in the up queue (== &floor.up when done)
  const struct list_head* down;
  const Floor* floor;
};
FloorCursor floor_cursor(const Floor& f);
const Passenger* floor_next(FloorCursor& c);

// car.cpp
/// The car thread: runs the policy and the mechanics until kthread_stop.
int car_thread(void* data);

// proc.cpp
int proc_register();
void proc_unregister();

// syscalls.cpp
int syscalls_register();
void syscalls_unregister();

}  // namespace elevator
