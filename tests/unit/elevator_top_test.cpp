// elevator-top's pure parts: parsing /proc/elevator, events inferred from
// two readings, the car's drawn position, the frame's layout.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "user/elevator-top/events.h"
#include "user/elevator-top/frame.h"
#include "user/elevator-top/motion.h"
#include "user/elevator-top/snapshot.h"

using namespace eltop;

namespace {

// The layout's own example (dorm; office is the same with other letters).
const char* kClassic =
    "Elevator state: LOADING\n"
    "Current floor: 4\n"
    "Current load: 650 lbs\n"
    "Elevator status: O5 F2 S4 S1\n"
    "\n"
    "[ ] Floor 6: 1 S3\n"
    "[ ] Floor 5: 0\n"
    "[*] Floor 4: 2 F1 J2\n"
    "[ ] Floor 3: 2 J4 J5\n"
    "[ ] Floor 2: 0\n"
    "[ ] Floor 1: 0\n"
    "\n"
    "Number of passengers: 4\n"
    "Number of passengers waiting: 5\n"
    "Number of passengers serviced: 61\n";

const char* kDogs =
    "Elevator state: IDLE\n"
    "Current floor: 1\n"
    "Current load: 0 lbs\n"
    "Elevator status: \n"
    "\n"
    "[ ] Floor 5: 1 C1\n"
    "[ ] Floor 4: 0\n"
    "[ ] Floor 3: 0\n"
    "[ ] Floor 2: 1 D5\n"
    "[*] Floor 1: 0\n"
    "\n"
    "Number of pets: 0\n"
    "Number of pets waiting: 2\n"
    "Number of pets serviced: 7\n";

std::string hotel(const std::string& next, const std::string& floor5) {
  std::string t =
      "Elevator state: UP\n"
      "Current floor: 4\n"
      "Next floor: " + next + "\n"
      "Current load: 3 passenger units, 2.5 weight units\n"
      "Elevator status: A5 C5 B9\n\n";
  for (int f = 10; f >= 1; --f) {
    std::string body = f == 5 ? floor5 : f == 4 ? "2 A1 R7" : "0";
    t += std::string(f == 4 ? "[*]" : "[ ]") + " Floor " + std::to_string(f) + ": " + body + " (serviced " +
         std::to_string(f) + ")\n";
  }
  t += "\nNumber of passengers: 3\nNumber of passengers waiting: 27\nNumber of passengers serviced: 55\n";
  return t;
}

// 25 waiting on a floor: the first 20 listed, then "... (5 more)".
std::string twenty_five() {
  std::string s = "25";
  for (int i = 0; i < 20; ++i) s += " J" + std::to_string(1 + i % 3);
  return s + " ... (5 more)";
}

Snapshot parsed(const std::string& text) {
  ParseResult r = parse_snapshot(text);
  EXPECT_TRUE(r) << r.error.message();
  return r ? *r.snapshot : Snapshot{};
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

}  // namespace

// ---- parsing ----

TEST(ElevatorTopParse, ClassicExample) {
  Snapshot s = parsed(kClassic);
  EXPECT_EQ(s.state, "LOADING");
  EXPECT_EQ(s.floor, 4);
  EXPECT_EQ(s.load, "650 lbs");
  EXPECT_FALSE(s.has_next_floor);
  ASSERT_EQ(s.aboard.size(), 4u);
  EXPECT_EQ(s.aboard[0], (Rider{"O", 5}));
  EXPECT_EQ(s.aboard[3], (Rider{"S", 1}));
  EXPECT_EQ(s.top_floor(), 6);
  ASSERT_EQ(s.floors.size(), 6u);
  ASSERT_NE(s.floor_line(4), nullptr);
  EXPECT_TRUE(s.floor_line(4)->car_here);
  EXPECT_FALSE(s.floor_line(3)->car_here);
  EXPECT_EQ(s.floor_line(3)->waiting, 2);
  ASSERT_EQ(s.floor_line(3)->shown.size(), 2u);
  EXPECT_EQ(s.floor_line(3)->shown[1].token(), "J5");
  EXPECT_EQ(s.floor_line(6)->shown[0], (Rider{"S", 3}));
  EXPECT_FALSE(s.floor_line(6)->serviced.has_value());
  EXPECT_EQ(s.floor_line(7), nullptr);
  EXPECT_EQ(s.noun, "passengers");
  EXPECT_EQ(s.aboard_count, 4);
  EXPECT_EQ(s.waiting_count, 5);
  EXPECT_EQ(s.serviced_count, 61);
  EXPECT_TRUE(s.extra.empty());
}

TEST(ElevatorTopParse, DogsSayPetsAndAnEmptyCar) {
  Snapshot s = parsed(kDogs);
  EXPECT_EQ(s.noun, "pets");
  EXPECT_EQ(s.top_floor(), 5);
  EXPECT_TRUE(s.aboard.empty());
  EXPECT_EQ(s.waiting_count, 2);
  EXPECT_EQ(s.serviced_count, 7);
  EXPECT_TRUE(s.floor_line(1)->car_here);
  // Without the trailing space after "Elevator status:" too.
  EXPECT_TRUE(parsed(replace(kDogs, "Elevator status: \n", "Elevator status:\n")).aboard.empty());
}

TEST(ElevatorTopParse, HotelNextFloorLoadUnitsAndServicedPerFloor) {
  Snapshot s = parsed(hotel("5", "22 A1 A2 ... (20 more)"));
  EXPECT_EQ(s.state, "UP");
  EXPECT_TRUE(s.moving());
  EXPECT_EQ(s.direction(), 1);
  EXPECT_TRUE(s.has_next_floor);
  EXPECT_EQ(s.next_floor, 5);
  EXPECT_EQ(s.load, "3 passenger units, 2.5 weight units");
  EXPECT_EQ(s.top_floor(), 10);
  for (int f = 1; f <= 10; ++f) EXPECT_EQ(s.floor_line(f)->serviced, f) << f;
  EXPECT_EQ(s.floor_line(5)->waiting, 22);
  EXPECT_EQ(s.floor_line(5)->shown.size(), 2u);
  EXPECT_EQ(s.floor_line(5)->more, 20);

  Snapshot none = parsed(hotel("-", "0"));
  EXPECT_TRUE(none.has_next_floor);
  EXPECT_FALSE(none.next_floor.has_value());
}

TEST(ElevatorTopParse, FloorWithMoreThanTwentyWaiting) {
  Snapshot s = parsed(replace(kClassic, "[ ] Floor 3: 2 J4 J5", "[ ] Floor 3: " + twenty_five()));
  const FloorLine* f = s.floor_line(3);
  EXPECT_EQ(f->waiting, 25);
  EXPECT_EQ(f->shown.size(), 20u);
  EXPECT_EQ(f->more, 5);
}

TEST(ElevatorTopParse, UnknownHeaderLinesAreKept) {
  Snapshot s = parsed(replace(kClassic, "Current load: 650 lbs\n", "Current load: 650 lbs\nDirection: up\n"));
  ASSERT_EQ(s.extra.size(), 1u);
  EXPECT_EQ(s.extra[0].first, "Direction");
  EXPECT_EQ(s.extra[0].second, "up");
}

TEST(ElevatorTopParse, GarbageGivesAnError) {
  for (std::string bad : {std::string(""), std::string("\n\n\n"), std::string("hello world\n"),
                          std::string("Elevator state: UP\n"), std::string("\x01\x02\x00zz", 5),
                          std::string("Elevator state: up stairs\nCurrent floor: 1\n")}) {
    ParseResult r = parse_snapshot(bad);
    EXPECT_FALSE(r) << bad;
    EXPECT_FALSE(r.error.message().empty());
  }
}

TEST(ElevatorTopParse, ErrorsNameTheLine) {
  struct Case {
    std::string from, to;
    int line;
  } cases[] = {
      {"[ ] Floor 3: 2 J4 J5", "[ ] Floor 3: two J4 J5", 9},      // count not a number
      {"[ ] Floor 3: 2 J4 J5", "[ ] Floor 3: 2 J4 5J", 9},        // bad passenger
      {"[ ] Floor 3: 2 J4 J5", "[ ] Floor 3: 1 J4 J5", 9},        // lists more than its count
      {"[ ] Floor 3: 2 J4 J5", "[ ] Floor 2: 2 J4 J5", 9},        // floors out of order
      {"[ ] Floor 3: 2 J4 J5", "[ ] Floor 3: 2 J4 ... (x more)", 9},
      {"[ ] Floor 3: 2 J4 J5", "(  ) Floor 3: 2 J4 J5", 9},
      {"Current floor: 4", "Current floor: four", 2},
      {"Elevator status: O5 F2 S4 S1", "Elevator status: O5 ?? S4", 4},
      {"Number of passengers waiting: 5", "Number of passengers waiting: -5", 14},
  };
  for (const auto& c : cases) {
    ParseResult r = parse_snapshot(replace(kClassic, c.from, c.to));
    ASSERT_FALSE(r) << c.to;
    EXPECT_EQ(r.error.line, c.line) << c.to << ": " << r.error.message();
    EXPECT_NE(r.error.message().find("line " + std::to_string(c.line) + ":"), std::string::npos);
  }
}

TEST(ElevatorTopParse, EveryCutShortTextIsAnErrorNotACrash) {
  const std::string full = kClassic;
  const size_t last_line = full.rfind("Number of passengers serviced");
  for (size_t n = 0; n < full.size(); ++n) {
    ParseResult r = parse_snapshot(std::string_view(full).substr(0, n));
    if (n <= last_line) {
      EXPECT_FALSE(r) << "cut at " << n;
    }
    // Within the last line a cut can still read as a smaller count; it must not crash.
  }
  const std::string hotel_text = hotel("5", twenty_five());
  for (size_t n = 0; n < hotel_text.rfind("Number of passengers serviced"); ++n)
    EXPECT_FALSE(parse_snapshot(std::string_view(hotel_text).substr(0, n))) << "cut at " << n;
}

// Mangled texts (bytes changed, dropped, doubled; a fixed seed) either parse
// or give an error naming a line within the text; a frame of whatever parses
// stays within its width.
TEST(ElevatorTopParse, MangledTextsNeverCrash) {
  std::mt19937 rng(6);
  const std::string base = hotel("5", twenty_five());
  const std::string alphabet = "[]* :.()-+0123456789ABJS\n\t\0x";
  int parsed_ok = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string t = base;
    for (int edits = 1 + static_cast<int>(rng() % 4); edits > 0; --edits) {
      size_t at = rng() % t.size();
      switch (rng() % 3) {
        case 0: t[at] = alphabet[rng() % alphabet.size()]; break;
        case 1: t.erase(at, 1 + rng() % 8); break;
        default: t.insert(at, t.substr(at, 1 + rng() % 8)); break;
      }
      if (t.empty()) t = "x";
    }
    ParseResult r = parse_snapshot(t);
    if (!r) {
      EXPECT_GE(r.error.line, 0);
      EXPECT_LE(r.error.line, static_cast<int>(std::count(t.begin(), t.end(), '\n')) + 1);
      continue;
    }
    ++parsed_ok;
    FrameInput in{.snapshot = &*r.snapshot, .source = "f"};
    for (const auto& l : render_frame(in, 40, 20)) EXPECT_LE(l.text.size(), 40u);
  }
  EXPECT_GT(parsed_ok, 0);  // some edits are harmless (a letter, a count's digit)
}

