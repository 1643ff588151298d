// elevator-top: one reading of /proc/elevator, parsed.
//
// Pure code (no I/O): the text in, a Snapshot or an error naming the line
// out. Everything the view shows is found in the text itself: the number of
// floors, the type letters, the noun ("passengers", "pets"), the load's
// wording, hotel's "Next floor" and per-floor "(serviced N)", and a floor's
// "... (N more)".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eltop {

/// A passenger as /proc prints it: type letter(s), then destination floor ("S4").
struct Rider {
  std::string letter;
  int dest = 0;
  std::string token() const { return letter + std::to_string(dest); }
  bool operator==(const Rider&) const = default;
};

/// One "[*] Floor N: count riders... [... (M more)] [(serviced K)]" line.
struct FloorLine {
  int number = 0;
  bool car_here = false;        // "[*]"
  int64_t waiting = 0;          // the exact count
  std::vector<Rider> shown;     // the first ones, in arrival order
  int64_t more = 0;             // "... (M more)"
  std::optional<int64_t> serviced;  // hotel: "(serviced K)"
};

struct Snapshot {
  std::string state;            // OFFLINE, IDLE, LOADING, UP, DOWN (as printed)
  int floor = 0;                // "Current floor"
  bool has_next_floor = false;  // hotel prints "Next floor:"
  std::optional<int> next_floor;  // empty for "Next floor: -"
  std::string load;             // "650 lbs", "3 passenger units, 2.5 weight units"
  std::vector<Rider> aboard;    // "Elevator status:", in boarding order
  std::vector<std::pair<std::string, std::string>> extra;  // header lines this parser does not know
  std::vector<FloorLine> floors;  // as printed: top floor first
  std::string noun;             // "passengers", "pets"
  int64_t aboard_count = 0, waiting_count = 0, serviced_count = 0;

  int top_floor() const { return floors.empty() ? 0 : floors.front().number; }
  /// The line of floor `n` (1..top_floor()), or nullptr.
  const FloorLine* floor_line(int n) const;
  bool moving() const { return state == "UP" || state == "DOWN"; }
  /// +1 going up, -1 going down, 0 otherwise.
  int direction() const { return state == "UP" ? 1 : state == "DOWN" ? -1 : 0; }
};

struct ParseError {
  int line = 0;  // 1-based; 0 for the file as a whole
  std::string what;
  std::string message() const;  // "line 3: what"
};

struct ParseResult {
  std::optional<Snapshot> snapshot;
  ParseError error;  // meaningful when !snapshot
  explicit operator bool() const { return snapshot.has_value(); }
};

/// parse_snapshot() - parses the whole text of /proc/elevator.
///
/// Accepts the classic layout (dorm, office, dogs) and hotel's, and keeps
/// header lines of the form "Key: value" it does not know in `extra`. A
/// text that is cut short (no floor 1, no count lines), garbage, or a line
/// that does not fit the layout gives an error naming the line.
ParseResult parse_snapshot(std::string_view text);

/// Parses "S4" into a Rider (letters then digits, both non-empty).
std::optional<Rider> parse_rider(std::string_view token);

}  // namespace eltop
