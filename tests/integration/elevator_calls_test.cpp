// The elevator's system calls: every return value in every shipped
// profile, invalid requests, hotel's argument order, max_waiting, ENOSYS,
// and the course's own test-script sequence.
#include <string>
#include <vector>

#include "elevator_helpers.h"

using namespace ukern::test;

namespace {

struct ProfileCase {
  const char* name;
  int top;         // the top floor
  bool hotel;      // argument order (type, start, dest) instead of (start, dest, type)
};
const ProfileCase kProfiles[] = {{"dorm", 6, false}, {"office", 5, false}, {"dogs", 5, false}, {"hotel", 10, true}};

// "issue:..." for (start, dest, type) in the profile's argument order.
std::string issue(const ProfileCase& p, int start, int dest, int type) {
  std::vector<int> a = p.hotel ? std::vector<int>{type, start, dest} : std::vector<int>{start, dest, type};
  return "issue:" + std::to_string(a[0]) + "," + std::to_string(a[1]) + "," + std::to_string(a[2]);
}

}  // namespace

TEST(ElevatorCalls, EveryReturnValueInEveryProfile) {
  for (const ProfileCase& p : kProfiles) {
    SCOPED_TRACE(p.name);
    Kernel k(Kernel::Options{.time_scale = 50});
    insmod_elevator(k, {std::string("profile=") + p.name});
    std::string before = read_proc(k, "elevator");
    // Invalid requests: 1, and nothing changes.
    auto invalid = elevator_do(k, {issue(p, 0, 2, 0), issue(p, p.top + 1, 1, 0), issue(p, 1, p.top + 1, 0),
                                   issue(p, 2, 0, 0), issue(p, 3, 3, 0), issue(p, 1, 2, 7), issue(p, 1, 2, -1),
                                   "stop"});
    EXPECT_EQ(invalid, std::vector<std::string>(8, "1 -")) << "the last one: stop while OFFLINE";
    EXPECT_EQ(read_proc(k, "elevator"), before);
    EXPECT_EQ(elevator_stats(k)["accepted"], 0);
    // A request while OFFLINE is accepted and waits; start, start again, stop, stop again.
    auto calls = elevator_do(k, {issue(p, 1, p.top, 0), issue(p, p.top, 1, 3), "start", "start", "stop", "stop"});
    EXPECT_EQ(calls, (std::vector<std::string>{"0 -", "0 -", "0 -", "1 -", "0 -", "1 -"}));
    ASSERT_TRUE(eventually([&] { return elevator_state(k) == "OFFLINE"; }, 30000)) << read_proc(k, "elevator");
    EXPECT_EQ(elevator_call(k, "start"), "0 -") << "start again after the drain";
    auto s = elevator_stats(k);
    EXPECT_EQ(s["accepted"], 2);
    EXPECT_EQ(s["accepted"], s["serviced"] + s["aboard"] + s["waiting"]);
  }
}

TEST(ElevatorCalls, HotelTakesTypeFirstTheOthersTypeLast) {
  Kernel k(Kernel::Options{.time_scale = 50});
  insmod_elevator(k, {"profile=hotel"});
  // (type 0 adult, start 1, dest 5); read as (start, dest, type) it would be start 0: invalid.
  EXPECT_EQ(elevator_call(k, "issue:0,1,5"), "0 -");
  // (type 1, start 5, dest 0): invalid for hotel; valid as (start 1, dest 5, type 0) elsewhere.
  EXPECT_EQ(elevator_call(k, "issue:1,5,0"), "1 -");
  EXPECT_NE(read_proc(k, "elevator").find("[*] Floor 1: 1 A5 (serviced 0)\n"), std::string::npos)
      << read_proc(k, "elevator");
  k.rmmod("elevator");
  insmod_elevator(k, {"profile=dorm"});
  EXPECT_EQ(elevator_call(k, "issue:0,1,5"), "1 -");
  EXPECT_EQ(elevator_call(k, "issue:1,5,0"), "0 -");
  EXPECT_NE(read_proc(k, "elevator").find("[*] Floor 1: 1 F5\n"), std::string::npos) << read_proc(k, "elevator");
}

TEST(ElevatorCalls, MaxWaitingGivesEagainAndInvalidStillOne) {
  Kernel k(Kernel::Options{.time_scale = 50});
  insmod_elevator(k, {"max_waiting=3"});
  auto r = elevator_do(k, {"issue:1,2,0", "issue:2,3,1", "issue:3,4,2", "issue:4,5,3", "issue:1,1,0"});
  EXPECT_EQ(r, (std::vector<std::string>{"0 -", "0 -", "0 -", "-1 EAGAIN", "1 -"}));
  auto s = elevator_stats(k);
  EXPECT_EQ(s["accepted"], 3);
  EXPECT_EQ(s["waiting"], 3);
}

