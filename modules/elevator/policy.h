// The elevator's scheduling policy: pure and stateless (the same View gives
// the same Decision), shared by the module and the offline simulator. The
// mechanics around it (what Stop/Up/Down/Idle do) are written down in
// README.md, "Elevator", and implemented the same way on both sides.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

#include "profile.h"

namespace elevator {
enum class Dir : int8_t { None = 0, Up = 1, Down = -1 };

// Per floor, kept O(1) by the caller (module or simulator).
struct FloorCalls {
  uint32_t up = 0, down = 0;                       // waiting, headed above / below
  int64_t oldest_up_ns = 0, oldest_down_ns = 0;    // arrival of each queue's head (valid when count > 0)
};

struct View {                                      // the state in
  int floors;                                      // floors are 1..floors
  int64_t now_ns;                                  // kernel clock (sim: simulated clock)
  int floor;                                       // the car's floor
  Dir dir;                                         // the car's committed direction (None when idle)
  bool draining;                                   // stopping: carry riders, board nobody
  bool full;                                       // the lightest passenger type would not fit
  std::span<const uint32_t> riders_to;             // [f-1]: riders aboard whose destination is f
  std::span<const FloorCalls> calls;               // [f-1]: waiting on floor f
  // At the car's floor: would a Stop boarding Up / Down take anybody? (Once
  // the riders for this floor are off, one of the first kBoardScanLimit
  // waiting that way fits; false when draining or nobody waits that way.)
  // Without it a policy cannot tell a floor whose passengers are too heavy
  // for the car's spare weight. Callers that leave the defaults get "maybe".
  bool can_board_up = true, can_board_down = true;
};

enum class Action : uint8_t { Idle, Stop, Up, Down };
struct Decision {                                  // the action out
  Action action;
  Dir board;   // at Stop: board passengers headed this way (None: either way); the car's dir becomes it
  int target;  // the floor the car is heading to serve, 0 if none (hotel's "Next floor")
};

using PolicyFn = Decision (*)(const View&);
PolicyFn policy_by_name(std::string_view name);   // "elevator" (the module's, default), "fcfs", "sstf", "scan", "look"; nullptr if unknown
bool fits(const Profile&, int load_count_or_units, int64_t load_weight, int type);  // capacity rule
inline constexpr int kBoardScanLimit = 64;        // passengers examined per stop, at most
// The module's policy: a hall call whose first passenger has waited
// kUrgentAge, and kUrgentRatio times the mean wait of the other queues'
// first passengers, or kStarvedAge in any case, takes over the car
// (README.md, "Scheduling").
inline constexpr int64_t kUrgentAge = 180LL * 1000 * 1000 * 1000;
inline constexpr double kUrgentRatio = 12.0;
inline constexpr int64_t kStarvedAge = 1800LL * 1000 * 1000 * 1000;
}  // namespace elevator
