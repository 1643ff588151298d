// Seeded Poisson traffic (see traffic.h).
#include "traffic.h"

#include <algorithm>
#include <cmath>

namespace elevator::sim {

namespace {

constexpr int64_t kNsPerHour = 3600LL * 1000 * 1000 * 1000;

struct ScenarioInfo {
  Scenario scenario;
  std::string_view name;
};
constexpr ScenarioInfo kInfo[] = {
    {Scenario::UpPeak, "up-peak"},       {Scenario::DownPeak, "down-peak"}, {Scenario::Lunch, "lunch"},
    {Scenario::Interfloor, "interfloor"}, {Scenario::Heavy, "heavy"},
};

// Two distinct floors in [lo, hi] (hi > lo): origin, destination.
void distinct_pair(Rng& rng, int lo, int hi, int& origin, int& dest) {
  origin = rng.between(lo, hi);
  dest = rng.between(lo, hi - 1);
  if (dest >= origin) ++dest;
}

// Origin and destination for one passenger of scenario s.
void pick_trip(Rng& rng, const Profile& p, Scenario s, int& origin, int& dest) {
  const int top = p.floors;
  if (top < 3 || s == Scenario::Interfloor || s == Scenario::Heavy) {
    distinct_pair(rng, 1, top, origin, dest);
    return;
  }
  // Shares (in percent) of lobby->upper and upper->lobby; the rest moves
  // between upper floors.
  int from_lobby = 45, to_lobby = 45;
  if (s == Scenario::UpPeak) from_lobby = 85, to_lobby = 10;
  if (s == Scenario::DownPeak) from_lobby = 10, to_lobby = 85;
  const double u = rng.uniform() * 100;
  if (u < from_lobby) {
    origin = 1, dest = rng.between(2, top);
  } else if (u < from_lobby + to_lobby) {
    origin = rng.between(2, top), dest = 1;
  } else {
    distinct_pair(rng, 2, top, origin, dest);
  }
}

// The type numbers in draw order; heavy: the heavier half first.
struct TypeTable {
  int numbers[kMaxTypes];
  int count = 0;
  int heavy = 0;  // how many of the first numbers are "heavy"
};

TypeTable type_table(const Profile& p) {
  TypeTable t;
  int order[kMaxTypes];
  for (int i = 0; i < p.type_count; ++i) order[i] = i;
  std::stable_sort(order, order + p.type_count, [&](int a, int b) {
    if (p.types[a].weight != p.types[b].weight) return p.types[a].weight > p.types[b].weight;
    return p.types[a].units > p.types[b].units;
  });
  for (int i = 0; i < p.type_count; ++i) t.numbers[i] = p.types[order[i]].number;
  t.count = p.type_count;
  t.heavy = std::max(1, p.type_count / 2);
  return t;
}

int pick_type(Rng& rng, const TypeTable& t, Scenario s) {
  if (s != Scenario::Heavy || t.heavy >= t.count) return t.numbers[rng.between(0, t.count - 1)];
  if (rng.uniform() < 0.85) return t.numbers[rng.between(0, t.heavy - 1)];
  return t.numbers[rng.between(t.heavy, t.count - 1)];
}

}  // namespace

std::string_view scenario_name(Scenario s) {
  for (const auto& i : kInfo)
    if (i.scenario == s) return i.name;
  return "?";
}

bool scenario_by_name(std::string_view name, Scenario& out) {
  for (const auto& i : kInfo)
    if (i.name == name) {
      out = i.scenario;
      return true;
    }
  return false;
}

uint64_t Rng::next() {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

int Rng::between(int lo, int hi) {
  const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
  return lo + static_cast<int>(next() % span);
}

std::vector<Arrival> generate_traffic(const Profile& p, Scenario s, double per_hour, int64_t duration_ns,
                                      uint64_t seed) {
  std::vector<Arrival> out;
  if (p.floors < 2 || p.type_count < 1 || per_hour <= 0) return out;
  Rng rng(seed * 0x2545f4914f6cdd1dULL + static_cast<uint64_t>(s) + 1);
  const TypeTable types = type_table(p);
  const double mean_gap_ns = static_cast<double>(kNsPerHour) / per_hour;
  out.reserve(static_cast<size_t>(per_hour * static_cast<double>(duration_ns) / kNsPerHour * 1.1) + 16);
  double t = 0;
  for (;;) {
    t += -std::log1p(-rng.uniform()) * mean_gap_ns;  // exponential gap
    if (t >= static_cast<double>(duration_ns)) break;
    Arrival a;
    a.arrival_ns = static_cast<int64_t>(t);
    pick_trip(rng, p, s, a.origin, a.dest);
    a.type = pick_type(rng, types, s);
    out.push_back(a);
  }
  return out;
}

}  // namespace elevator::sim
