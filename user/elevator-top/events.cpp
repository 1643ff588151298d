// elevator-top: events inferred from two readings (see events.h).
#include "user/elevator-top/events.h"

#include <map>

namespace eltop {
namespace {

/// The riders of `a` that `b` does not have, as a multiset difference
/// (two S4 aboard and one left: one S4 left), in `a`'s order.
std::vector<Rider> minus(const std::vector<Rider>& a, const std::vector<Rider>& b) {
  std::map<std::string, int> have;
  for (const auto& r : b) ++have[r.token()];
  std::vector<Rider> out;
  for (const auto& r : a) {
    auto it = have.find(r.token());
    if (it != have.end() && it->second > 0) --it->second;
    else out.push_back(r);
  }
  return out;
}

std::string tokens(const std::vector<Rider>& riders) {
  std::string s;
  for (const auto& r : riders) s += (s.empty() ? "" : " ") + r.token();
  return s;
}

/// "F1 J2", or "F1 (3 in all)" when the readings name fewer than `count`
/// (several stops between two readings), or "3" when they name none.
std::string listing(const std::vector<Rider>& named, int64_t count) {
  if (named.empty()) return std::to_string(count);
  std::string s = tokens(named);
  if (static_cast<int64_t>(named.size()) != count) s += " (" + std::to_string(count) + " in all)";
  return s;
}

}  // namespace

std::vector<Event> infer_events(const Snapshot& before, const Snapshot& after) {
  std::vector<Event> ev;
  if (after.serviced_count < before.serviced_count) return ev;
  const std::string at = "floor " + std::to_string(after.floor) + ": ";
  const bool was_offline = before.state == "OFFLINE", is_offline = after.state == "OFFLINE";
  if (was_offline && !is_offline) ev.push_back({EventKind::Started, "started at floor " + std::to_string(after.floor)});

  // Delivered first: a stop lets riders off before anyone boards.
  const int64_t delivered = after.serviced_count - before.serviced_count;
  if (delivered > 0) {
    auto left = minus(before.aboard, after.aboard);
    // Where they got off: their destination when they share one (the car
    // may have moved on before this reading), else the car's floor.
    std::string where = at;
    if (!left.empty()) {
      bool same = true;
      for (const auto& r : left) same = same && r.dest == left.front().dest;
      if (same) where = "floor " + std::to_string(left.front().dest) + ": ";
    }
    ev.push_back({EventKind::Delivered, where + "delivered " + listing(left, delivered)});
  }
  const int64_t boarded = after.aboard_count - before.aboard_count + delivered;
  if (boarded > 0) {
    auto got_on = minus(after.aboard, before.aboard);
    ev.push_back({EventKind::Boarded, at + "boarded " + listing(got_on, boarded)});
  }
  const int64_t arrived = after.waiting_count - before.waiting_count + (boarded > 0 ? boarded : 0);
  if (arrived > 0) {
    const std::string& noun = after.noun.empty() ? std::string("passengers") : after.noun;
    ev.push_back({EventKind::Requests, "+" + std::to_string(arrived) + " waiting (" +
                                           std::to_string(after.waiting_count) + " " + noun + " waiting)"});
  }
  if (!was_offline && is_offline)
    ev.push_back({EventKind::Stopped, "stopped at floor " + std::to_string(after.floor) + " (OFFLINE)"});
  return ev;
}

}  // namespace eltop
