// Passengers: the floors' FIFO queues, boarding and unloading. Every
// function here expects g_elevator.lock held; each is O(1) per passenger
// moved (boarding examines at most kBoardScanLimit per stop).
#include "elevator.h"
#include <cerrno>

namespace elevator {

namespace {

const Passenger* entry_of(const struct list_head* l) {
  return list_entry(const_cast<struct list_head*>(l), Passenger, node);
}

// Keeps calls[f-1] (the policy's O(1) view of a floor) in step with its queues.
void refresh_calls(Elevator& e, int floor) {
  Floor& f = e.floors[floor - 1];
  FloorCalls& c = e.calls[floor - 1];
  c.oldest_up_ns = c.up ? list_first_entry(&f.up, Passenger, node)->arrival_ns : 0;
  c.oldest_down_ns = c.down ? list_first_entry(&f.down, Passenger, node)->arrival_ns : 0;
}

bool type_fits(const Elevator& e, int type_index) {
  return fits(e.profile, e.load, e.load_weight, e.profile.types[type_index].number);
}

int units_of(const Elevator& e, const Passenger* p) {
  return e.profile.capacity_mode == CapacityMode::Units ? e.profile.types[p->type].units : 1;
}

// Moves a waiting passenger from floor `floor`'s queue into the car.
void board_one(Elevator& e, Passenger* p, int floor, bool up, int64_t now_ns) {
  list_move_tail(&p->node, &e.riders);
  FloorCalls& c = e.calls[floor - 1];
  (up ? c.up : c.down) -= 1;
  e.waiting -= 1;
  e.aboard += 1;
  e.boarded += 1;
  e.total_wait_ns += now_ns - p->arrival_ns;
  e.load += units_of(e, p);
  e.load_weight += e.profile.types[p->type].weight;
  e.riders_to[p->dest - 1] += 1;
}

}  // namespace

int enqueue_locked(Elevator& e, int start, int dest, int type_index, int64_t now_ns) {
  Passenger* p = e.cache.alloc();
  if (!p) return -ENOMEM;
  p->dest = static_cast<int16_t>(dest);
  p->type = static_cast<int8_t>(type_index);
  // Strictly increasing: two requests in one clock tick still have an order.
  e.last_arrival_ns = p->arrival_ns = now_ns > e.last_arrival_ns ? now_ns : e.last_arrival_ns + 1;
  bool up = p->dest > start;
  Floor& f = e.floors[start - 1];
  list_add_tail(&p->node, up ? &f.up : &f.down);
  FloorCalls& c = e.calls[start - 1];
  if ((up ? c.up : c.down)++ == 0) refresh_calls(e, start);
  e.waiting += 1;
  e.accepted += 1;
  return 0;
}

int unload_locked(Elevator& e, int64_t now_ns) {
  if (e.riders_to[e.floor - 1] == 0) return 0;
  int n = 0;
  Passenger *p, *tmp;
  list_for_each_entry_safe(p, tmp, &e.riders, node) {
    if (p->dest != e.floor) continue;
    list_del(&p->node);
    e.load -= units_of(e, p);
    e.load_weight -= e.profile.types[p->type].weight;
    e.total_system_ns += now_ns - p->arrival_ns;
    e.cache.free(p);
    ++n;
  }
  e.riders_to[e.floor - 1] = 0;
  e.aboard -= n;
  e.serviced += n;
  e.floors[e.floor - 1].serviced += n;
  return n;
}

int board_locked(Elevator& e, Dir board, int64_t now_ns) {
  Floor& f = e.floors[e.floor - 1];
  int boarded = 0;
  if (board == Dir::None) {
    // Both queues, merged by arrival: the up queue's cursor and the down queue's.
    struct list_head* u = f.up.next;
    struct list_head* d = f.down.next;
    for (int examined = 0; examined < kBoardScanLimit && (u != &f.up || d != &f.down); ++examined) {
      bool take_up = d == &f.down ||
                     (u != &f.up && list_entry(u, Passenger, node)->arrival_ns < list_entry(d, Passenger, node)->arrival_ns);
      struct list_head*& cur = take_up ? u : d;
      Passenger* p = list_entry(cur, Passenger, node);
      cur = cur->next;
      if (type_fits(e, p->type)) {
        board_one(e, p, e.floor, take_up, now_ns);
        ++boarded;
      }
    }
  } else {
    bool up = board == Dir::Up;
    struct list_head* q = up ? &f.up : &f.down;
    struct list_head* cur = q->next;
    for (int examined = 0; examined < kBoardScanLimit && cur != q; ++examined) {
      Passenger* p = list_entry(cur, Passenger, node);
      cur = cur->next;
      if (type_fits(e, p->type)) {
        board_one(e, p, e.floor, up, now_ns);
        ++boarded;
      }
    }
  }
  if (boarded) refresh_calls(e, e.floor);
  return boarded;
}

bool can_board_locked(const Elevator& e, Dir d) {
  if (e.draining) return false;
  const Floor& f = e.floors[e.floor - 1];
  const struct list_head* q = d == Dir::Up ? &f.up : &f.down;
  if (list_empty(q)) return false;
  // The load once this floor's riders are off (the riders are at most a
  // car's capacity, so this walk is bounded too).
  int load = e.load;
  Milli weight = e.load_weight;
  if (e.riders_to[e.floor - 1]) {
    const Passenger* p;
    list_for_each_entry(p, &e.riders, node) {
      if (p->dest != e.floor) continue;
      load -= units_of(e, p);
      weight -= e.profile.types[p->type].weight;
    }
  }
  const struct list_head* cur = q->next;
  for (int examined = 0; examined < kBoardScanLimit && cur != q; ++examined, cur = cur->next)
    if (fits(e.profile, load, weight, e.profile.types[entry_of(cur)->type].number)) return true;
  return false;
}

bool car_full_locked(const Elevator& e) {
  for (int i = 0; i < e.profile.type_count; ++i)
    if (type_fits(e, i)) return false;
  return true;
}

void free_all_locked(Elevator& e, uint64_t& waiting, uint64_t& aboard) {
  waiting = aboard = 0;
  Passenger *p, *tmp;
  for (int fl = 1; fl <= e.profile.floors; ++fl) {
    for (struct list_head* q : {&e.floors[fl - 1].up, &e.floors[fl - 1].down}) {
      list_for_each_entry_safe(p, tmp, q, node) {
        list_del(&p->node);
        e.cache.free(p);
        ++waiting;
      }
    }
    e.calls[fl - 1] = FloorCalls{};
    e.riders_to[fl - 1] = 0;
  }
  list_for_each_entry_safe(p, tmp, &e.riders, node) {
    list_del(&p->node);
    e.cache.free(p);
    ++aboard;
  }
  e.cache.destroy();
  e.waiting = e.aboard = 0;
  e.load = 0;
  e.load_weight = 0;
}

FloorCursor floor_cursor(const Floor& f) { return {f.up.next, f.down.next, &f}; }

const Passenger* floor_next(FloorCursor& c) {
  bool up_done = c.up == &c.floor->up, down_done = c.down == &c.floor->down;
  if (up_done && down_done) return nullptr;
  bool take_up = down_done || (!up_done && entry_of(c.up)->arrival_ns < entry_of(c.down)->arrival_ns);
  const struct list_head*& cur = take_up ? c.up : c.down;
  const Passenger* p = entry_of(cur);
  cur = cur->next;
  return p;
}

}  // namespace elevator
