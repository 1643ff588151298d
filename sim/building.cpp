// The simulated building (see building.h).
#include "building.h"

#include <algorithm>

namespace elevator::sim {

Building::Building(const Profile& profile, PolicyFn policy)
    : profile_(profile),
      policy_(policy),
      riders_to_(profile.floors),
      calls_(profile.floors),
      up_(profile.floors),
      down_(profile.floors) {}

uint32_t Building::add(const Arrival& a) {
  if (a.origin < 1 || a.origin > profile_.floors || a.dest < 1 || a.dest > profile_.floors || a.origin == a.dest ||
      !profile_.type_by_number(a.type))
    throw std::invalid_argument("invalid request");
  const auto id = static_cast<uint32_t>(passengers_.size());
  passengers_.push_back({a});
  (a.dest > a.origin ? up_ : down_)[a.origin - 1].push_back(id);
  ++waiting_count_;
  refresh_calls(a.origin);
  return id;
}

const std::deque<uint32_t>& Building::waiting(int f, Dir d) const {
  return (d == Dir::Up ? up_ : down_)[f - 1];
}

void Building::refresh_calls(int f) {
  FloorCalls& c = calls_[f - 1];
  const auto& u = up_[f - 1];
  const auto& d = down_[f - 1];
  c.up = static_cast<uint32_t>(u.size());
  c.down = static_cast<uint32_t>(d.size());
  c.oldest_up_ns = u.empty() ? 0 : passengers_[u.front()].request.arrival_ns;
  c.oldest_down_ns = d.empty() ? 0 : passengers_[d.front()].request.arrival_ns;
}

bool Building::fits_type(int type) const { return fits(profile_, load_, weight_, type); }

bool Building::full() const {
  for (int i = 0; i < profile_.type_count; ++i)
    if (fits_type(profile_.types[i].number)) return false;
  return true;
}

// Whether a Stop here boarding from q would take anybody: the same scan as
// board_from, with the load left once this floor's riders are off.
bool Building::can_board(const std::deque<uint32_t>& q) const {
  if (q.empty()) return false;
  int load = load_;
  int64_t weight = weight_;
  if (riders_to_[floor_ - 1]) {
    for (uint32_t id : riders_) {
      const Arrival& r = passengers_[id].request;
      if (r.dest != floor_) continue;
      const PassengerType* t = profile_.type_by_number(r.type);
      load -= profile_.capacity_mode == CapacityMode::Units ? t->units : 1;
      weight -= t->weight;
    }
  }
  const size_t n = std::min<size_t>(q.size(), kBoardScanLimit);
  for (size_t i = 0; i < n; ++i)
    if (fits(profile_, load, weight, passengers_[q[i]].request.type)) return true;
  return false;
}

View Building::view() const {
  View v{};
  v.floors = profile_.floors;
  v.now_ns = now_;
  v.floor = floor_;
  v.dir = dir_;
  v.draining = draining_;
  v.full = full();
  v.riders_to = riders_to_;
  v.calls = calls_;
  v.can_board_up = !draining_ && can_board(up_[floor_ - 1]);
  v.can_board_down = !draining_ && can_board(down_[floor_ - 1]);
  return v;
}

int Building::unload() {
  if (riders_to_[floor_ - 1] == 0) return 0;
  int n = 0;
  std::vector<uint32_t> stay;
  stay.reserve(riders_.size());
  for (uint32_t id : riders_) {
    Passenger& p = passengers_[id];
    if (p.request.dest != floor_) {
      stay.push_back(id);
      continue;
    }
    p.drop_ns = now_;
    const PassengerType* t = profile_.type_by_number(p.request.type);
    load_ -= profile_.capacity_mode == CapacityMode::Units ? t->units : 1;
    weight_ -= t->weight;
    serviced_.push_back(id);
    ++n;
  }
  riders_.swap(stay);
  riders_to_[floor_ - 1] = 0;
  return n;
}

void Building::board_one(uint32_t id) {
  Passenger& p = passengers_[id];
  p.board_ns = now_;
  const PassengerType* t = profile_.type_by_number(p.request.type);
  load_ += profile_.capacity_mode == CapacityMode::Units ? t->units : 1;
  weight_ += t->weight;
  riders_.push_back(id);
  ++riders_to_[p.request.dest - 1];
  --waiting_count_;
}

// Examine up to `limit` of q's passengers in order; those who fit board,
// the others keep their place. Returns how many boarded.
int Building::board_from(std::deque<uint32_t>& q, int limit) {
  const size_t n = std::min<size_t>(q.size(), static_cast<size_t>(limit));
  std::vector<uint32_t> kept;
  int boarded = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t id = q.front();
    q.pop_front();
    if (fits_type(passengers_[id].request.type)) {
      board_one(id);
      ++boarded;
    } else {
      kept.push_back(id);
    }
  }
  for (auto it = kept.rbegin(); it != kept.rend(); ++it) q.push_front(*it);
  return boarded;
}

