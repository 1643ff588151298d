// /proc/elevator in each shipped profile's exact layout, a profile file the
// project does not ship, and malformed profile files refused at insmod.
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "elevator_helpers.h"

using namespace ukern::test;

namespace {

std::string repeat(const std::string& s, int n) {
  std::string r;
  for (int i = 0; i < n; ++i) r += s;
  return r;
}

// The floor lines from `top` down to 1: `lines[f]` where given, else "0";
// `car` gets [*]; hotel lines end with " (serviced N)" from `serviced`.
std::string floors(int top, int car, const std::vector<std::pair<int, std::string>>& lines, bool hotel = false,
                   const std::vector<std::pair<int, int>>& serviced = {}) {
  std::string out;
  for (int f = top; f >= 1; --f) {
    std::string body = "0";
    for (auto& [fl, text] : lines)
      if (fl == f) body = text;
    out += std::string(f == car ? "[*]" : "[ ]") + " Floor " + std::to_string(f) + ": " + body;
    if (hotel) {
      int n = 0;
      for (auto& [fl, count] : serviced)
        if (fl == f) n = count;
      out += " (serviced " + std::to_string(n) + ")";
    }
    out += "\n";
  }
  return out;
}

std::string counts(const std::string& noun, int aboard, int waiting, int serviced) {
  return "\nNumber of " + noun + ": " + std::to_string(aboard) + "\nNumber of " + noun +
         " waiting: " + std::to_string(waiting) + "\nNumber of " + noun + " serviced: " + std::to_string(serviced) +
         "\n";
}

// Starts the car with one rider from floor 1 to `dest` and returns the first
// snapshot that shows it moving UP (with the floor it shows).
std::string snapshot_moving_up(const Kernel& k, const std::string& request, int& floor) {
  EXPECT_EQ(elevator_do(k, {request, "start"}), (std::vector<std::string>{"0 -", "0 -"}));
  std::string snap;
  EXPECT_TRUE(eventually([&] {
    snap = read_proc(k, "elevator");
    return snap.find("Elevator state: UP\n") != std::string::npos;
  }, 30000)) << snap;
  size_t at = snap.find("Current floor: ");
  floor = at == std::string::npos ? 0 : std::stoi(snap.substr(at + 15));
  return snap;
}

std::string write_temp(const std::string& text) {
  char path[] = "/tmp/elevator-profile-XXXXXX";
  int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  close(fd);
  return path;
}

}  // namespace

TEST(ElevatorProc, DormLayoutOfflineWithTwentyListedPerFloor) {
  Kernel k(Kernel::Options{.time_scale = 50});
  insmod_elevator(k);
  // Floor 4: down, up, down queues interleaved: listed in arrival order.
  elevator_do(k, {"flood:25:3,4,2", "issue:6,3,3", "issue:4,1,0", "issue:4,5,1", "issue:4,2,2"});
  std::string expected = "Elevator state: OFFLINE\nCurrent floor: 1\nCurrent load: 0 lbs\nElevator status:\n\n" +
                         floors(6, 1, {{6, "1 S3"}, {4, "3 F1 O5 J2"}, {3, "25" + repeat(" J4", 20) + " ... (5 more)"}}) +
                         counts("passengers", 0, 29, 0);
  EXPECT_EQ(read_proc(k, "elevator"), expected);
}

TEST(ElevatorProc, DormLayoutWhileMoving) {
  Kernel k(Kernel::Options{.time_scale = 10});
  insmod_elevator(k);
  int floor = 0;
  std::string snap = snapshot_moving_up(k, "issue:1,6,3", floor);
  ASSERT_TRUE(floor >= 1 && floor <= 5) << snap;
  EXPECT_EQ(snap, "Elevator state: UP\nCurrent floor: " + std::to_string(floor) +
                      "\nCurrent load: 250 lbs\nElevator status: S6\n\n" + floors(6, floor, {}) +
                      counts("passengers", 1, 0, 0));
}

