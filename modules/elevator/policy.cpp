// Scheduling policies: the module's own ("elevator") and the baselines FCFS,
// SSTF, SCAN and LOOK. Pure and stateless: a Decision depends on the View
// alone, so the simulator replays exactly what the module does. Every
// policy is O(floors) per decision. README.md, "Scheduling", describes them
// in words and shows how they compare.
#include "policy.h"

namespace elevator {

namespace {

// ---- Reading the View ------------------------------------------------------

Dir opposite(Dir d) { return static_cast<Dir>(-static_cast<int>(d)); }

uint32_t waiting(const FloorCalls& c, Dir d) {
  return d == Dir::Up ? c.up : d == Dir::Down ? c.down : c.up + c.down;
}

bool exits_at(const View& v, int f) { return v.riders_to[f - 1] > 0; }

bool has_riders(const View& v) {
  for (uint32_t n : v.riders_to)
    if (n) return true;
  return false;
}

// Whether the car may take anybody at all (not stopping, not full).
bool pickups(const View& v) { return !v.draining && !v.full; }

// At the car's floor: would a Stop boarding d take somebody? (None: either
// way.) Riders get off first, so a full car may board where riders leave.
bool boardable_here(const View& v, Dir d) {
  if (v.draining || (v.full && !exits_at(v, v.floor))) return false;
  const FloorCalls& c = v.calls[v.floor - 1];
  if (d == Dir::None) return boardable_here(v, Dir::Up) || boardable_here(v, Dir::Down);
  return d == Dir::Up ? c.up > 0 && v.can_board_up : c.down > 0 && v.can_board_down;
}

// Hall calls headed d (None: either way) the car could take at floor f. At
// its own floor it knows who fits; elsewhere it can only hope.
bool calls_at(const View& v, int f, Dir d) {
  if (f == v.floor) return boardable_here(v, d);
  return pickups(v) && waiting(v.calls[f - 1], d) > 0;
}

// Work at floor f: riders to let off or hall calls to take.
bool work_at(const View& v, int f) { return exits_at(v, f) || calls_at(v, f, Dir::None); }

// The nearest floor beyond the car's, going d, with work; 0 if none.
int nearest_work(const View& v, Dir d) {
  const int step = static_cast<int>(d);
  for (int f = v.floor + step; f >= 1 && f <= v.floors; f += step)
    if (work_at(v, f)) return f;
  return 0;
}

// At the car's floor, of the directions a Stop could board: the one whose
// first passenger has waited longest (Up on a tie); None if neither.
Dir older_boardable(const View& v) {
  const FloorCalls& c = v.calls[v.floor - 1];
  const bool up = boardable_here(v, Dir::Up), down = boardable_here(v, Dir::Down);
  if (up && down) return c.oldest_up_ns <= c.oldest_down_ns ? Dir::Up : Dir::Down;
  return up ? Dir::Up : down ? Dir::Down : Dir::None;
}

Decision stop(Dir board, int target) { return {Action::Stop, board, target}; }
Decision move(Dir d, int target) { return {d == Dir::Up ? Action::Up : Action::Down, Dir::None, target}; }
Decision idle() { return {Action::Idle, Dir::None, 0}; }

// The nearer of two candidate floors (0 = none), `prefer` on a tie.
int nearer(const View& v, int a, int b, int prefer) {
  if (!a) return b;
  if (!b) return a;
  const int da = a > v.floor ? a - v.floor : v.floor - a;
  const int db = b > v.floor ? b - v.floor : v.floor - b;
  if (da != db) return da < db ? a : b;
  return prefer == a ? a : prefer == b ? b : a;
}

Dir toward(const View& v, int f) { return f > v.floor ? Dir::Up : f < v.floor ? Dir::Down : Dir::None; }

// ---- Baselines -------------------------------------------------------------

/*
 * LOOK: keep the direction while there is work ahead (riders to let off or
 * hall calls, either way), stopping where riders get off or passengers wait
 * to go the same way; with nothing ahead, turn (taking those who wait here
 * to go the other way). An idle car heads for the nearest work, Up on a tie.
 */
Decision look_or_scan(const View& v, bool scan) {
  const int f = v.floor;
  Dir d = v.dir;
  if (d == Dir::None) {
    const Dir b = older_boardable(v);
    if (b != Dir::None) return stop(b, f);
    if (exits_at(v, f)) return stop(Dir::None, f);
    const int above = nearest_work(v, Dir::Up), below = nearest_work(v, Dir::Down);
    const int to = nearer(v, above, below, above);
    return to ? move(toward(v, to), to) : idle();
  }
  const int ahead = nearest_work(v, d), behind = nearest_work(v, opposite(d));
  const int end = d == Dir::Up ? v.floors : 1;
  // SCAN sweeps on to the building's end while there is any work at all.
  const bool go_on = ahead || (scan && f != end && (behind || work_at(v, f)));
  const bool board_same = boardable_here(v, d);
  if (exits_at(v, f) || board_same) return stop(go_on || board_same ? d : opposite(d), ahead ? ahead : f);
  if (go_on) return move(d, ahead ? ahead : end);
  if (boardable_here(v, opposite(d))) return stop(opposite(d), f);
  if (behind) return move(opposite(d), behind);
  return idle();
}

Decision look(const View& v) { return look_or_scan(v, false); }

/*
 * SCAN: LOOK that always sweeps to the top or bottom floor before turning
 * (while there is any work); idle when there is none.
 */
Decision scan(const View& v) { return look_or_scan(v, true); }

/*
 * SSTF: the nearest request first. Without riders: the nearest floor with
 * waiting passengers. With riders: the nearest rider destination, taking
 * whoever can board at the floors on the way. (A detour for a hall call
 * with riders aboard could carry them back and forth forever between floors
 * whose passengers do not fit.) Ties go the car's way, then up.
 */
Decision sstf(const View& v) {
  const int f = v.floor;
  const int prefer_up = v.dir != Dir::Down;
  if (has_riders(v)) {
    int up = 0, down = 0;
    for (int g = f; g <= v.floors && !up; ++g)
      if (exits_at(v, g)) up = g;
    for (int g = f; g >= 1 && !down; --g)
      if (exits_at(v, g)) down = g;
    const int target = nearer(v, up, down, prefer_up ? up : down);
    Dir way = toward(v, target);
    if (exits_at(v, f)) {
      const Dir b = older_boardable(v);
      return stop(b != Dir::None ? b : way, f);
    }
    if (boardable_here(v, way)) return stop(way, target);
    if (boardable_here(v, opposite(way))) return stop(opposite(way), target);
    return move(way, target);
  }
  const Dir b = older_boardable(v);
  if (b != Dir::None) return stop(b, f);
  int up = 0, down = 0;
  for (int g = f + 1; g <= v.floors && !up; ++g)
    if (calls_at(v, g, Dir::None)) up = g;
  for (int g = f - 1; g >= 1 && !down; --g)
    if (calls_at(v, g, Dir::None)) down = g;
  const int target = nearer(v, up, down, prefer_up ? up : down);
  return target ? move(toward(v, target), target) : idle();
}

/*
 * FCFS: one request at a time in arrival order. Without riders the car goes
 * to the passenger who has waited longest (lowest floor, then Up, on a tie)
 * and boards their direction; with riders it carries them (on in its
 * direction while some ride that way, else to the nearest destination),
 * stopping only to let riders off (whoever waits there the car's way gets on
 * too: the doors are open).
 */
Decision fcfs(const View& v) {
  const int f = v.floor;
  if (has_riders(v)) {
    int up = 0, down = 0;
    for (int g = f + 1; g <= v.floors && !up; ++g)
      if (exits_at(v, g)) up = g;
    for (int g = f - 1; g >= 1 && !down; --g)
      if (exits_at(v, g)) down = g;
    int target = v.dir == Dir::Up && up ? up : v.dir == Dir::Down && down ? down : nearer(v, up, down, up);
    if (exits_at(v, f)) {
      const Dir way = toward(v, target);
      return stop(way != Dir::None ? way : older_boardable(v), f);
    }
    return move(toward(v, target), target);
  }
  int best = 0;
  Dir best_dir = Dir::None;
  int64_t best_ns = 0;
  for (int g = 1; g <= v.floors; ++g) {
    const FloorCalls& c = v.calls[g - 1];
    if (!pickups(v)) break;
    if (c.up && (!best || c.oldest_up_ns < best_ns)) best = g, best_dir = Dir::Up, best_ns = c.oldest_up_ns;
    if (c.down && (!best || c.oldest_down_ns < best_ns)) best = g, best_dir = Dir::Down, best_ns = c.oldest_down_ns;
  }
  if (!best) return idle();
  if (best == f) return boardable_here(v, best_dir) ? stop(best_dir, f) : idle();
  return move(toward(v, best), best);
}

}  // namespace

// ---- The module's own policy ("elevator") -----------------------------------
//
// LOOK's sweeps, with three changes that the simulator showed to pay
// (README.md, "Scheduling", has the numbers):
//  1. An empty car does not chase the far end: when only calls headed back
//     wait ahead, it turns at the one that has waited longest (once that one
//     has waited kTurnAtOldestAge), not at the farthest. In down-peak the car
//     fills at one floor and comes straight back instead of always climbing
//     to the top floor.
//  2. An empty car turns back early when what waits behind it is
//     kReverseMargin older than anything ahead, or older and waiting longer
//     than kReverseAge (in up-peak: back to the lobby queue rather than up to
//     a call above the last rider's floor).
//  3. Starvation guard: a hall call is urgent once its first passenger has
//     waited kUrgentAge and kUrgentRatio times the mean wait of the other
//     queues' first passengers (the car passing it by, full, while the rest
//     of the building is served), or kStarvedAge in any case. While a call is urgent the car takes
//     nobody else unless they ride along toward it (same way, before it);
//     once empty it goes straight there.
//  2b. An empty car going up turns back to the lobby at once when the
//     lobby's up queue holds the oldest call behind it and that is older
//     than anything ahead (up-peak: the round trip starts sooner).
// With riders aboard and no urgent call the car is plain LOOK (the same
// stops, the same turning point and boarding way); while a call is urgent,
// loaded_car() below takes only those who ride along toward it.

namespace {

constexpr int64_t kSecond = 1000LL * 1000 * 1000;
constexpr int64_t kTurnAtOldestAge = 60 * kSecond;
constexpr int64_t kReverseMargin = 30 * kSecond;
constexpr int64_t kReverseAge = 60 * kSecond;

struct Call {
  int floor = 0;  // 0: none
  Dir dir = Dir::None;
  int64_t since_ns = 0;
};

void consider(Call& best, int g, Dir d, const FloorCalls& c) {
  const uint32_t n = d == Dir::Up ? c.up : c.down;
  const int64_t since = d == Dir::Up ? c.oldest_up_ns : c.oldest_down_ns;
  if (n && (!best.floor || since < best.since_ns)) best = {g, d, since};
}

// The oldest hall call at floors from..to (inclusive, either order), headed
// d (None: either way); floor 0 if there is none.
Call oldest_in(const View& v, int from, int to, Dir d) {
  Call best;
  const int step = to >= from ? 1 : -1;
  for (int g = from;; g += step) {
    if (g >= 1 && g <= v.floors) {
      if (d != Dir::Down) consider(best, g, Dir::Up, v.calls[g - 1]);
      if (d != Dir::Up) consider(best, g, Dir::Down, v.calls[g - 1]);
    }
    if (g == to) break;
  }
  return best;
}

int end_floor(const View& v, Dir d) { return d == Dir::Up ? v.floors : 1; }

// The starving call (rule 3), floor 0 if none.
Call urgent_call(const View& v) {
  if (v.draining) return {};
  const Call oldest = oldest_in(v, 1, v.floors, Dir::None);
  const int64_t age = v.now_ns - oldest.since_ns;
  if (!oldest.floor || age < kUrgentAge) return {};
  if (age >= kStarvedAge) return oldest;
  double others = 0;
  int n = 0;
  for (int g = 1; g <= v.floors; ++g) {
    const FloorCalls& c = v.calls[g - 1];
    if (c.up && !(g == oldest.floor && oldest.dir == Dir::Up)) others += double(v.now_ns - c.oldest_up_ns), ++n;
    if (c.down && !(g == oldest.floor && oldest.dir == Dir::Down)) others += double(v.now_ns - c.oldest_down_ns), ++n;
  }
  if (n && double(age) * n < kUrgentRatio * others) return {};
  return oldest;
}

// The empty car (or a car whose last riders get off here), committed to d.
Decision empty_car(const View& v, Dir d, const Call& urgent) {
  const int f = v.floor;
  const int step = static_cast<int>(d);
  if (urgent.floor) {
    if (urgent.floor == f) return stop(urgent.dir, f);
    const Dir t = toward(v, urgent.floor);
    if (t == urgent.dir && boardable_here(v, t)) return stop(t, urgent.floor);  // rides along
    return move(t, urgent.floor);
  }
  if (boardable_here(v, d)) return stop(d, f);
  const Call ahead = f == end_floor(v, d) ? Call{} : oldest_in(v, f + step, end_floor(v, d), Dir::None);
  Call behind = f == end_floor(v, opposite(d)) ? Call{} : oldest_in(v, f - step, end_floor(v, opposite(d)), Dir::None);
  if (boardable_here(v, opposite(d))) {  // those here headed back count as behind
    const FloorCalls& c = v.calls[f - 1];
    const int64_t since = d == Dir::Up ? c.oldest_down_ns : c.oldest_up_ns;
    if (!behind.floor || since <= behind.since_ns) behind = {f, opposite(d), since};
  }
  if (!ahead.floor) {
    if (boardable_here(v, opposite(d))) return stop(opposite(d), f);
    return behind.floor ? move(opposite(d), behind.floor) : idle();
  }
  // Rule 2b: the lobby's up queue holds the oldest call behind: back to it.
  if (d == Dir::Up && behind.floor == 1 && behind.dir == Dir::Up && behind.since_ns < ahead.since_ns)
    return move(Dir::Down, 1);
  // Rule 2: turn back early for much older calls behind.
  if (behind.floor && (behind.since_ns + kReverseMargin < ahead.since_ns ||
                       (behind.since_ns < ahead.since_ns && v.now_ns - behind.since_ns > kReverseAge))) {
    if (behind.floor == f) return stop(opposite(d), f);
    return move(opposite(d), behind.floor);
  }
  // Passengers headed our way ahead: on, as LOOK.
  if (oldest_in(v, f + step, end_floor(v, d), d).floor) return move(d, nearest_work(v, d));
  // Only calls headed back ahead: rule 1 picks where to turn.
  int far = 0;
  for (int g = end_floor(v, d); g != f && !far; g -= step)
    if (waiting(v.calls[g - 1], opposite(d))) far = g;
  const Call oldest_back = oldest_in(v, f, end_floor(v, d), opposite(d));
  const int turn = v.now_ns - oldest_back.since_ns >= kTurnAtOldestAge ? oldest_back.floor : far;
  if (turn == f) return boardable_here(v, opposite(d)) ? stop(opposite(d), f) : move(d, far);
  return move(d, turn);
}

// The car with riders aboard, committed to d.
Decision loaded_car(const View& v, Dir d, const Call& urgent) {
  const int f = v.floor;
  const int step = static_cast<int>(d);
  // While a call is urgent, take only those who ride along toward it.
  const bool riding_along = urgent.floor && d == urgent.dir && (urgent.floor == f || toward(v, urgent.floor) == d);
  auto may_take = [&](int g, Dir way) {
    if (!calls_at(v, g, way)) return false;
    if (!urgent.floor || (g == urgent.floor && way == urgent.dir)) return true;
    if (!riding_along || way != urgent.dir) return false;
    return d == Dir::Up ? g >= f && g <= urgent.floor : g <= f && g >= urgent.floor;
  };
  int ahead = 0;              // the next floor with something to do
  bool riders_ahead = false;  // riders get off beyond this floor
  for (int g = f + step; g >= 1 && g <= v.floors; g += step) {
    riders_ahead = riders_ahead || exits_at(v, g);
    if (!ahead && (exits_at(v, g) || may_take(g, d))) ahead = g;
  }
  const bool take_here = may_take(f, d);
  if (exits_at(v, f) || take_here) {
    Dir board = d;
    if (!riders_ahead && !take_here) {
      // The last riders get off here: board as the empty car would; while
      // a call is urgent, pick a way nobody boards if there is one.
      const Decision e = empty_car(v, d, urgent);
      if (e.action == Action::Stop) board = e.board;
      else if (urgent.floor && boardable_here(v, d) && !boardable_here(v, opposite(d))) board = opposite(d);
    }
    return stop(board, ahead ? ahead : f);
  }
  if (ahead) return move(d, ahead);
  if (may_take(f, opposite(d))) return stop(opposite(d), f);
  int behind = 0;
  for (int g = f - step; g >= 1 && g <= v.floors && !behind; g -= step)
    if (exits_at(v, g)) behind = g;
  return move(opposite(d), behind);
}

Decision elevator_policy(const View& v) {
  const int f = v.floor;
  const Call urgent = urgent_call(v);
  if (has_riders(v)) {
    Dir d = v.dir;
    if (d == Dir::None) {  // riders but no direction: head for the nearest destination
      int up = 0, down = 0;
      for (int g = f; g <= v.floors && !up; ++g)
        if (exits_at(v, g)) up = g;
      for (int g = f; g >= 1 && !down; --g)
        if (exits_at(v, g)) down = g;
      d = toward(v, nearer(v, up, down, up));
      if (d == Dir::None) d = Dir::Up;
    }
    if (!urgent.floor && v.dir != Dir::None) return look(v);
    return loaded_car(v, d, urgent);
  }
  if (!pickups(v)) return idle();
  if (v.dir != Dir::None) return empty_car(v, v.dir, urgent);
  // Idle car: the urgent call, else whoever waits here, else the nearest call.
  if (urgent.floor) return empty_car(v, toward(v, urgent.floor) == Dir::Down ? Dir::Down : Dir::Up, urgent);
  const Dir b = older_boardable(v);
  if (b != Dir::None) return stop(b, f);
  const int above = nearest_work(v, Dir::Up), below = nearest_work(v, Dir::Down);
  const int to = nearer(v, above, below, above);
  return to ? move(toward(v, to), to) : idle();
}

}  // namespace

PolicyFn policy_by_name(std::string_view name) {
  if (name == "elevator") return elevator_policy;
  if (name == "fcfs") return fcfs;
  if (name == "sstf") return sstf;
  if (name == "scan") return scan;
  if (name == "look") return look;
  return nullptr;
}

bool fits(const Profile& p, int load_count_or_units, int64_t load_weight, int type) {
  const PassengerType* t = p.type_by_number(type);
  if (!t) return false;
  int units = p.capacity_mode == CapacityMode::Units ? t->units : 1;
  return load_count_or_units + units <= p.capacity && load_weight + t->weight <= p.capacity_weight;
}

}  // namespace elevator
