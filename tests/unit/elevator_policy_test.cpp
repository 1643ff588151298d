// The scheduling policies' decisions on small hand-made views: each
// baseline's defining choice, and the module's policy's departures from
// LOOK (turning at the oldest call, turning back for older calls, the
// starvation guard).
#include <gtest/gtest.h>

#include <vector>

#include "modules/elevator/policy.h"

using namespace elevator;

namespace {

constexpr int64_t kS = 1000LL * 1000 * 1000;

// A building of `floors` floors; tests fill in riders and calls, then view().
struct Scene {
  std::vector<uint32_t> riders_to;
  std::vector<FloorCalls> calls;
  View v{};

  explicit Scene(int floors, int floor, Dir dir, int64_t now_s = 100)
      : riders_to(floors), calls(floors) {
    v.floors = floors;
    v.floor = floor;
    v.dir = dir;
    v.now_ns = now_s * kS;
  }
  Scene& rider_to(int f) { return ++riders_to[f - 1], *this; }
  Scene& up(int f, int64_t since_s) {
    FloorCalls& c = calls[f - 1];
    if (!c.up++) c.oldest_up_ns = since_s * kS;
    return *this;
  }
  Scene& down(int f, int64_t since_s) {
    FloorCalls& c = calls[f - 1];
    if (!c.down++) c.oldest_down_ns = since_s * kS;
    return *this;
  }
  const View& view() {
    v.riders_to = riders_to;
    v.calls = calls;
    return v;
  }
  Decision decide(const char* policy) { return policy_by_name(policy)(view()); }
};

void expect(const Decision& d, Action a, Dir board = Dir::None) {
  EXPECT_EQ(d.action, a);
  if (a == Action::Stop) {
    EXPECT_EQ(d.board, board);
  }
}

}  // namespace

TEST(ElevatorPolicy, NamesAndUnknown) {
  for (const char* n : {"elevator", "fcfs", "sstf", "scan", "look"}) EXPECT_NE(policy_by_name(n), nullptr) << n;
  EXPECT_EQ(policy_by_name("elevatr"), nullptr);
}

TEST(ElevatorPolicy, EveryPolicyIdlesWithNothingToDo) {
  for (const char* n : {"elevator", "fcfs", "sstf", "scan", "look"}) {
    Scene s(6, 3, Dir::Up);
    expect(s.decide(n), Action::Idle);
  }
}

TEST(ElevatorPolicy, LookKeepsGoingWhileWorkIsAheadThenTurns) {
  Scene s(6, 3, Dir::Up);
  s.rider_to(5).down(2, 0);
  expect(s.decide("look"), Action::Up);  // the call behind waits
  Scene top(6, 5, Dir::Up);
  top.rider_to(5).down(5, 0).up(1, 0);
  // Last rider off here, nothing above: it turns and takes the down call.
  const Decision d = top.decide("look");
  expect(d, Action::Stop, Dir::Down);
  // Nothing ahead, calls behind: it turns without stopping.
  Scene empty(6, 4, Dir::Up);
  empty.up(2, 0);
  expect(empty.decide("look"), Action::Down);
}

TEST(ElevatorPolicy, LookGoesBeyondTheLastRiderForCallsAheadEitherWay) {
  Scene s(6, 4, Dir::Up);
  s.down(6, 50).up(1, 0);  // a young down call above, an old one below
  expect(s.decide("look"), Action::Up);
}

TEST(ElevatorPolicy, ScanSweepsToTheEndLookTurnsAtTheLastCall) {
  Scene s(6, 4, Dir::Up);
  s.up(2, 0);
  expect(s.decide("scan"), Action::Up);
  expect(s.decide("look"), Action::Down);
  Scene top(6, 6, Dir::Up);
  top.up(2, 0);
  expect(top.decide("scan"), Action::Down);
}

TEST(ElevatorPolicy, SstfTakesTheNearestCall) {
  Scene s(6, 3, Dir::Down);
  s.up(1, 0).down(4, 90);
  expect(s.decide("sstf"), Action::Up);   // floor 4 is one away, floor 1 two
  expect(s.decide("look"), Action::Down); // LOOK keeps its direction
}

TEST(ElevatorPolicy, SstfWithRidersHeadsForTheNearestDestination) {
  Scene s(6, 3, Dir::Up);
  s.rider_to(6).down(2, 0);
  expect(s.decide("sstf"), Action::Up);  // no detour with riders aboard
}

TEST(ElevatorPolicy, FcfsFetchesTheOldestCallFirst) {
  Scene s(6, 3, Dir::Up);
  s.up(4, 50).down(1, 10);
  expect(s.decide("fcfs"), Action::Down);
  expect(s.decide("look"), Action::Up);
  Scene here(6, 1, Dir::Down);
  here.up(1, 10);
  expect(here.decide("fcfs"), Action::Stop, Dir::Up);
}