TEST(ElevatorProc, OfficeLayoutWithHalfPounds) {
  Kernel k(Kernel::Options{.time_scale = 10});
  insmod_elevator(k, {"profile=office"});
  elevator_do(k, {"issue:2,5,1", "issue:5,1,3"});
  EXPECT_EQ(read_proc(k, "elevator"), "Elevator state: OFFLINE\nCurrent floor: 1\nCurrent load: 0 lbs\nElevator status:\n\n" +
                                          floors(5, 1, {{5, "1 V1"}, {2, "1 L5"}}) + counts("passengers", 0, 2, 0));
  int floor = 0;
  std::string snap = snapshot_moving_up(k, "issue:1,5,1", floor);  // a lawyer: 1.5 lbs
  EXPECT_NE(snap.find("Current load: 1.5 lbs\nElevator status: L5\n"), std::string::npos) << snap;
}

TEST(ElevatorProc, DogsLayoutSaysPets) {
  Kernel k(Kernel::Options{.time_scale = 10});
  insmod_elevator(k, {"profile=dogs"});
  elevator_do(k, {"issue:3,1,2", "issue:3,5,3"});
  EXPECT_EQ(read_proc(k, "elevator"), "Elevator state: OFFLINE\nCurrent floor: 1\nCurrent load: 0 lbs\nElevator status:\n\n" +
                                          floors(5, 1, {{3, "2 H1 D5"}}) + counts("pets", 0, 2, 0));
  int floor = 0;
  std::string snap = snapshot_moving_up(k, "issue:1,5,0", floor);  // a chihuahua: 3 lbs
  EXPECT_EQ(snap, "Elevator state: UP\nCurrent floor: " + std::to_string(floor) +
                      "\nCurrent load: 3 lbs\nElevator status: C5\n\n" + floors(5, floor, {{3, "2 H1 D5"}}) +
                      counts("pets", 1, 2, 0));
}

TEST(ElevatorProc, HotelLayoutWithNextFloorBothUnitsAndServicedPerFloor) {
  Kernel k(Kernel::Options{.time_scale = 10});
  insmod_elevator(k, {"profile=hotel"});
  elevator_do(k, {"issue:3,4,7", "issue:0,4,1"});
  EXPECT_EQ(read_proc(k, "elevator"),
            "Elevator state: OFFLINE\nCurrent floor: 1\nNext floor: -\nCurrent load: 0 passenger units, 0 weight units\n"
            "Elevator status:\n\n" +
                floors(10, 1, {{4, "2 R7 A1"}}, true) + counts("passengers", 0, 2, 0));
  k.rmmod("elevator");
  insmod_elevator(k, {"profile=hotel"});
  int floor = 0;
  std::string snap = snapshot_moving_up(k, "issue:1,1,10", floor);  // a child: 1 unit, 0.5 weight
  EXPECT_EQ(snap, "Elevator state: UP\nCurrent floor: " + std::to_string(floor) +
                      "\nNext floor: 10\nCurrent load: 1 passenger units, 0.5 weight units\nElevator status: C10\n\n" +
                      floors(10, floor, {}, true) + counts("passengers", 1, 0, 0));
  ASSERT_TRUE(eventually([&] { return elevator_state(k) == "IDLE"; }, 30000));
  EXPECT_EQ(read_proc(k, "elevator"),
            "Elevator state: IDLE\nCurrent floor: 10\nNext floor: -\nCurrent load: 0 passenger units, 0 weight units\n"
            "Elevator status:\n\n" +
                floors(10, 10, {}, true, {{10, 1}}) + counts("passengers", 0, 0, 1));
}

