// The study's tables and plots (see report.h).
#include "report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace elevator::sim {

namespace {

std::string fmt(const char* f, auto... args) {
  const int n = std::snprintf(nullptr, 0, f, args...);
  std::string out(n > 0 ? static_cast<size_t>(n) : 0, '\0');
  std::snprintf(out.data(), out.size() + 1, f, args...);
  return out;
}

std::string rate_name(const Cell& c) { return c.near_saturation ? "sat" : "mod"; }

double change(double ours, double base) { return base > 0 ? (ours - base) / base * 100.0 : 0.0; }

}  // namespace

std::string format_table(const std::vector<Cell>& cells) {
  std::string out = fmt("%-7s %-10s %-3s %6s  %-8s %7s %7s %7s %7s %6s %9s %7s %7s %6s\n", "profile", "scenario",
                        "rate", "/hour", "policy", "wait_s", "sys_s", "p95_s", "max_s", ">60s", "wait2_s2",
                        "stops", "floors", "deliv");
  for (const Cell& c : cells) {
    for (const PolicyResult& r : c.results) {
      const Metrics& m = r.metrics;
      out += fmt("%-7s %-10s %-3s %6.0f  %-8s %7.1f %7.1f %7.1f %7.0f %5.1f%% %9.0f %7.0f %7.0f %5.1f%%\n",
                 c.profile.c_str(), std::string(scenario_name(c.scenario)).c_str(), rate_name(c).c_str(),
                 c.per_hour, r.policy.c_str(), m.mean_wait_s, m.mean_system_s, m.p95_wait_s, m.max_wait_s,
                 m.over_60s * 100, m.mean_sq_wait_s2, m.stops, m.floors, m.delivered_share() * 100);
    }
  }
  return out;
}

std::string format_csv(const std::vector<Cell>& cells) {
  std::string out =
      "profile,scenario,rate,per_hour,policy,mean_wait_s,mean_system_s,p95_wait_s,max_wait_s,share_over_60s,"
      "mean_sq_wait_s2,stops_per_run,floors_per_run,spawned,delivered,unserved\n";
  for (const Cell& c : cells)
    for (const PolicyResult& r : c.results) {
      const Metrics& m = r.metrics;
      out += fmt("%s,%s,%s,%.0f,%s,%.3f,%.3f,%.3f,%.3f,%.5f,%.1f,%.1f,%.1f,%llu,%llu,%llu\n", c.profile.c_str(),
                 std::string(scenario_name(c.scenario)).c_str(), rate_name(c).c_str(), c.per_hour,
                 r.policy.c_str(), m.mean_wait_s, m.mean_system_s, m.p95_wait_s, m.max_wait_s, m.over_60s,
                 m.mean_sq_wait_s2, m.stops, m.floors, static_cast<unsigned long long>(m.spawned),
                 static_cast<unsigned long long>(m.delivered), static_cast<unsigned long long>(m.unserved));
    }
  return out;
}

std::string format_summary(const std::vector<Cell>& cells, bool* goals_met) {
  bool ok = true;
  std::string out = fmt("%-7s %-10s %-3s %6s  %9s %9s %7s  %8s %8s %7s  %8s %8s  %s\n", "profile", "scenario", "rate",
                        "/hour", "LOOK_wait", "elev_wait", "change", "LOOK_p95", "elev_p95", "change", "LOOK_max",
                        "elev_max", "goal");
  for (const Cell& c : cells) {
    const PolicyResult* look = c.find("look");
    const PolicyResult* ours = c.find("elevator");
    if (!look || !ours) continue;
    const Metrics& l = look->metrics;
    const Metrics& e = ours->metrics;
    const double dw = change(e.mean_wait_s, l.mean_wait_s);
    const double dp = change(e.p95_wait_s, l.p95_wait_s);
    const bool peak = c.scenario == Scenario::UpPeak || c.scenario == Scenario::DownPeak;
    std::string goal;
    bool met = dw <= 2.0;
    if (peak && c.near_saturation) {
      met = dw <= -15.0 && e.p95_wait_s < l.p95_wait_s;
      goal = met ? "ok (-15% mean, lower p95)" : "MISSED (-15% mean, lower p95)";
    } else {
      goal = met ? "ok (<= +2%)" : "MISSED (<= +2%)";
    }
    ok = ok && met;
    out += fmt("%-7s %-10s %-3s %6.0f  %9.1f %9.1f %+6.1f%%  %8.1f %8.1f %+6.1f%%  %8.0f %8.0f  %s\n",
               c.profile.c_str(), std::string(scenario_name(c.scenario)).c_str(), rate_name(c).c_str(), c.per_hour,
               l.mean_wait_s, e.mean_wait_s, dw, l.p95_wait_s, e.p95_wait_s, dp, l.max_wait_s, e.max_wait_s,
               goal.c_str());
  }
  if (goals_met) *goals_met = ok;
  return out;
}

