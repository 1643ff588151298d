// Seeded traffic for the elevator simulator: Poisson arrivals whose origin,
// destination and passenger type follow one of the scenarios of the
// scheduling study (up-peak, down-peak, lunch, interfloor, heavy). A trace is
// generated once and replayed against every policy, so policies are compared
// on exactly the same passengers.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "profile.h"

namespace elevator::sim {

/// One passenger's request: at arrival_ns, on floor origin, to floor dest.
struct Arrival {
  int64_t arrival_ns = 0;
  int origin = 0;
  int dest = 0;
  int type = 0;  // the profile's type number (the issue_request argument)
};

enum class Scenario : uint8_t { UpPeak, DownPeak, Lunch, Interfloor, Heavy };
inline constexpr Scenario kScenarios[] = {Scenario::UpPeak, Scenario::DownPeak, Scenario::Lunch,
                                          Scenario::Interfloor, Scenario::Heavy};

/// "up-peak", "down-peak", "lunch", "interfloor", "heavy".
std::string_view scenario_name(Scenario s);
/// The scenario with that name; false if there is none.
bool scenario_by_name(std::string_view name, Scenario& out);

/**
 * struct Rng - splitmix64: small, fast, and the same numbers on every
 * platform (the standard library's distributions are not portable).
 */
struct Rng {
  uint64_t state;
  explicit Rng(uint64_t seed) : state(seed) {}
  uint64_t next();
  /// Uniform in [0, 1).
  double uniform();
  /// Uniform integer in [lo, hi].
  int between(int lo, int hi);
};

/**
 * generate_traffic() - a seeded Poisson trace.
 * @p: the building (floors, passenger types).
 * @s: the mix of origins, destinations and types.
 * @per_hour: mean arrivals per (simulated) hour.
 * @duration_ns: arrivals happen in [0, duration_ns).
 * @seed: the same seed gives the same trace.
 *
 * Lobby = floor 1. Mixes: up-peak 85% lobby->upper, 10% upper->lobby, 5%
 * between upper floors; down-peak the mirror; lunch 45% / 45% / 10%;
 * interfloor and heavy uniform origin and destination (origin != destination).
 * Types are uniform except in heavy, where the heavier half of the types
 * (by weight, then units) make 85% of the passengers, so the weight limit
 * binds before the count.
 */
std::vector<Arrival> generate_traffic(const Profile& p, Scenario s, double per_hour, int64_t duration_ns,
                                      uint64_t seed);

}  // namespace elevator::sim