TEST(ElevatorCalls, EnosysWithTheModuleOut) {
  Kernel k;
  std::vector<std::string> enosys(3, "-1 ENOSYS");
  EXPECT_EQ(elevator_do(k, {"start", "issue:1,2,0", "stop"}), enosys);
  insmod_elevator(k);
  EXPECT_EQ(elevator_do(k, {"issue:1,2,0"}), std::vector<std::string>{"0 -"});
  k.rmmod("elevator");
  EXPECT_EQ(elevator_do(k, {"start", "issue:1,2,0", "stop"}), enosys);
  EXPECT_EQ(read_proc(k, "elevator"), "");
}

// The course's test script: one request while OFFLINE, start, stop while
// moving, start while still stopping (1), five more requests, stop, start
// again after the drain; the counts at each step.
TEST(ElevatorCalls, CourseTestScriptSequence) {
  Kernel k(Kernel::Options{.time_scale = 10});
  insmod_elevator(k);
  const std::string consumer = bin("consumer"), producer = bin("producer");
  EXPECT_EQ(elevator_call(k, "issue:1,6,3"), "0 -");  // a senior, floor 1 to 6
  EXPECT_EQ(elevator_stats(k)["waiting"], 1);
  EXPECT_EQ(k.run({consumer, "--start"}).out, "Start elevator returned 0\n");
  ASSERT_TRUE(eventually([&] { return elevator_state(k) == "UP"; }, 30000)) << read_proc(k, "elevator");
  auto s = elevator_stats(k);
  EXPECT_EQ(s["aboard"], 1);
  EXPECT_EQ(s["waiting"], 0);
  // Stop while moving, then start while still stopping: one program, no gap.
  EXPECT_EQ(elevator_do(k, {"stop", "start"}), (std::vector<std::string>{"0 -", "1 -"}));
  Outcome five = k.run({producer, "5"});
  EXPECT_EQ(count_of(five.out, ") returned 0\n"), 5u) << five.out;
  EXPECT_EQ(k.run({consumer, "--stop"}).out, "Stop elevator returned 1\n") << "still stopping";
  ASSERT_TRUE(eventually([&] { return elevator_state(k) == "OFFLINE"; }, 30000)) << read_proc(k, "elevator");
  s = elevator_stats(k);
  EXPECT_EQ(s["serviced"], 1) << "the rider was carried to floor 6";
  EXPECT_EQ(s["aboard"], 0);
  EXPECT_EQ(s["waiting"], 5) << "nobody boards while stopping";
  std::string proc = read_proc(k, "elevator");
  EXPECT_NE(proc.find("Current floor: 6\n"), std::string::npos) << proc;
  EXPECT_NE(proc.find("Number of passengers waiting: 5\n"), std::string::npos) << proc;
  EXPECT_NE(proc.find("Number of passengers serviced: 1\n"), std::string::npos) << proc;
  EXPECT_EQ(k.run({consumer, "--start"}).out, "Start elevator returned 0\n");
  ASSERT_TRUE(eventually([&] { return elevator_stats(k)["serviced"] == 6; }, 60000)) << read_proc(k, "elevator");
  EXPECT_TRUE(eventually([&] { return elevator_state(k) == "IDLE"; }, 30000));
  EXPECT_EQ(k.run({consumer, "--stop"}).out, "Stop elevator returned 0\n");
  EXPECT_TRUE(eventually([&] { return elevator_state(k) == "OFFLINE"; }, 30000));
}

TEST(ElevatorCalls, ProducerAndConsumerPrintTheCourseLines) {
  Kernel k(Kernel::Options{.time_scale = 50});
  insmod_elevator(k, {"profile=hotel"});
  EXPECT_EQ(k.run({bin("producer")}).out, "wrong number of args. producer.x num_of_requests\n");
  EXPECT_EQ(k.run({bin("consumer")}).out, "wrong number of args\n");
  EXPECT_EQ(k.run({bin("consumer"), "--start", "--stop"}).out, "wrong number of args\n");
  Outcome o = k.run({bin("producer"), "30", "--profile", "hotel"});
  auto lines = split_lines(o.out);
  ASSERT_EQ(lines.size(), 30u) << o.out << o.err;
  for (const std::string& l : lines) {
    int type, start, dest;
    long ret;
    ASSERT_EQ(sscanf(l.c_str(), "Issue (%d, %d, %d) returned %ld", &type, &start, &dest, &ret), 4) << l;
    EXPECT_EQ(ret, 0) << l;
    EXPECT_TRUE(type >= 0 && type <= 3 && start >= 1 && start <= 10 && dest >= 1 && dest <= 10 && start != dest) << l;
  }
  EXPECT_EQ(elevator_stats(k)["accepted"], 30);
}