std::string wait_distribution_svg(const std::string& title, const std::vector<const Cell*>& panels) {
  static const char* const kColors[] = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#ff7f0e", "#17becf"};
  const int pw = 460, ph = 300, ml = 55, mt = 50, gap = 40, legend_h = 20;
  const int n = static_cast<int>(panels.size());
  int max_policies = 0;
  for (const Cell* c : panels) max_policies = std::max<int>(max_policies, static_cast<int>(c->results.size()));
  const int width = ml + n * (pw + gap);
  const int height = mt + ph + 45 + legend_h * max_policies + 10;
  std::string s = fmt(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
      width, height, width, height);
  s += fmt("<text x=\"%d\" y=\"22\" font-size=\"16\" font-weight=\"bold\">%s</text>\n", ml, title.c_str());
  for (int k = 0; k < n; ++k) {
    const Cell& c = *panels[k];
    const int x0 = ml + k * (pw + gap), y0 = mt;
    // The x axis reaches the largest 99th percentile of the panel's policies.
    double xmax = 10;
    for (const auto& r : c.results) {
      const auto& w = r.metrics.waits_s;
      if (!w.empty()) xmax = std::max(xmax, static_cast<double>(w[std::min(w.size() - 1, w.size() * 99 / 100)]));
    }
    const double step = xmax <= 60 ? 10 : xmax <= 150 ? 30 : xmax <= 600 ? 60 : xmax <= 1800 ? 300 : 600;
    xmax = std::ceil(xmax / step) * step;
    s += fmt("<text x=\"%d\" y=\"%d\">%s, %.0f arrivals/hour (%s)</text>\n", x0, y0 - 8,
             c.near_saturation ? "near saturation" : "moderate", c.per_hour,
             c.near_saturation ? "LOOK delivers 95%" : "half of saturation");
    s += fmt("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n", x0, y0, pw, ph);
    for (double t = 0; t <= xmax + 1e-9; t += step) {
      const double x = x0 + t / xmax * pw;
      s += fmt("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>\n", x, y0, x, y0 + ph);
      s += fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f</text>\n", x, y0 + ph + 15, t);
    }
    for (int q = 0; q <= 4; ++q) {
      const double y = y0 + ph - q * ph / 4.0;
      s += fmt("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", x0, y, x0 + pw, y);
      s += fmt("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>\n", x0 - 4, y + 4, q * 25);
    }
    s += fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">wait (s): share of passengers who waited at most "
             "this long</text>\n",
             x0 + pw / 2, y0 + ph + 32);
    for (size_t i = 0; i < c.results.size(); ++i) {
      const auto& r = c.results[i];
      const auto& w = r.metrics.waits_s;
      const char* color = kColors[i % std::size(kColors)];
      std::string pts;
      const int samples = 200;
      for (int j = 0; j <= samples && !w.empty(); ++j) {
        const double t = xmax * j / samples;
        const double share =
            static_cast<double>(std::upper_bound(w.begin(), w.end(), static_cast<float>(t)) - w.begin()) / w.size();
        pts += fmt("%.1f,%.1f ", x0 + t / xmax * pw, y0 + ph - share * ph);
      }
      s += fmt("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" points=\"%s\"/>\n", color,
               r.policy == "elevator" ? "2.5" : "1.5", pts.c_str());
      const int ly = y0 + ph + 45 + legend_h * static_cast<int>(i);
      s += fmt("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>\n", x0, ly - 4,
               x0 + 20, ly - 4, color);
      s += fmt("<text x=\"%d\" y=\"%d\">%s: mean %.1f s, p95 %.1f s, max %.0f s, delivered %.1f%%</text>\n", x0 + 26,
               ly, r.policy.c_str(), r.metrics.mean_wait_s, r.metrics.p95_wait_s, r.metrics.max_wait_s,
               r.metrics.delivered_share() * 100);
    }
  }
  s += "</svg>\n";
  return s;
}

}  // namespace elevator::sim
