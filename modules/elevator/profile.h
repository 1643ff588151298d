// An elevator profile: the data that makes a course term's theme (floors,
// passenger types, capacity, timings, the words /proc uses). Pure code, shared
// by the elevator module and the offline simulator: no kernel calls, no
// locks, no I/O. A Profile is a plain value (fixed-size arrays, no heap).
//
// The file format (documented in README.md, "Elevator"): one `key = value`
// per line, `#` starts a comment, blank lines ignored.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace elevator {

/// Weights are fixed-point: thousandths of the profile's weight unit, so 0.5
/// and 1.5 are exact. 100 lbs = 100000.
using Milli = int64_t;
inline constexpr Milli kMilli = 1000;

inline constexpr int kMaxTypes = 16;      // passenger types per profile
inline constexpr int kMaxTypeNumber = 63; // type numbers are 0..63
inline constexpr int kMaxFloors = 1000;
inline constexpr int kWordSize = 32;      // names and words, NUL included

/// Where issue_request's three int arguments go.
enum class Arg : uint8_t { Start, Dest, Type };

/// How the car's capacity counts passengers.
enum class CapacityMode : uint8_t {
  Count,  // each passenger is one (dorm: 5 passengers)
  Units,  // each type has a number of units (hotel: bellhop = 2 units)
};

/// The /proc/elevator layout.
enum class Layout : uint8_t {
  Classic,  // the course's example (dorm, office, dogs)
  Hotel,    // plus "Next floor", load in both units, serviced per floor
};

struct PassengerType {
  int number = -1;                 // the issue_request type argument
  char letter = 0;                 // shown in /proc
  char name[kWordSize] = {};       // "freshman", "room service"
  Milli weight = 0;                // thousandths of the weight unit
  int units = 1;                   // capacity units (Units mode; 1 in Count mode)
};

struct Profile {
  char name[kWordSize] = {};             // "dorm"
  int floors = 0;                        // floors are 1..floors
  Arg args[3] = {Arg::Start, Arg::Dest, Arg::Type};  // issue_request(args[0], args[1], args[2])
  int type_count = 0;
  PassengerType types[kMaxTypes];        // in file order
  CapacityMode capacity_mode = CapacityMode::Count;
  int capacity = 0;                      // passengers (Count) or units (Units)
  Milli capacity_weight = 0;             // thousandths
  int64_t floor_time_ns = 0;             // moving one floor
  int64_t load_time_ns = 0;              // one stop
  char noun[kWordSize] = "passengers";   // "Number of passengers: ..." ("pets")
  char weight_unit[kWordSize] = "lbs";   // "Current load: 650 lbs"
  char units_word[kWordSize] = "passenger units";  // hotel: "3 passenger units"
  Layout layout = Layout::Classic;

  /// The type with this issue_request number, or nullptr.
  const PassengerType* type_by_number(int number) const;
  /// Index into types[] of the type with this number, or -1.
  int type_index(int number) const;
  /// The lightest type's weight (for View::full), 0 if there are no types.
  Milli lightest_weight() const;
  /// The smallest units of any type.
  int fewest_units() const;
};

/// The outcome of parse_profile: a profile, or an error message
/// `file:line: what is wrong`.
struct ProfileResult {
  bool ok = false;
  Profile profile;
  std::string error;
};

/**
 * parse_profile() - parse a profile file's text.
 * @text: the whole file.
 * @filename: used in error messages only.
 *
 * Every line is checked (unknown keys, bad numbers, duplicate keys or
 * types, a type that could never fit the car); the first problem is returned
 * as `filename:line: what is wrong`. A required key that never appears is
 * reported at the file's last line (`file:12: missing key 'floors'`).
 */
ProfileResult parse_profile(std::string_view text, std::string_view filename);

/// "650", "4.5", "0.25": a milli value without trailing zeros.
std::string format_milli(Milli value);

}  // namespace elevator
