// The simulator and the module agree: one request trace, issued through
// real system calls while the car is OFFLINE and then started, is served by
// the real module (time-scaled) in the same order as by the simulator
// (sim/, the same policy code in simulated time).
#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "elevator_helpers.h"
#include "modules/elevator/policy.h"
#include "modules/elevator/profile.h"
#include "sim/building.h"

using namespace ukern::test;

namespace {

// What a run of /proc/elevator snapshots shows: the destinations in the
// order riders first appear aboard, and the floors in the order their
// "(serviced N)" counts grow (hotel layout).
struct Observed {
  std::vector<int> boarded;   // destination floors, boarding order
  std::vector<int> serviced;  // drop-off floors, in order
  long long serviced_total = 0;
  std::string last;
  bool ambiguous = false;     // two floors' counts grew between snapshots
};

void observe(const std::string& snap, Observed& o, std::map<int, long long>& per_floor,
             std::map<int, int>& aboard_seen) {
  std::istringstream in(snap);
  std::map<int, int> aboard_now;
  int grown = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Elevator status:", 0) == 0) {
      std::istringstream w(line.substr(16));
      for (std::string tok; w >> tok;) {
        const int dest = std::stoi(tok.substr(1));
        if (++aboard_now[dest] > aboard_seen[dest]) o.boarded.push_back(dest);
      }
    } else if (line.find(" Floor ") == 3) {
      const int floor = std::stoi(line.substr(10));
      const size_t at = line.rfind("(serviced ");
      if (at == std::string::npos) continue;
      const long long n = std::stoll(line.substr(at + 10));
      for (long long i = per_floor[floor]; i < n; ++i) o.serviced.push_back(floor), ++grown;
      per_floor[floor] = n;
    } else if (line.rfind("Number of passengers serviced: ", 0) == 0) {
      o.serviced_total = std::stoll(line.substr(31));
    }
  }
  // Riders who got off leave the car: what is aboard now is what counts.
  aboard_seen = aboard_now;
  if (grown > 1) o.ambiguous = true;
  o.last = snap;
}

}  // namespace

TEST(ElevatorAgreement, ModuleAndSimulatorServeATraceInTheSameOrder) {
  // hotel: issue_request(type, start, destination); every destination differs,
  // so each drop-off names its passenger. The whole run takes 46 s of kernel
  // time, under every age threshold of the policy (so the few milliseconds
  // between the requests and the start cannot change a decision).
  struct Req { int type, start, dest; };
  const std::vector<Req> trace = {{0, 1, 5}, {1, 1, 3}, {2, 1, 8}, {3, 6, 2},
                                  {0, 4, 7}, {1, 9, 10}, {2, 10, 4}, {3, 3, 6}};

  // The simulator: everybody waiting at time 0, the car IDLE on floor 1.
  std::ifstream pf(source_dir() + "/modules/elevator/profiles/hotel.profile");
  std::stringstream ps;
  ps << pf.rdbuf();
  const elevator::ProfileResult pr = elevator::parse_profile(ps.str(), "hotel.profile");
  ASSERT_TRUE(pr.ok) << pr.error;
  std::vector<elevator::sim::Arrival> arrivals;
  for (const Req& r : trace) arrivals.push_back({0, r.start, r.dest, r.type});
  const auto run = elevator::sim::replay(pr.profile, elevator::policy_by_name("elevator"), arrivals, INT64_MAX / 2);
  ASSERT_EQ(run.serviced_order.size(), trace.size());
  std::vector<int> sim_serviced, sim_boarded;
  for (uint32_t id : run.serviced_order) sim_serviced.push_back(trace[id].dest);
  std::vector<uint32_t> by_boarding(trace.size());
  for (uint32_t i = 0; i < trace.size(); ++i) by_boarding[i] = i;
  std::stable_sort(by_boarding.begin(), by_boarding.end(),
                   [&](uint32_t a, uint32_t b) { return run.passengers[a].board_ns < run.passengers[b].board_ns; });
  for (uint32_t id : by_boarding) sim_boarded.push_back(trace[id].dest);

  // The module: the requests through real system calls while OFFLINE, then start.
  Kernel k(Kernel::Options{.time_scale = 10});
  insmod_elevator(k, {"profile=hotel"});
  std::vector<std::string> ops;
  for (const Req& r : trace)
    ops.push_back("issue:" + std::to_string(r.type) + "," + std::to_string(r.start) + "," + std::to_string(r.dest));
  ops.push_back("start");
  const auto replies = elevator_do(k, ops);
  ASSERT_EQ(replies.size(), trace.size() + 1);
  for (const auto& r : replies) EXPECT_EQ(r, "0 -");

  Observed o;
  std::map<int, long long> per_floor;
  std::map<int, int> aboard_seen;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (o.serviced_total < static_cast<long long>(trace.size()) && std::chrono::steady_clock::now() < deadline) {
    observe(read_proc(k, "elevator"), o, per_floor, aboard_seen);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_EQ(o.serviced_total, static_cast<long long>(trace.size())) << o.last;
  ASSERT_FALSE(o.ambiguous) << "two drop-offs between snapshots: the machine is too busy to tell the order";
  EXPECT_EQ(o.serviced, sim_serviced);
  EXPECT_EQ(o.boarded, sim_boarded);
  EXPECT_NE(o.last.find("Number of passengers waiting: 0"), std::string::npos) << o.last;
}
