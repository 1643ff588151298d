// Pooling replays into metrics (see metrics.h).
#include "metrics.h"

#include <algorithm>
#include <cmath>

namespace elevator::sim {

void MetricsAccumulator::add(const RunResult& r, int64_t horizon_ns) {
  ++m_.runs;
  stops_ += static_cast<double>(r.stops);
  floors_ += static_cast<double>(r.floors_travelled);
  m_.simulated_h += static_cast<double>(r.end_ns) / 3.6e12;
  for (const Passenger& p : r.passengers) {
    if (p.request.arrival_ns < horizon_ns) ++m_.spawned;
    if (p.drop_ns >= 0 && p.drop_ns < horizon_ns) ++m_.delivered;
    int64_t wait_ns;
    if (p.board_ns >= 0) {
      wait_ns = p.board_ns - p.request.arrival_ns;
    } else {
      ++m_.unserved;
      wait_ns = r.end_ns - p.request.arrival_ns;
    }
    const double w = static_cast<double>(wait_ns) * 1e-9;
    sum_wait_ += w;
    sum_sq_ += w * w;
    if (w > 60.0) ++over_;
    m_.waits_s.push_back(static_cast<float>(w));
    if (p.drop_ns >= 0) {
      sum_system_ += static_cast<double>(p.drop_ns - p.request.arrival_ns) * 1e-9;
      ++n_system_;
    }
  }
}

Metrics MetricsAccumulator::finish() {
  Metrics m = std::move(m_);
  m_ = Metrics{};
  const auto n = m.waits_s.size();
  std::sort(m.waits_s.begin(), m.waits_s.end());
  if (n) {
    m.mean_wait_s = sum_wait_ / static_cast<double>(n);
    m.mean_sq_wait_s2 = sum_sq_ / static_cast<double>(n);
    m.over_60s = static_cast<double>(over_) / static_cast<double>(n);
    // Nearest-rank 95th percentile.
    const size_t rank = static_cast<size_t>(std::ceil(0.95 * static_cast<double>(n)));
    m.p95_wait_s = m.waits_s[std::max<size_t>(rank, 1) - 1];
    m.max_wait_s = m.waits_s.back();
  }
  if (n_system_) m.mean_system_s = sum_system_ / static_cast<double>(n_system_);
  if (m.runs) {
    m.stops = stops_ / static_cast<double>(m.runs);
    m.floors = floors_ / static_cast<double>(m.runs);
  }
  sum_wait_ = sum_system_ = sum_sq_ = stops_ = floors_ = 0;
  n_system_ = over_ = 0;
  return m;
}

}  // namespace elevator::sim