TEST(ElevatorTopParse, Riders) {
  EXPECT_EQ(parse_rider("S4"), (Rider{"S", 4}));
  EXPECT_EQ(parse_rider("A10"), (Rider{"A", 10}));
  EXPECT_FALSE(parse_rider("4"));
  EXPECT_FALSE(parse_rider("S"));
  EXPECT_FALSE(parse_rider("S0"));
  EXPECT_FALSE(parse_rider("S-1"));
  EXPECT_FALSE(parse_rider("S4x"));
}

// ---- events ----

namespace {
std::vector<std::string> texts(const std::vector<Event>& ev) {
  std::vector<std::string> t;
  for (const auto& e : ev) t.push_back(e.text);
  return t;
}
bool has_kind(const std::vector<Event>& ev, EventKind k) {
  return std::any_of(ev.begin(), ev.end(), [&](const Event& e) { return e.kind == k; });
}
}  // namespace

TEST(ElevatorTopEvents, StartedAndStopped) {
  Snapshot off = parsed(kDogs), idle = off;
  off.state = "OFFLINE";
  auto started = infer_events(off, idle);
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0].kind, EventKind::Started);
  auto stopped = infer_events(idle, off);
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_EQ(stopped[0].kind, EventKind::Stopped);
  EXPECT_TRUE(infer_events(idle, idle).empty());
}

