// The scheduling study (see study.h).
#include "study.h"

#include <cmath>
#include <stdexcept>

namespace elevator::sim {

namespace {

constexpr double kNsPerHour = 3.6e12;

double delivered_share(const Profile& p, Scenario s, double per_hour, const StudyConfig& c, PolicyFn look) {
  MetricsAccumulator acc;
  for (int i = 0; i < c.saturation_seeds; ++i) {
    const auto trace = generate_traffic(p, s, per_hour, horizon_ns(c), trace_seed(p, s, i));
    acc.add(replay(p, look, trace, limit_ns(c)), horizon_ns(c));
  }
  return acc.finish().delivered_share();
}

double round3(double x) {
  const double scale = std::pow(10.0, std::floor(std::log10(x)) - 2);
  return std::round(x / scale) * scale;
}

}  // namespace

int64_t horizon_ns(const StudyConfig& c) { return static_cast<int64_t>(c.hours * kNsPerHour); }
int64_t limit_ns(const StudyConfig& c) { return 20 * horizon_ns(c); }

uint64_t trace_seed(const Profile& p, Scenario s, int i) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a over the profile's name
  for (const char* c = p.name; *c; ++c) h = (h ^ static_cast<unsigned char>(*c)) * 1099511628211ULL;
  return h ^ (static_cast<uint64_t>(s) << 32) ^ static_cast<uint64_t>(i);
}

double saturation_rate(const Profile& p, Scenario s, const StudyConfig& c) {
  PolicyFn look = policy_by_name("look");
  if (!look) throw std::logic_error("no look policy");
  double lo = 10, hi = 20;
  while (delivered_share(p, s, hi, c, look) >= 0.95) {
    lo = hi;
    hi *= 2;
    if (hi > 1e6) return hi;
  }
  for (int i = 0; i < 12; ++i) {
    const double mid = std::sqrt(lo * hi);
    (delivered_share(p, s, mid, c, look) >= 0.95 ? lo : hi) = mid;
  }
  return round3(lo);
}

const PolicyResult* Cell::find(std::string_view policy) const {
  for (const auto& r : results)
    if (r.policy == policy) return &r;
  return nullptr;
}

Cell run_cell(const Profile& p, Scenario s, double per_hour, bool near_saturation, const StudyConfig& c) {
  std::vector<PolicyFn> fns;
  for (const auto& name : c.policies) {
    PolicyFn fn = policy_by_name(name);
    if (!fn) throw std::invalid_argument("unknown policy '" + name + "'");
    fns.push_back(fn);
  }
  std::vector<MetricsAccumulator> acc(fns.size());
  for (int i = 0; i < c.seeds; ++i) {
    const auto trace = generate_traffic(p, s, per_hour, horizon_ns(c), trace_seed(p, s, i));
    for (size_t k = 0; k < fns.size(); ++k) acc[k].add(replay(p, fns[k], trace, limit_ns(c)), horizon_ns(c));
  }
  Cell cell{p.name, s, near_saturation, per_hour, {}};
  for (size_t k = 0; k < fns.size(); ++k) cell.results.push_back({c.policies[k], acc[k].finish()});
  return cell;
}

}  // namespace elevator::sim
