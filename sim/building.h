// The simulated building: one car, two FIFO queues per floor, the policy
// deciding every step, time advancing only in simulation (no threads, no
// clock). It implements the mechanics the module implements (README.md,
// "Scheduling"): the same View, the same boarding rule, capacity through
// elevator::fits, floor_time and load_time from the profile.
#pragma once
#include <cstdint>
#include <deque>
#include <stdexcept>
#include <string>
#include <vector>

#include "policy.h"
#include "profile.h"
#include "traffic.h"

namespace elevator::sim {

/// A policy broke a rule of the mechanics (a Stop that moves nobody, a move
/// past the building's end, Idle while someone could be served).
struct PolicyError : std::logic_error {
  using std::logic_error::logic_error;
};

/// One passenger's life: -1 for what has not happened yet.
struct Passenger {
  Arrival request;
  int64_t board_ns = -1;
  int64_t drop_ns = -1;
};

enum class CarState : uint8_t { Offline, Idle, Loading, Up, Down };

/**
 * class Building - the car, the floors' queues and the simulated clock.
 *
 * step() runs one turn of the loop the module's kernel thread runs: build
 * the View, call the policy, act (move one floor, stop, or go idle). The
 * car starts IDLE on floor 1 at time 0, as after start_elevator().
 */
class Building {
 public:
  Building(const Profile& profile, PolicyFn policy);

  /// Queue a passenger on their origin floor (arrival time as given, which
  /// must not be later than now()); returns the passenger's id.
  uint32_t add(const Arrival& a);
  /// One turn of the loop. Throws PolicyError when the policy breaks a rule.
  Decision step();
  /// Let simulated time pass while the car is idle (t >= now()).
  void advance_to(int64_t t);
  /// stop_elevator(): board nobody any more, carry the riders, then OFFLINE.
  void stop();

  /// The View the policy would get now.
  View view() const;

  int64_t now() const { return now_; }
  int floor() const { return floor_; }
  Dir dir() const { return dir_; }
  CarState state() const { return state_; }
  bool draining() const { return draining_; }
  const std::vector<uint32_t>& riders() const { return riders_; }
  /// Waiting on floor f headed up (d = Up) or down, in arrival order.
  const std::deque<uint32_t>& waiting(int f, Dir d) const;
  size_t waiting_count() const { return waiting_count_; }
  const std::vector<Passenger>& passengers() const { return passengers_; }
  /// Passenger ids in the order they got off (serviced).
  const std::vector<uint32_t>& serviced_order() const { return serviced_; }
  uint64_t stops() const { return stops_; }
  uint64_t floors_travelled() const { return floors_travelled_; }

 private:
  bool fits_type(int type) const;
  bool full() const;
  bool can_board(const std::deque<uint32_t>& q) const;
  int unload();
  int board(Dir d);
  int board_from(std::deque<uint32_t>& q, int limit);
  void board_one(uint32_t id);
  void refresh_calls(int f);

  const Profile& profile_;
  PolicyFn policy_;
  int64_t now_ = 0;
  int floor_ = 1;
  Dir dir_ = Dir::None;
  CarState state_ = CarState::Idle;
  bool draining_ = false;
  int load_ = 0;          // passengers (Count) or units (Units)
  int64_t weight_ = 0;    // thousandths
  std::vector<uint32_t> riders_;          // boarding order
  std::vector<uint32_t> riders_to_;       // [f-1]
  std::vector<FloorCalls> calls_;         // [f-1]
  std::vector<std::deque<uint32_t>> up_, down_;  // [f-1]
  size_t waiting_count_ = 0;
  std::vector<Passenger> passengers_;
  std::vector<uint32_t> serviced_;
  uint64_t stops_ = 0, floors_travelled_ = 0;
};

/// What one replay of a trace gives.
struct RunResult {
  std::vector<Passenger> passengers;   // in arrival order
  std::vector<uint32_t> serviced_order;
  uint64_t stops = 0, floors_travelled = 0;
  int64_t end_ns = 0;                  // simulated time covered
};

/**
 * replay() - run a trace through a fresh building until everybody is
 * delivered (arrivals are in time order).
 * @limit_ns: give up at this simulated time (passengers not delivered by then
 *            keep board_ns/drop_ns = -1).
 */
RunResult replay(const Profile& profile, PolicyFn policy, const std::vector<Arrival>& trace, int64_t limit_ns);

}  // namespace elevator::sim
