// The elevator simulator's mechanics (boarding order, capacity, draining,
// the policy-bug check), its determinism, and the module's policy's
// starvation bound on an adversarial trace.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "modules/elevator/policy.h"
#include "modules/elevator/profile.h"
#include "sim/building.h"
#include "sim/metrics.h"
#include "sim/report.h"
#include "sim/study.h"
#include "sim/traffic.h"

using namespace elevator;
using namespace elevator::sim;

namespace {

constexpr int64_t kS = 1000LL * 1000 * 1000;

Profile shipped(const std::string& name) {
  std::ifstream in(std::string(ELEVATOR_PROFILE_DIR) + "/" + name + ".profile");
  std::stringstream ss;
  ss << in.rdbuf();
  ProfileResult r = parse_profile(ss.str(), name + ".profile");
  EXPECT_TRUE(r.ok) << r.error;
  return r.profile;
}

// Steps until the car is idle (or offline) with nothing to do; at most n steps.
void run_until_idle(Building& b, int n = 1000) {
  for (int i = 0; i < n; ++i)
    if (b.step().action == Action::Idle) return;
  FAIL() << "the car never went idle";
}

std::vector<int> types_of(const Building& b, const std::vector<uint32_t>& ids) {
  std::vector<int> out;
  for (uint32_t id : ids) out.push_back(b.passengers()[id].request.type);
  return out;
}

// A policy that always stops: to check the "a stop that moves nobody" rule.
Decision always_stop(const View&) { return {Action::Stop, Dir::None, 0}; }

}  // namespace

TEST(ElevatorSim, BoardingIsInArrivalOrderAndWhoDoesNotFitKeepsPlace) {
  const Profile p = shipped("dorm");  // 5 passengers, 750 lbs; S = 250, F = 100
  Building b(p, policy_by_name("look"));
  // Floor 1, all headed up: S S S (750) fills the weight; S and F wait.
  for (int type : {3, 3, 3, 3, 0}) b.add({0, 1, 4, type});
  b.step();  // Stop at floor 1
  EXPECT_EQ(b.state(), CarState::Loading);
  EXPECT_EQ(types_of(b, b.riders()), (std::vector<int>{3, 3, 3}));
  // The fourth S does not fit and keeps its place ahead of F, who does not fit either.
  EXPECT_EQ(types_of(b, std::vector<uint32_t>(b.waiting(1, Dir::Up).begin(), b.waiting(1, Dir::Up).end())),
            (std::vector<int>{3, 0}));
  // 700 lbs aboard: the second S (250) does not fit, the F behind it (100) does.
  Building c(p, policy_by_name("look"));
  for (int type : {3, 2, 2, 3, 0}) c.add({0, 1, 4, type});
  c.step();
  EXPECT_EQ(types_of(c, c.riders()), (std::vector<int>{3, 2, 2, 0}));
  EXPECT_EQ(c.waiting(1, Dir::Up).size(), 1u);
}

TEST(ElevatorSim, CapacityCountsUnitsAndWeight) {
  const Profile p = shipped("hotel");  // 8 units, 8 weight; B = 2 units 2 weight, C = 1 unit 0.5
  Building b(p, policy_by_name("look"));
  for (int i = 0; i < 5; ++i) b.add({0, 1, 9, 2});  // five bellhops
  b.add({0, 1, 9, 1});                               // a child
  b.step();
  EXPECT_EQ(b.riders().size(), 4u);  // 8 units: four bellhops; the child (9th unit) waits
  EXPECT_EQ(b.waiting_count(), 2u);
  EXPECT_TRUE(b.view().full);
}

TEST(ElevatorSim, RidersGetOffBeforeBoardingAndServiceIsCounted) {
  const Profile p = shipped("dorm");
  Building b(p, policy_by_name("look"));
  for (int i = 0; i < 5; ++i) b.add({0, 1, 3, 0});
  b.step();  // five aboard at floor 1: full by count
  EXPECT_TRUE(b.view().full);
  b.add({b.now(), 3, 6, 0});  // waits at floor 3
  run_until_idle(b);
  EXPECT_EQ(b.serviced_order().size(), 6u);
  // The one at floor 3 boarded at the same stop the five got off.
  const Passenger& late = b.passengers()[5];
  EXPECT_EQ(late.board_ns, b.passengers()[0].drop_ns);
  EXPECT_EQ(b.floors_travelled(), 5u);  // 1 -> 3 -> 6
  EXPECT_EQ(b.stops(), 3u);
  EXPECT_EQ(b.now(), 5 * p.floor_time_ns + 3 * p.load_time_ns);
}