TEST(ElevatorPolicy, NoPolicyStopsForPassengersItCannotTake) {
  for (const char* n : {"elevator", "fcfs", "sstf", "scan", "look"}) {
    // Full: passes the floor with a call its way.
    Scene full(6, 3, Dir::Up);
    full.rider_to(5).up(3, 0);
    full.v.full = true;
    EXPECT_NE(full.decide(n).action, Action::Stop) << n;
    // Not full, but nobody waiting here fits (too heavy for what is left).
    Scene heavy(6, 3, Dir::Up);
    heavy.rider_to(5).up(3, 0);
    heavy.v.can_board_up = false;
    EXPECT_NE(heavy.decide(n).action, Action::Stop) << n;
    // Draining: only riders count.
    Scene draining(6, 3, Dir::Up);
    draining.rider_to(5).up(3, 0).down(3, 0);
    draining.v.draining = true;
    draining.v.can_board_up = draining.v.can_board_down = false;
    EXPECT_EQ(draining.decide(n).action, Action::Up) << n;
  }
}

TEST(ElevatorPolicy, RidersGetOffFirstSoAFullCarMayBoardWhereRidersLeave) {
  for (const char* n : {"elevator", "look", "scan"}) {
    Scene s(6, 3, Dir::Up);
    s.rider_to(3).rider_to(5).up(3, 0);
    s.v.full = true;  // before the rider for floor 3 gets off
    expect(s.decide(n), Action::Stop, Dir::Up);
  }
}

TEST(ElevatorPolicy, ElevatorTurnsAtTheOldestCallNotTheFarthest) {
  // Down-peak: the empty car climbs from the lobby; down calls on 3 (old)
  // and 6 (young). LOOK climbs to 6; the module's policy turns at 3.
  Scene s(6, 2, Dir::Up, 200);
  s.down(3, 10).down(6, 150);
  EXPECT_EQ(s.decide("look").target, 3);  // LOOK's next floor with work...
  Scene at3(6, 3, Dir::Up, 200);
  at3.down(3, 10).down(6, 150);
  expect(at3.decide("look"), Action::Up);  // ...which it passes for the top
  expect(at3.decide("elevator"), Action::Stop, Dir::Down);
  // A young call (under a minute) is not worth turning early for.
  Scene young(6, 3, Dir::Up, 200);
  young.down(3, 170).down(6, 180);
  expect(young.decide("elevator"), Action::Up);
}

TEST(ElevatorPolicy, ElevatorTurnsBackForMuchOlderCallsBehind) {
  // Up-peak: the last rider got off on 4; a young down call above, the
  // lobby queue waiting much longer below.
  Scene s(6, 4, Dir::Up, 200);
  s.down(6, 190).up(1, 100);
  expect(s.decide("look"), Action::Up);
  expect(s.decide("elevator"), Action::Down);
}

TEST(ElevatorPolicy, ElevatorStarvationGuardTakesOverTheCar) {
  // The victim on 3 (up) has waited 20 minutes; the lobby queue's head is
  // young. Car on 5, riders gone, heading down with a down call on 4.
  const int64_t now = 2000;
  Scene s(6, 4, Dir::Down, now);
  s.up(3, now - kStarvedAge / kS).up(1, now - 5).down(4, now - 5);
  // The down call here is not taken: only the victim's way and floor count.
  expect(s.decide("look"), Action::Stop, Dir::Down);
  expect(s.decide("elevator"), Action::Down);
  Scene at(6, 3, Dir::Down, now);
  at.up(3, now - kStarvedAge / kS).up(1, now - 5);
  expect(at.decide("elevator"), Action::Stop, Dir::Up);
  // Relative starvation: kUrgentAge and kUrgentRatio times the others' waits.
  Scene rel(6, 4, Dir::Down, 1000);
  rel.up(3, 1000 - kUrgentAge / kS).up(1, 1000 - 10).down(4, 1000 - 10);
  expect(rel.decide("elevator"), Action::Down);
  Scene not_yet(6, 4, Dir::Down, 1000);  // the others wait too long for it to count
  not_yet.up(3, 1000 - kUrgentAge / kS).up(1, 1000 - 60).down(4, 1000 - 60);
  expect(not_yet.decide("elevator"), Action::Stop, Dir::Down);
}

TEST(ElevatorPolicy, FitsCountsPassengersUnitsAndWeight) {
  Profile p;
  p.floors = 3;
  p.type_count = 2;
  p.types[0] = {0, 'A', "adult", 1000, 1};
  p.types[1] = {1, 'B', "bellhop", 2000, 2};
  p.capacity_mode = CapacityMode::Units;
  p.capacity = 4;
  p.capacity_weight = 4500;
  EXPECT_TRUE(fits(p, 2, 2000, 1));   // 4 units, 4.0 weight
  EXPECT_FALSE(fits(p, 3, 2000, 1));  // 5 units
  EXPECT_FALSE(fits(p, 1, 3000, 1));  // 5.0 weight
  EXPECT_TRUE(fits(p, 3, 3000, 0));
  EXPECT_FALSE(fits(p, 0, 0, 7));     // no such type
  p.capacity_mode = CapacityMode::Count;
  EXPECT_TRUE(fits(p, 3, 2000, 1));   // count: the bellhop is one passenger
}