TEST(ElevatorTopEvents, DeliveredThenBoardedAtTheStop) {
  Snapshot before = parsed(kClassic);  // aboard O5 F2 S4 S1, at 4
  Snapshot after = before;
  after.aboard = {{"O", 5}, {"F", 2}, {"S", 1}, {"J", 2}};  // S4 got off, J2 got on
  after.serviced_count = 62;
  after.waiting_count = 4;
  auto ev = infer_events(before, after);
  ASSERT_EQ(ev.size(), 2u) << ::testing::PrintToString(texts(ev));
  EXPECT_EQ(ev[0].kind, EventKind::Delivered);
  EXPECT_EQ(ev[0].text, "floor 4: delivered S4");
  EXPECT_EQ(ev[1].kind, EventKind::Boarded);
  EXPECT_EQ(ev[1].text, "floor 4: boarded J2");
}

TEST(ElevatorTopEvents, CountsWhenStopsFallBetweenReadings) {
  Snapshot before = parsed(kClassic);
  Snapshot after = before;  // three delivered, two boarded; one of the new riders not told apart
  after.aboard = {{"O", 5}, {"F", 2}, {"S", 1}};
  after.aboard_count = 3;
  after.serviced_count = 64;
  after.waiting_count = 3;
  auto ev = infer_events(before, after);
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].text, "floor 4: delivered S4 (3 in all)");
  EXPECT_EQ(ev[1].text, "floor 4: boarded 2");
}