// A theme the project does not ship, with an argument order none of the
// shipped ones has: (dest, type, start).
TEST(ElevatorProc, ProfileFileWithANewTheme) {
  std::string path = write_temp(
      "# a ferry between three decks\n"
      "name = ferry\n"
      "floors = 3\n"
      "args = dest type start\n"
      "noun = travellers\n"
      "weight_unit = kg\n"
      "max_passengers = 2\n"
      "max_weight = 160.5\n"
      "floor_time = 3\n"
      "load_time = 0.25\n"
      "type = 5 W 80.25 walker\n"
      "type = 9 K 95 cyclist\n");
  Kernel k(Kernel::Options{.time_scale = 10});
  insmod_elevator(k, {"profile_file=" + path});
  // (dest 3, type 9, start 1); type 0 is unknown here.
  EXPECT_EQ(elevator_do(k, {"issue:3,9,1", "issue:1,5,2", "issue:3,0,1", "issue:1,9,3"}),
            (std::vector<std::string>{"0 -", "0 -", "1 -", "0 -"}));
  EXPECT_EQ(read_proc(k, "elevator"), "Elevator state: OFFLINE\nCurrent floor: 1\nCurrent load: 0 kg\nElevator status:\n\n" +
                                          floors(3, 1, {{3, "1 K1"}, {2, "1 W1"}, {1, "1 K3"}}) +
                                          counts("travellers", 0, 3, 0));
  int floor = 0;
  std::string snap = snapshot_moving_up(k, "issue:3,5,1", floor);
  EXPECT_EQ(snap.find("Current load: 175.25 kg\n"), std::string::npos) << "160.5 kg at most\n" << snap;
  EXPECT_NE(snap.find("Current load: 95 kg\nElevator status: K3\n"), std::string::npos)
      << "the cyclist boards; the walker behind does not fit (175.25 > 160.5) and keeps his place\n" << snap;
  EXPECT_NE(snap.find("Floor 1: 1 W3\n"), std::string::npos) << snap;
  EXPECT_NE(snap.find("[ ] Floor 2: 1 W1\n"), std::string::npos) << snap;
  unlink(path.c_str());
}

TEST(ElevatorProc, BadProfileFilesAreRefusedNamingTheLine) {
  const std::string good_head = "name = bad\nfloors = 4\nmax_passengers = 2\nmax_weight = 10\nfloor_time = 1\nload_time = 1\n";
  struct Case {
    std::string text;
    std::string message;  // after "PATH:"
  } cases[] = {
      {good_head + "type = 0 A 1 ant\nspeed = 3\n", "8: unknown key 'speed'"},
      {"name = bad\nfloors = 0\n", "2: floors: expected a number of floors 1-1000, got '0'"},
      {good_head + "type = 0 1 ant\n", "7: type 0: expected a single letter, got '1'"},
      {good_head + "type = 0 A heavy ant\n", "7: type 0: expected a positive weight (a number such as 100 or 1.5), got 'heavy'"},
      {good_head + "type = 0 A 1 ant\ntype = 0 B 2 bee\n", "8: duplicate type 0 (first on line 7)"},
      {good_head, "6: missing key 'type'"},
  };
  Kernel k;
  for (const Case& c : cases) {
    std::string path = write_temp(c.text);
    SCOPED_TRACE(c.message);
    Outcome r = k.ukern({"insmod", elevator_module(), "profile_file=" + path});
    EXPECT_NE(r.status, 0) << "refused";
    EXPECT_NE(r.err.find("Invalid argument"), std::string::npos) << r.err;
    EXPECT_NE(k.dmesg().find("elevator: " + path + ":" + c.message + "\n"), std::string::npos) << k.dmesg();
    EXPECT_EQ(k.ukern({"lsmod"}).out.find("elevator"), std::string::npos) << "nothing loaded";
    EXPECT_EQ(elevator_call(k, "start"), "-1 ENOSYS");
    unlink(path.c_str());
  }
  Outcome both = k.ukern({"insmod", elevator_module(), "profile=dorm", "profile_file=/dev/null"});
  EXPECT_NE(both.status, 0);
  EXPECT_NE(k.dmesg().find("elevator: give profile= or profile_file=, not both"), std::string::npos);
  Outcome r = k.ukern({"insmod", elevator_module(), "profile=penthouse"});
  EXPECT_NE(r.status, 0);
  EXPECT_NE(k.dmesg().find("elevator: unknown profile 'penthouse'"), std::string::npos) << k.dmesg();
  EXPECT_EQ(read_proc(k, "meminfo").find("elevator"), std::string::npos) << "nothing allocated stays";
}