TEST(ElevatorSim, DrainingCarriesRidersBoardsNobodyThenOffline) {
  const Profile p = shipped("dorm");
  Building b(p, policy_by_name("elevator"));
  b.add({0, 1, 4, 0});
  b.step();  // boards at floor 1
  b.add({b.now(), 2, 5, 1});
  b.stop();
  run_until_idle(b);
  EXPECT_EQ(b.state(), CarState::Offline);
  EXPECT_EQ(b.serviced_order(), (std::vector<uint32_t>{0}));
  EXPECT_EQ(b.waiting_count(), 1u);  // still queued for the next start
  EXPECT_EQ(b.passengers()[1].board_ns, -1);
}

TEST(ElevatorSim, AStopThatMovesNobodyIsAPolicyBug) {
  const Profile p = shipped("dorm");
  Building b(p, always_stop);
  b.add({0, 3, 1, 0});
  EXPECT_THROW(b.step(), PolicyError);
}

TEST(ElevatorSim, BoardEitherWayMergesTheQueuesInArrivalOrder) {
  const Profile p = shipped("dorm");
  // Up to floor 3, then one Stop boarding either way.
  Building b(p, [](const View& v) {
    return v.floor < 3 ? Decision{Action::Up, Dir::None, 3} : Decision{Action::Stop, Dir::None, 3};
  });
  b.add({0, 3, 5, 0});  // up
  b.add({0, 3, 1, 1});  // down
  b.add({0, 3, 6, 2});  // up
  b.add({0, 3, 2, 3});  // down
  b.step();
  b.step();
  b.step();
  EXPECT_EQ(types_of(b, b.riders()), (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(b.waiting_count(), 0u);
}

TEST(ElevatorSim, SameSeedSameResultDifferentSeedDifferentTrace) {
  const Profile p = shipped("office");
  const int64_t hour = 3600 * kS;
  const auto t1 = generate_traffic(p, Scenario::Lunch, 600, hour, 7);
  const auto t2 = generate_traffic(p, Scenario::Lunch, 600, hour, 7);
  const auto t3 = generate_traffic(p, Scenario::Lunch, 600, hour, 8);
  ASSERT_EQ(t1.size(), t2.size());
  for (size_t i = 0; i < t1.size(); ++i) {
    EXPECT_EQ(t1[i].arrival_ns, t2[i].arrival_ns);
    EXPECT_EQ(t1[i].origin, t2[i].origin);
    EXPECT_EQ(t1[i].dest, t2[i].dest);
    EXPECT_EQ(t1[i].type, t2[i].type);
  }
  EXPECT_NE(t1.size(), t3.size());
  const RunResult a = replay(p, policy_by_name("elevator"), t1, 20 * hour);
  const RunResult b = replay(p, policy_by_name("elevator"), t2, 20 * hour);
  EXPECT_EQ(a.serviced_order, b.serviced_order);
  EXPECT_EQ(a.stops, b.stops);
  EXPECT_EQ(a.end_ns, b.end_ns);
  EXPECT_EQ(a.serviced_order.size(), t1.size());
}

TEST(ElevatorSim, TrafficFollowsTheScenarioMix) {
  const Profile p = shipped("dorm");
  const auto up = generate_traffic(p, Scenario::UpPeak, 3600, 3600 * kS, 1);
  ASSERT_GT(up.size(), 3000u);
  size_t from_lobby = 0;
  for (const Arrival& a : up) {
    EXPECT_NE(a.origin, a.dest);
    from_lobby += a.origin == 1;
  }
  const double share = double(from_lobby) / double(up.size());
  EXPECT_GT(share, 0.82);
  EXPECT_LT(share, 0.88);
  // heavy: the two heaviest types (J, S) make about 85%.
  const auto heavy = generate_traffic(p, Scenario::Heavy, 3600, 3600 * kS, 1);
  size_t heavies = 0;
  for (const Arrival& a : heavy) heavies += a.type >= 2;
  EXPECT_GT(double(heavies) / double(heavy.size()), 0.8);
}

TEST(ElevatorSim, MetricsPoolWaitsAndCountDelivered) {
  const Profile p = shipped("dorm");
  std::vector<Arrival> trace = {{0, 1, 2, 0}, {0, 3, 1, 0}};
  MetricsAccumulator acc;
  acc.add(replay(p, policy_by_name("look"), trace, 3600 * kS), 3600 * kS);
  const Metrics m = acc.finish();
  EXPECT_EQ(m.spawned, 2u);
  EXPECT_EQ(m.delivered, 2u);
  // The first boards at once; the second when the car reaches floor 3
  // (1 stop, up 1 floor, 1 stop at 2, up 1 floor): 6 s.
  EXPECT_DOUBLE_EQ(m.max_wait_s, 6.0);
  EXPECT_DOUBLE_EQ(m.mean_wait_s, 3.0);
  EXPECT_DOUBLE_EQ(m.mean_sq_wait_s2, 18.0);
}

/*
 * The starvation bound. The adversarial trace: a stream between floors 1
 * and 5 heavier than the car can carry, so the car is full every time it
 * passes floor 3 in either direction, and a victim on floor 3 headed up.
 * LOOK (and every baseline that sweeps) passes the victim by for as long as
 * the stream lasts. The module's policy lets the victim board within
 * kStarvedAge plus the time to empty the car and get there: one sweep to
 * the end, one back, one to the victim's floor, with at most a stop per
 * floor and sweep plus one per passenger boarding on the way.
 */
TEST(ElevatorSim, StarvationBoundOnAnAdversarialTrace) {
  const Profile p = shipped("dorm");
  std::vector<Arrival> trace;
  const int64_t stream_end = 3 * 3600 * kS;
  for (int64_t t = 0; t < stream_end; t += 2 * kS) {
    trace.push_back({t, 1, 5, 0});
    trace.push_back({t, 5, 1, 0});
    if (t == 10 * kS) trace.push_back({t, 3, 4, 0});  // the victim
  }
  const size_t victim = 12;
  ASSERT_EQ(trace[victim].origin, 3);
  const int f = p.floors;
  const int64_t bound = kStarvedAge + 3 * (f - 1) * p.floor_time_ns + (2 * f + p.capacity + 1) * p.load_time_ns;

  const RunResult look = replay(p, policy_by_name("look"), trace, 20 * stream_end);
  const int64_t look_wait = look.passengers[victim].board_ns - trace[victim].arrival_ns;
  EXPECT_GT(look_wait, bound) << "the trace does not starve LOOK: not adversarial";

  const RunResult ours = replay(p, policy_by_name("elevator"), trace, 20 * stream_end);
  const Passenger& v = ours.passengers[victim];
  ASSERT_GE(v.board_ns, 0);
  EXPECT_LE(v.board_ns - trace[victim].arrival_ns, bound);
  EXPECT_EQ(ours.serviced_order.size(), trace.size());
}

TEST(ElevatorSim, ReportTableAndSvgAreComplete) {
  const Profile p = shipped("dorm");
  StudyConfig c;
  c.seeds = 2;
  c.hours = 0.25;
  c.policies = {"elevator", "look"};
  const Cell cell = run_cell(p, Scenario::UpPeak, 400, true, c);
  const std::string svg = wait_distribution_svg("t", {&cell});
  EXPECT_EQ(svg.rfind("</svg>\n"), svg.size() - 7);
  // Every element is closed: as many '<' as '>' (long point lists included).
  EXPECT_EQ(std::count(svg.begin(), svg.end(), '<'), std::count(svg.begin(), svg.end(), '>'));
  const std::string table = format_table({cell});
  EXPECT_NE(table.find("elevator"), std::string::npos);
  EXPECT_NE(table.find("look"), std::string::npos);
}