TEST(ElevatorTopEvents, ArrivalsAndReloads) {
  Snapshot before = parsed(kClassic), after = before;
  after.waiting_count = 8;
  auto ev = infer_events(before, after);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].kind, EventKind::Requests);
  EXPECT_NE(ev[0].text.find("+3"), std::string::npos);
  Snapshot reloaded = parsed(kDogs);  // serviced 7 < 61: another run
  EXPECT_TRUE(infer_events(before, reloaded).empty());
  EXPECT_FALSE(has_kind(infer_events(reloaded, reloaded), EventKind::Requests));
}

// ---- the car's motion ----

namespace {
Snapshot at(const std::string& state, int floor) {
  Snapshot s = parsed(kClassic);
  s.state = state;
  s.floor = floor;
  return s;
}
}  // namespace

TEST(ElevatorTopMotion, AtRestIsAtItsFloorAndMovingWithoutATimeIsHalfway) {
  CarMotion m;
  m.observe(at("IDLE", 3), 0.0);
  EXPECT_EQ(m.position(1.0), 3.0);
  m.observe(at("DOWN", 3), 0.1);
  EXPECT_EQ(m.position(0.2), 2.5);
  EXPECT_EQ(m.floor_time(), 0.0);
}

TEST(ElevatorTopMotion, MeasuresTheTravelTimeAndInterpolates) {
  CarMotion m;
  m.observe(at("LOADING", 1), 0.0);
  m.observe(at("UP", 1), 0.1);  // began at about 0.05
  m.observe(at("UP", 1), 0.2);
  m.observe(at("UP", 2), 0.3);  // arrived at about 0.25, next move began then
  EXPECT_NEAR(m.floor_time(), 0.2, 1e-9);
  EXPECT_NEAR(m.position(0.35), 2.5, 1e-9);
  EXPECT_LT(m.position(10.0), 3.0);  // never drawn past where it is headed
  EXPECT_GT(m.position(10.0), 2.5);
  m.observe(at("UP", 2), 0.4);
  m.observe(at("LOADING", 3), 0.5);  // the second move: about 0.25 .. 0.45
  EXPECT_NEAR(m.floor_time(), 0.2, 1e-9);
  EXPECT_EQ(m.position(0.6), 3.0);
}

TEST(ElevatorTopMotion, AMoveSeenOnlyInPartIsNotMeasured) {
  CarMotion m;
  m.observe(at("UP", 1), 0.0);  // the first reading: when it began is unknown
  m.observe(at("IDLE", 2), 0.1);
  EXPECT_EQ(m.floor_time(), 0.0);
}

// ---- frames ----

