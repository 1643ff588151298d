// elevator-sim: the scheduling study of the elevator's policies, in
// simulated time (README.md, "Scheduling").
//
//   elevator-sim                      every built-in profile and scenario,
//                                     moderate and near-saturation rates
//   elevator-sim --profile dorm --scenario up-peak --seeds 5
//   elevator-sim --replay TRACE --profile dorm --policy elevator
//                                     one trace, the serviced order
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "building.h"
#include "report.h"
#include "study.h"

namespace fs = std::filesystem;
using namespace elevator;
using namespace elevator::sim;

namespace {

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

bool write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  return static_cast<bool>(out);
}

// Every *.profile in dir (sorted by name), or only those named.
std::vector<Profile> load_profiles(const fs::path& dir, const std::vector<std::string>& only) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".profile") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Profile> out;
  for (const auto& f : files) {
    std::string text;
    if (!read_file(f, text)) throw std::runtime_error("cannot read " + f.string());
    ProfileResult r = parse_profile(text, f.string());
    if (!r.ok) throw std::runtime_error(r.error);
    if (!only.empty() && std::find(only.begin(), only.end(), std::string(r.profile.name)) == only.end()) continue;
    out.push_back(r.profile);
  }
  return out;
}

// A trace file: one request per line, "start dest type" (all waiting at time
// 0, as when issued while OFFLINE), or "at_ms start dest type".
std::vector<Arrival> read_trace(const fs::path& path) {
  std::string text;
  if (!read_file(path, text)) throw std::runtime_error("cannot read " + path.string());
  std::vector<Arrival> out;
  std::istringstream in(text);
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream ls(line);
    std::vector<long long> v;
    long long x;
    while (ls >> x) v.push_back(x);
    if (v.empty()) continue;
    if (v.size() != 3 && v.size() != 4)
      throw std::runtime_error(path.string() + ":" + std::to_string(lineno) + ": expected [at_ms] start dest type");
    Arrival a;
    size_t i = 0;
    if (v.size() == 4) a.arrival_ns = v[i++] * 1000000;
    a.origin = static_cast<int>(v[i]);
    a.dest = static_cast<int>(v[i + 1]);
    a.type = static_cast<int>(v[i + 2]);
    out.push_back(a);
  }
  return out;
}

