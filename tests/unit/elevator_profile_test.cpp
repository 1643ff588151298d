// The elevator's profile parser: the shipped profiles parse to the spec's
// values; each kind of malformed file is refused naming its line.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "modules/elevator/policy.h"
#include "modules/elevator/profile.h"

using namespace elevator;

namespace {

std::string read_shipped(const std::string& name) {
  std::ifstream in(std::string(ELEVATOR_PROFILE_DIR) + "/" + name + ".profile");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Profile shipped(const std::string& name) {
  ProfileResult r = parse_profile(read_shipped(name), name + ".profile");
  EXPECT_TRUE(r.ok) << r.error;
  return r.profile;
}

const char* kGood =
    "name = zoo\n"
    "floors = 3\n"
    "max_passengers = 2\n"
    "max_weight = 10\n"
    "floor_time = 1\n"
    "load_time = 0.5\n"
    "type = 0 A 1 ant\n";

std::string refused(const std::string& text) {
  ProfileResult r = parse_profile(text, "t.profile");
  EXPECT_FALSE(r.ok);
  return r.error;
}

}  // namespace

TEST(ElevatorProfile, DormMatchesTheSpec) {
  Profile p = shipped("dorm");
  EXPECT_STREQ(p.name, "dorm");
  EXPECT_EQ(p.floors, 6);
  EXPECT_EQ(p.args[0], Arg::Start);
  EXPECT_EQ(p.args[2], Arg::Type);
  EXPECT_EQ(p.capacity_mode, CapacityMode::Count);
  EXPECT_EQ(p.capacity, 5);
  EXPECT_EQ(p.capacity_weight, 750 * kMilli);
  EXPECT_EQ(p.floor_time_ns, 2000000000);
  EXPECT_EQ(p.load_time_ns, 1000000000);
  ASSERT_EQ(p.type_count, 4);
  EXPECT_EQ(p.types[3].letter, 'S');
  EXPECT_EQ(p.types[3].weight, 250 * kMilli);
  EXPECT_STREQ(p.types[3].name, "senior");
  EXPECT_EQ(p.layout, Layout::Classic);
}

TEST(ElevatorProfile, OfficeDogsHotelMatchTheSpec) {
  Profile o = shipped("office");
  EXPECT_EQ(o.floors, 5);
  EXPECT_EQ(o.type_by_number(1)->weight, 1500);
  EXPECT_EQ(o.type_by_number(3)->weight, 500);
  EXPECT_EQ(o.capacity_weight, 7000);
  Profile d = shipped("dogs");
  EXPECT_STREQ(d.noun, "pets");
  EXPECT_EQ(d.type_by_number(2)->letter, 'H');
  EXPECT_EQ(d.capacity_weight, 50000);
  Profile h = shipped("hotel");
  EXPECT_EQ(h.floors, 10);
  EXPECT_EQ(h.args[0], Arg::Type);
  EXPECT_EQ(h.args[1], Arg::Start);
  EXPECT_EQ(h.args[2], Arg::Dest);
  EXPECT_EQ(h.capacity_mode, CapacityMode::Units);
  EXPECT_EQ(h.capacity, 8);
  EXPECT_EQ(h.type_by_number(2)->units, 2);
  EXPECT_EQ(h.type_by_number(1)->weight, 500);
  EXPECT_STREQ(h.type_by_number(3)->name, "room service");
  EXPECT_EQ(h.layout, Layout::Hotel);
}

TEST(ElevatorProfile, FitsCountsPassengersOrUnits) {
  Profile dorm = shipped("dorm");
  EXPECT_TRUE(fits(dorm, 4, 500 * kMilli, 3));    // 750 exactly
  EXPECT_FALSE(fits(dorm, 4, 501 * kMilli, 3));   // over the weight
  EXPECT_FALSE(fits(dorm, 5, 0, 0));              // over the count
  EXPECT_FALSE(fits(dorm, 0, 0, 7));              // unknown type
  Profile hotel = shipped("hotel");
  EXPECT_TRUE(fits(hotel, 6, 6 * kMilli, 2));     // bellhop: 2 units, 2 weight
  EXPECT_FALSE(fits(hotel, 7, 0, 2));
  EXPECT_TRUE(fits(hotel, 7, 7500, 1));           // child: 0.5 weight
}

TEST(ElevatorProfile, FormatsWithoutTrailingZeros) {
  EXPECT_EQ(format_milli(650000), "650");
  EXPECT_EQ(format_milli(4500), "4.5");
  EXPECT_EQ(format_milli(250), "0.25");
  EXPECT_EQ(format_milli(0), "0");
}

TEST(ElevatorProfile, GoodMinimalFileParses) {
  ProfileResult r = parse_profile(kGood, "t.profile");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.profile.load_time_ns, 500000000);
}

TEST(ElevatorProfile, BadFilesAreRefusedNamingTheLine) {
  std::string g = kGood;
  EXPECT_EQ(refused(g + "colour = red\n"), "t.profile:8: unknown key 'colour'");
  EXPECT_EQ(refused("floors = 0\n" + g.substr(g.find('\n') + 1)).rfind("t.profile:1: floors:", 0), 0u);
  EXPECT_EQ(refused(g + "type = 1 150 sophomore\n"), "t.profile:8: type 1: expected a single letter, got '150'");
  EXPECT_EQ(refused(g + "type = 1 B heavy bee\n").rfind("t.profile:8: type 1: expected a positive weight", 0), 0u);
  EXPECT_EQ(refused(g + "type = 0 B 1 bee\n"), "t.profile:8: duplicate type 0 (first on line 7)");
  EXPECT_EQ(refused(g + "floors = 4\n"), "t.profile:8: duplicate key 'floors'");
  EXPECT_EQ(refused(g + "type = 1 B 11 bison\n"), "t.profile:8: type 1: heavier than max_weight: it could never board");
  EXPECT_EQ(refused(g + "args = start dest\n").rfind("t.profile:8: args:", 0), 0u);
  EXPECT_EQ(refused(g + "just words\n"), "t.profile:8: expected 'key = value', got 'just words'");
  EXPECT_EQ(refused("name = x\n"), "t.profile:1: missing key 'floors'");
}