namespace {
int row_of(const std::vector<Line>& lines, const std::string& needle) {
  for (size_t i = 0; i < lines.size(); ++i)
    if (lines[i].text.find(needle) != std::string::npos) return static_cast<int>(i);
  return -1;
}
// The row that starts with floor number `f` (right-aligned to `width` digits) and the shaft.
int floor_row(const std::vector<Line>& lines, int f, int label_width) {
  const std::string n = std::to_string(f);
  const std::string label = std::string(static_cast<size_t>(label_width) - n.size(), ' ') + n + " |";
  for (size_t i = 0; i < lines.size(); ++i)
    if (lines[i].text.rfind(label, 0) == 0) return static_cast<int>(i);
  return -1;
}
int car_row(const std::vector<Line>& lines) {
  for (size_t i = 0; i < lines.size(); ++i)
    for (const auto& sp : lines[i].spans)
      if (sp.style == Style::Car) return static_cast<int>(i);
  return -1;
}
}  // namespace

TEST(ElevatorTopFrame, OnceShowsEveryFloorTheCarAndTheCounts) {
  Snapshot s = parsed(kClassic);
  FrameInput in{.snapshot = &s, .source = "/x/proc/elevator", .live = false};
  auto lines = render_frame(in, 80, 0);
  for (int f = 1; f <= 6; ++f) EXPECT_GE(floor_row(lines, f, 1), 0) << f;
  EXPECT_EQ(car_row(lines), floor_row(lines, 4, 1));
  EXPECT_NE(lines[static_cast<size_t>(floor_row(lines, 3, 1))].text.find("2 J4 J5"), std::string::npos);
  EXPECT_NE(lines[static_cast<size_t>(floor_row(lines, 6, 1))].text.find("1 S3"), std::string::npos);
  const std::string text = frame_text(lines);
  EXPECT_NE(text.find("LOADING"), std::string::npos);
  EXPECT_NE(text.find("650 lbs"), std::string::npos);
  EXPECT_NE(text.find("O5 F2 S4 S1"), std::string::npos);
  EXPECT_NE(text.find("Passengers aboard: 4"), std::string::npos);
  EXPECT_NE(text.find("waiting: 5"), std::string::npos);
  EXPECT_NE(text.find("serviced: 61"), std::string::npos);
  EXPECT_EQ(text.find("Recent events"), std::string::npos);  // --once has no history
  EXPECT_EQ(text.find("q: quit"), std::string::npos);
}

TEST(ElevatorTopFrame, DogsSayPets) {
  Snapshot s = parsed(kDogs);
  FrameInput in{.snapshot = &s, .live = false};
  const std::string text = frame_text(render_frame(in, 80, 0));
  EXPECT_NE(text.find("Pets aboard: 0"), std::string::npos);
  EXPECT_EQ(text.find("assengers"), std::string::npos);
}

TEST(ElevatorTopFrame, NarrowWidthTruncatesWaitingListsWithTheirCount) {
  Snapshot s = parsed(hotel("5", twenty_five()));
  FrameInput in{.snapshot = &s, .live = false};
  for (int width : {30, 45, 80, 200}) {
    auto lines = render_frame(in, width, 0);
    for (const auto& l : lines) EXPECT_LE(static_cast<int>(l.text.size()), width);
    int r5 = floor_row(lines, 5, 2);
    ASSERT_GE(r5, 0);
    const std::string& row = lines[static_cast<size_t>(r5)].text;
    // However many are listed, "+N" makes up the floor's 25.
    size_t plus = row.find(" +");
    ASSERT_NE(plus, std::string::npos) << row;
    int listed = static_cast<int>(std::count(row.begin(), row.begin() + static_cast<long>(plus), 'J'));
    EXPECT_EQ(listed + std::stoi(row.substr(plus + 2)), 25) << row;
    if (width >= 80) {
      EXPECT_NE(row.find("(serviced 5)"), std::string::npos) << row;
    }
  }
}