int run_replay(const Profile& p, const std::string& policy, const fs::path& trace_file) {
  PolicyFn fn = policy_by_name(policy);
  if (!fn) throw std::runtime_error("unknown policy '" + policy + "'");
  const auto trace = read_trace(trace_file);
  const RunResult r = replay(p, fn, trace, INT64_MAX / 2);
  // One line per passenger delivered, in order: id (trace line order, from
  // 0), type, start, destination, and the simulated times.
  for (uint32_t id : r.serviced_order) {
    const Passenger& x = r.passengers[id];
    std::printf("serviced %u type %d from %d to %d wait_ms %lld drop_ms %lld\n", id, x.request.type,
                x.request.origin, x.request.dest,
                static_cast<long long>((x.board_ns - x.request.arrival_ns) / 1000000),
                static_cast<long long>(x.drop_ns / 1000000));
  }
  std::printf("requests %zu serviced %zu stops %llu floors %llu end_ms %lld\n", trace.size(),
              r.serviced_order.size(), static_cast<unsigned long long>(r.stops),
              static_cast<unsigned long long>(r.floors_travelled), static_cast<long long>(r.end_ns / 1000000));
  return r.serviced_order.size() == trace.size() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"elevator-sim: the elevator's scheduling policies in simulated time"};
  std::string profile_dir = ELEVATOR_PROFILE_DIR;
  std::string out_dir = ELEVATOR_SIM_OUT_DIR;
  std::vector<std::string> profiles, scenarios;
  StudyConfig cfg;
  double rate = 0;
  std::string replay_file, replay_policy = "elevator";
  bool check = false;
  app.add_option("--profile-dir", profile_dir, "where the *.profile files are");
  app.add_option("--profile", profiles, "only these profiles (by name)");
  app.add_option("--scenario", scenarios, "only these scenarios: up-peak down-peak lunch interfloor heavy");
  app.add_option("--policies", cfg.policies, "policies to compare (default: elevator look scan sstf fcfs)");
  app.add_option("--seeds", cfg.seeds, "traces per cell")->check(CLI::PositiveNumber);
  app.add_option("--hours", cfg.hours, "simulated hours of arrivals per trace")->check(CLI::PositiveNumber);
  app.add_option("--rate", rate, "one arrival rate per hour instead of moderate and near saturation");
  app.add_option("--out", out_dir, "where results.txt, results.csv and the SVGs go");
  app.add_flag("--check", check, "exit 1 if the module's policy misses a goal against LOOK");
  app.add_option("--replay", replay_file, "replay one trace file ([at_ms] start dest type per line)");
  app.add_option("--policy", replay_policy, "the policy for --replay");
  CLI11_PARSE(app, argc, argv);

  try {
    std::vector<Scenario> wanted;
    for (const auto& n : scenarios) {
      Scenario s;
      if (!scenario_by_name(n, s)) throw std::runtime_error("unknown scenario '" + n + "'");
      wanted.push_back(s);
    }
    if (wanted.empty()) wanted.assign(std::begin(kScenarios), std::end(kScenarios));
    const auto loaded = load_profiles(profile_dir, profiles);
    if (loaded.empty()) throw std::runtime_error("no profile found in " + profile_dir);

    if (!replay_file.empty()) return run_replay(loaded.front(), replay_policy, replay_file);

    using Clock = std::chrono::steady_clock;
    auto seconds_since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
    const auto t0 = Clock::now();
    double cells_s = 0;  // wall-clock time spent replaying the cells
    std::vector<Cell> cells;
    for (const Profile& p : loaded) {
      for (Scenario s : wanted) {
        const double sat = rate > 0 ? 0 : saturation_rate(p, s, cfg);
        const auto t = Clock::now();
        if (rate > 0) {
          cells.push_back(run_cell(p, s, rate, false, cfg));
        } else {
          cells.push_back(run_cell(p, s, std::round(sat * cfg.moderate_share), false, cfg));
          cells.push_back(run_cell(p, s, sat, true, cfg));
          std::fprintf(stderr, "  %s %s: saturation %.0f/h\n", p.name, std::string(scenario_name(s)).c_str(), sat);
        }
        cells_s += seconds_since(t);
      }
    }
    const double wall_s = seconds_since(t0);
    double sim_h = 0;
    for (const Cell& c : cells)
      for (const auto& r : c.results) sim_h += r.metrics.simulated_h;

    bool goals = true;
    std::string text = "== every policy: waits in seconds (pooled over " + std::to_string(cfg.seeds) +
                       " seeds), stops and floors per run, delivered within the horizon\n";
    text += format_table(cells);
    text += "\n== the module's policy (elevator) against LOOK\n";
    text += format_summary(cells, &goals);
    char speed[320];
    std::snprintf(speed, sizeof speed,
                  "\nspeed: %.0f simulated hours replayed in %.1f s of wall-clock time = %.0f simulated hours per "
                  "minute (one thread; the saturation search took %.1f s more)\n",
                  sim_h, cells_s, sim_h / (cells_s / 60), wall_s - cells_s);
    text += speed;
    std::fputs(text.c_str(), stdout);

    fs::create_directories(out_dir);
    write_file(fs::path(out_dir) / "results.txt", text);
    write_file(fs::path(out_dir) / "results.csv", format_csv(cells));
    for (size_t i = 0; i < cells.size();) {
      std::vector<const Cell*> panels{&cells[i]};
      size_t j = i + 1;
      while (j < cells.size() && cells[j].profile == cells[i].profile && cells[j].scenario == cells[i].scenario)
        panels.push_back(&cells[j++]);
      const std::string name = cells[i].profile + "-" + std::string(scenario_name(cells[i].scenario));
      write_file(fs::path(out_dir) / (name + ".svg"),
                 wait_distribution_svg(name + ": wait distribution per policy", panels));
      i = j;
    }
    std::printf("written: %s/results.txt, results.csv and one SVG per profile and scenario\n", out_dir.c_str());
    return check && !goals ? 1 : 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "elevator-sim: %s\n", e.what());
    return 2;
  }
}
