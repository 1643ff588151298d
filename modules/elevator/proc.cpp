// /proc/elevator (the course's layout, classic or hotel) and
// /proc/elevator_stats (counters for tools and tests). Each rendering is
// one snapshot taken under g_elevator.lock, so its numbers add up.
#include <cinttypes>

#include "elevator.h"
#include "ukern/proc_fs.h"
#include "ukern/seq_file.h"

namespace elevator {

namespace {

/// Passengers listed on one floor line; the rest are "... (N more)".
constexpr uint32_t kListedPerFloor = 20;

void show_floor_locked(ukern::seq_file* m, const Elevator& e, int fl) {
  const Profile& pr = e.profile;
  const FloorCalls& c = e.calls[fl - 1];
  uint64_t count = uint64_t{c.up} + c.down;
  seq_printf(m, "[%c] Floor %d: %" PRIu64, e.floor == fl ? '*' : ' ', fl, count);
  FloorCursor cur = floor_cursor(e.floors[fl - 1]);
  uint32_t listed = 0;
  for (const Passenger* p; listed < kListedPerFloor && (p = floor_next(cur)); ++listed)
    seq_printf(m, " %c%d", pr.types[p->type].letter, p->dest);
  if (count > listed) seq_printf(m, " ... (%" PRIu64 " more)", count - listed);
  if (pr.layout == Layout::Hotel) seq_printf(m, " (serviced %" PRIu64 ")", e.floors[fl - 1].serviced);
  seq_putc(m, '\n');
}

int elevator_show(ukern::seq_file* m, void*) {
  const Elevator& e = g_elevator;
  const Profile& pr = e.profile;
  ukern::MutexGuard g(const_cast<struct mutex&>(e.lock));
  seq_printf(m, "Elevator state: %s\n", car_state_name(e.state));
  seq_printf(m, "Current floor: %d\n", e.floor);
  if (pr.layout == Layout::Hotel) {
    if (e.target > 0) seq_printf(m, "Next floor: %d\n", e.target);
    else seq_puts(m, "Next floor: -\n");
    seq_printf(m, "Current load: %d %s, %s %s\n", e.load, pr.units_word, format_milli(e.load_weight).c_str(),
               pr.weight_unit);
  } else {
    seq_printf(m, "Current load: %s %s\n", format_milli(e.load_weight).c_str(), pr.weight_unit);
  }
  seq_puts(m, "Elevator status:");
  const Passenger* p;
  list_for_each_entry(p, &e.riders, node) seq_printf(m, " %c%d", pr.types[p->type].letter, p->dest);
  seq_puts(m, "\n\n");
  for (int fl = pr.floors; fl >= 1; --fl) show_floor_locked(m, e, fl);
  seq_printf(m, "\nNumber of %s: %" PRIu64 "\n", pr.noun, e.aboard);
  seq_printf(m, "Number of %s waiting: %" PRIu64 "\n", pr.noun, e.waiting);
  seq_printf(m, "Number of %s serviced: %" PRIu64 "\n", pr.noun, e.serviced);
  return 0;
}

int stats_show(ukern::seq_file* m, void*) {
  const Elevator& e = g_elevator;
  ukern::MutexGuard g(const_cast<struct mutex&>(e.lock));
  seq_printf(m, "profile %s\n", e.profile.name);
  seq_printf(m, "state %s\n", car_state_name(e.state));
  seq_printf(m, "accepted %" PRIu64 "\n", e.accepted);
  seq_printf(m, "serviced %" PRIu64 "\n", e.serviced);
  seq_printf(m, "aboard %" PRIu64 "\n", e.aboard);
  seq_printf(m, "waiting %" PRIu64 "\n", e.waiting);
  seq_printf(m, "boarded %" PRIu64 "\n", e.boarded);
  seq_printf(m, "total_wait_ns %" PRId64 "\n", e.total_wait_ns);
  seq_printf(m, "total_system_ns %" PRId64 "\n", e.total_system_ns);
  return 0;
}

const ukern::proc_ops elevator_ops = {.proc_show = elevator_show};
const ukern::proc_ops stats_ops = {.proc_show = stats_show};

}  // namespace

int proc_register() {
  if (!ukern::proc_create("elevator", 0444, nullptr, &elevator_ops)) return -ENOMEM;
  if (!ukern::proc_create("elevator_stats", 0444, nullptr, &stats_ops)) {
    ukern::remove_proc_entry("elevator", nullptr);
    return -ENOMEM;
  }
  return 0;
}

void proc_unregister() {
  ukern::remove_proc_entry("elevator_stats", nullptr);
  ukern::remove_proc_entry("elevator", nullptr);
}

}  // namespace elevator