int Building::board(Dir d) {
  auto& up = up_[floor_ - 1];
  auto& down = down_[floor_ - 1];
  int boarded = 0;
  if (d == Dir::Up) {
    boarded = board_from(up, kBoardScanLimit);
  } else if (d == Dir::Down) {
    boarded = board_from(down, kBoardScanLimit);
  } else {
    // Either way: the two queues merged in arrival order (ids grow with
    // arrival), kBoardScanLimit passengers in all.
    int from_up = 0, from_down = 0;
    size_t iu = 0, id = 0;
    for (int i = 0; i < kBoardScanLimit && (iu < up.size() || id < down.size()); ++i) {
      if (id >= down.size() || (iu < up.size() && up[iu] < down[id]))
        ++iu, ++from_up;
      else
        ++id, ++from_down;
    }
    // Examine them in merged (arrival) order: each boarding adds to the
    // load the next passenger is checked against.
    std::vector<uint32_t> order;
    order.reserve(from_up + from_down);
    std::merge(up.begin(), up.begin() + from_up, down.begin(), down.begin() + from_down, std::back_inserter(order));
    std::vector<uint32_t> kept_up, kept_down;
    for (uint32_t pid : order) {
      const bool is_up = passengers_[pid].request.dest > floor_;
      if (fits_type(passengers_[pid].request.type)) {
        board_one(pid);
        ++boarded;
      } else {
        (is_up ? kept_up : kept_down).push_back(pid);
      }
    }
    up.erase(up.begin(), up.begin() + from_up);
    down.erase(down.begin(), down.begin() + from_down);
    up.insert(up.begin(), kept_up.begin(), kept_up.end());
    down.insert(down.begin(), kept_down.begin(), kept_down.end());
  }
  if (boarded) refresh_calls(floor_);
  return boarded;
}

Decision Building::step() {
  if (state_ == CarState::Offline) return {Action::Idle, Dir::None, 0};
  if (draining_ && riders_.empty()) {
    state_ = CarState::Offline;
    draining_ = false;
    dir_ = Dir::None;
    return {Action::Idle, Dir::None, 0};
  }
  const View v = view();
  const Decision d = policy_(v);
  switch (d.action) {
    case Action::Idle:
      state_ = CarState::Idle;
      dir_ = Dir::None;
      break;
    case Action::Up:
    case Action::Down: {
      const int delta = d.action == Action::Up ? 1 : -1;
      if (floor_ + delta < 1 || floor_ + delta > profile_.floors)
        throw PolicyError("move past the building's end at floor " + std::to_string(floor_));
      state_ = delta > 0 ? CarState::Up : CarState::Down;
      now_ += profile_.floor_time_ns;
      floor_ += delta;
      dir_ = delta > 0 ? Dir::Up : Dir::Down;
      ++floors_travelled_;
      break;
    }
    case Action::Stop: {
      state_ = CarState::Loading;
      int moved = unload();
      if (!draining_) moved += board(d.board);
      if (moved == 0)
        throw PolicyError("a stop that moves nobody at floor " + std::to_string(floor_) + " (board " +
                          std::to_string(static_cast<int>(d.board)) + ")");
      now_ += profile_.load_time_ns;
      if (d.board != Dir::None) dir_ = d.board;
      ++stops_;
      break;
    }
  }
  return d;
}

void Building::advance_to(int64_t t) {
  if (t > now_) now_ = t;
}

void Building::stop() {
  if (state_ != CarState::Offline) draining_ = true;
}

RunResult replay(const Profile& profile, PolicyFn policy, const std::vector<Arrival>& trace, int64_t limit_ns) {
  Building b(profile, policy);
  size_t next = 0;
  while (b.now() < limit_ns) {
    while (next < trace.size() && trace[next].arrival_ns <= b.now()) b.add(trace[next++]);
    const Decision d = b.step();
    if (d.action != Action::Idle) continue;
    if (b.waiting_count() || !b.riders().empty())
      throw PolicyError("idle with " + std::to_string(b.waiting_count() + b.riders().size()) + " to serve");
    if (next == trace.size()) break;
    b.advance_to(trace[next].arrival_ns);
  }
  RunResult r;
  r.passengers = b.passengers();
  r.serviced_order = b.serviced_order();
  r.stops = b.stops();
  r.floors_travelled = b.floors_travelled();
  r.end_ns = b.now();
  return r;
}

}  // namespace elevator::sim
