// The scheduling study: for a profile and a scenario, find LOOK's saturation
// rate, then replay the same seeded traces against every policy at a
// moderate and a near-saturation rate.
#pragma once
#include <string>
#include <vector>

#include "metrics.h"
#include "traffic.h"

namespace elevator::sim {

struct StudyConfig {
  int seeds = 30;                 // traces per cell
  double hours = 2.0;             // arrivals per trace, simulated hours
  int saturation_seeds = 10;      // traces per step of the saturation search
  double moderate_share = 0.5;    // moderate rate = this share of saturation
  std::vector<std::string> policies = {"elevator", "look", "scan", "sstf", "fcfs"};
};

/// The horizon and the replay limit of a config, in ns.
int64_t horizon_ns(const StudyConfig& c);
int64_t limit_ns(const StudyConfig& c);

/// The seed of trace number i of a cell (profile and scenario mixed in, so
/// cells do not share traces; the rate is not, so the two rates of a
/// scenario see the same random stream).
uint64_t trace_seed(const Profile& p, Scenario s, int i);

/**
 * saturation_rate() - the arrival rate (per hour) at which LOOK delivers 95%
 * of what spawns within the horizon (geometric bisection, 3 significant
 * digits).
 */
double saturation_rate(const Profile& p, Scenario s, const StudyConfig& c);

/// One row of the study: a policy's metrics in a cell.
struct PolicyResult {
  std::string policy;
  Metrics metrics;
};

struct Cell {
  std::string profile;
  Scenario scenario;
  bool near_saturation;
  double per_hour;
  std::vector<PolicyResult> results;  // in StudyConfig::policies order

  /// The result of a policy, nullptr if it did not run.
  const PolicyResult* find(std::string_view policy) const;
};

/// Replays c.seeds traces at per_hour against every policy of c.
Cell run_cell(const Profile& p, Scenario s, double per_hour, bool near_saturation, const StudyConfig& c);

}  // namespace elevator::sim
