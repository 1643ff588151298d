// Metrics of the scheduling study: what the replays of one scenario, rate
// and policy give, pooled over the seeds.
#pragma once
#include <cstdint>
#include <vector>

#include "building.h"

namespace elevator::sim {

struct Metrics {
  uint64_t runs = 0;
  uint64_t spawned = 0;          // arrivals within the horizon
  uint64_t delivered = 0;        // dropped off within the horizon
  uint64_t unserved = 0;         // never boarded before the replay's limit
  double mean_wait_s = 0;        // arrival to boarding
  double mean_system_s = 0;      // arrival to drop-off
  double p95_wait_s = 0;
  double max_wait_s = 0;
  double over_60s = 0;           // share of waits longer than 60 s
  double mean_sq_wait_s2 = 0;    // mean squared wait (punishes long waits)
  double stops = 0;              // per run
  double floors = 0;             // floors travelled, per run
  double simulated_h = 0;        // simulated time covered, all runs
  std::vector<float> waits_s;    // every wait, sorted (for plots)

  double delivered_share() const { return spawned ? static_cast<double>(delivered) / spawned : 1.0; }
};

/**
 * class MetricsAccumulator - pools replays into Metrics.
 *
 * Every passenger of the trace counts in the waits, also those delivered
 * after the horizon (arrivals stop at the horizon; the replay runs on until
 * the building is empty), so a policy that falls behind pays for its
 * backlog. A passenger never boarded (the replay's limit hit) counts with
 * the wait so far.
 */
class MetricsAccumulator {
 public:
  void add(const RunResult& r, int64_t horizon_ns);
  Metrics finish();

 private:
  Metrics m_;
  double sum_wait_ = 0, sum_system_ = 0, sum_sq_ = 0;
  uint64_t n_system_ = 0, over_ = 0;
  double stops_ = 0, floors_ = 0;
};

}  // namespace elevator::sim