TEST(ElevatorTopFrame, TheMovingCarIsDrawnBetweenFloors) {
  Snapshot s = parsed(hotel("5", "0"));  // UP from 4
  FrameInput in{.snapshot = &s, .car_position = 4.5, .source = "f"};
  auto lines = render_frame(in, 80, 45);  // tall enough for more than a row per floor
  int r4 = floor_row(lines, 4, 2), r5 = floor_row(lines, 5, 2), car = car_row(lines);
  ASSERT_GE(r4, 0);
  ASSERT_GE(r5, 0);
  EXPECT_GT(r4 - r5, 1);  // rows between floors
  EXPECT_GT(car, r5);
  EXPECT_LT(car, r4);
  in.car_position = 4.0;
  EXPECT_EQ(car_row(render_frame(in, 80, 45)), r4);
  in.car_position = 4.95;  // nearly there, but the file still says UP from 4
  EXPECT_LT(car_row(render_frame(in, 80, 45)), r4);
  EXPECT_GT(car_row(render_frame(in, 80, 45)), r5);
  EXPECT_LE(render_frame(in, 80, 45).size(), 45u);
}

TEST(ElevatorTopFrame, NarrowTitleKeepsTheQuitKeyAndThePathsEnd) {
  Snapshot s = parsed(kClassic);
  FrameInput in{.snapshot = &s, .source = "/tmp/a/very/long/runtime/directory/name/proc/elevator"};
  auto lines = render_frame(in, 50, 24);
  EXPECT_EQ(lines[0].text.size(), 50u);
  EXPECT_NE(lines[0].text.find("q: quit"), std::string::npos) << lines[0].text;
  EXPECT_NE(lines[0].text.find("proc/elevator"), std::string::npos) << lines[0].text;
}

TEST(ElevatorTopFrame, ShortTerminalShowsTheFloorsAroundTheCar) {
  Snapshot s = parsed(hotel("5", "0"));
  s.floor = 9;
  s.state = "LOADING";
  FrameInput in{.snapshot = &s, .source = "f"};
  auto lines = render_frame(in, 60, 14);
  EXPECT_LE(lines.size(), 14u);
  EXPECT_EQ(car_row(lines), floor_row(lines, 9, 2));
  EXPECT_LT(floor_row(lines, 1, 2), 0);  // the bottom floors do not fit
  EXPECT_GE(row_of(lines, "(floors "), 0);
}

TEST(ElevatorTopFrame, EventsNewestFirstWithinTheHeight) {
  Snapshot s = parsed(kClassic);
  FrameInput in{.snapshot = &s, .source = "f"};
  for (int i = 0; i < 50; ++i) in.events.push_back({i * 1.0, {EventKind::Boarded, "event " + std::to_string(i)}});
  auto lines = render_frame(in, 80, 30);
  EXPECT_EQ(lines.size(), 30u);
  int newest = row_of(lines, "event 49"), older = row_of(lines, "event 48");
  ASSERT_GE(newest, 0);
  EXPECT_EQ(older, newest + 1);
  EXPECT_LT(row_of(lines, "event 0"), 0);
  EXPECT_GE(car_row(lines), 0);  // the building is still there
}

TEST(ElevatorTopFrame, EventsOfOneReadingKeepTheirOrder) {
  Snapshot s = parsed(kClassic);
  FrameInput in{.snapshot = &s, .source = "f"};
  in.events = {{1.0, {EventKind::Boarded, "first reading"}},
               {2.0, {EventKind::Delivered, "then delivered"}},
               {2.0, {EventKind::Boarded, "then boarded"}}};
  auto lines = render_frame(in, 80, 40);
  int delivered = row_of(lines, "then delivered"), boarded = row_of(lines, "then boarded");
  int first = row_of(lines, "first reading");
  ASSERT_GE(delivered, 0);
  EXPECT_EQ(boarded, delivered + 1);
  EXPECT_EQ(first, boarded + 1);
}

TEST(ElevatorTopFrame, NoSnapshotShowsTheMessage) {
  FrameInput in{.source = "/r/proc/elevator", .message = {"The elevator module is not loaded", "Load it"}};
  in.events.push_back({1.0, {EventKind::Module, "module unloaded"}});
  auto lines = render_frame(in, 80, 24);
  int m = row_of(lines, "The elevator module is not loaded");
  ASSERT_GE(m, 0);
  ASSERT_FALSE(lines[static_cast<size_t>(m)].spans.empty());
  EXPECT_EQ(lines[static_cast<size_t>(m)].spans[0].style, Style::Warning);
  EXPECT_GE(row_of(lines, "module unloaded"), 0);
  EXPECT_LT(car_row(lines), 0);
}
