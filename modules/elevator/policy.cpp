// Scheduling policies (owner: the simulator's branch). This first version is
// a plain LOOK for every name; the baselines and the module's own policy
// replace it.
#include "policy.h"

namespace elevator {

namespace {

uint32_t waiting_headed(const FloorCalls& c, Dir d) {
  return d == Dir::Up ? c.up : d == Dir::Down ? c.down : c.up + c.down;
}

// LOOK: keep going while there is work ahead, then turn.
Decision look(const View& v) {
  const int f = v.floor;
  const bool pickups = !v.draining && !v.full;
  auto work_at = [&](int fl) {
    return v.riders_to[fl - 1] > 0 || (pickups && waiting_headed(v.calls[fl - 1], Dir::None) > 0);
  };
  int above = 0, below = 0;  // nearest floor with work above / below
  for (int fl = f + 1; fl <= v.floors && !above; ++fl)
    if (work_at(fl)) above = fl;
  for (int fl = f - 1; fl >= 1 && !below; --fl)
    if (work_at(fl)) below = fl;
  const FloorCalls& here = v.calls[f - 1];

  Dir d = v.dir;
  if (d == Dir::None) {
    if (pickups && here.up + here.down > 0) {
      bool up_first = here.up > 0 && (here.down == 0 || here.oldest_up_ns <= here.oldest_down_ns);
      return {Action::Stop, up_first ? Dir::Up : Dir::Down, f};
    }
    if (v.riders_to[f - 1] > 0) return {Action::Stop, Dir::None, f};
    if (above && (!below || above - f <= f - below)) return {Action::Up, Dir::None, above};
    if (below) return {Action::Down, Dir::None, below};
    return {Action::Idle, Dir::None, 0};
  }
  const bool ahead = d == Dir::Up ? above != 0 : below != 0;
  const bool behind = d == Dir::Up ? below != 0 : above != 0;
  if (v.riders_to[f - 1] > 0 || (pickups && waiting_headed(here, d) > 0)) {
    // Keep the direction unless nothing lies ahead and only the other way waits here.
    bool turn = !ahead && pickups && waiting_headed(here, d) == 0 && waiting_headed(here, Dir(-int(d))) > 0;
    return {Action::Stop, turn ? Dir(-int(d)) : d, f};
  }
  if (ahead) return {d == Dir::Up ? Action::Up : Action::Down, Dir::None, d == Dir::Up ? above : below};
  if (pickups && waiting_headed(here, Dir(-int(d))) > 0) return {Action::Stop, Dir(-int(d)), f};
  if (behind) return {d == Dir::Up ? Action::Down : Action::Up, Dir::None, d == Dir::Up ? below : above};
  return {Action::Idle, Dir::None, 0};
}

}  // namespace

PolicyFn policy_by_name(std::string_view name) {
  if (name == "elevator" || name == "fcfs" || name == "sstf" || name == "scan" || name == "look") return look;
  return nullptr;
}

bool fits(const Profile& p, int load_count_or_units, int64_t load_weight, int type) {
  const PassengerType* t = p.type_by_number(type);
  if (!t) return false;
  int units = p.capacity_mode == CapacityMode::Units ? t->units : 1;
  return load_count_or_units + units <= p.capacity && load_weight + t->weight <= p.capacity_weight;
}

}  // namespace elevator
