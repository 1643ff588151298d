// elevator-top: where to draw the car between two readings.
//
// /proc/elevator says "UP, floor 4" for the whole time the car travels from
// 4 to 5 (the floor changes on arrival). The view draws it part of the way
// there: the share of a floor's travel time that has passed since the move
// began. That travel time (the profile's floor_time over the kernel's time
// scale) is not in the file, so it is measured: the time from one observed
// move's start to its end, averaged. Pure code: the caller passes the time.
#pragma once
#include "user/elevator-top/snapshot.h"

namespace eltop {

class CarMotion {
 public:
  /// Takes a reading made at `now` (seconds on a monotonic clock).
  void observe(const Snapshot& s, double now);
  /// The car's position in floors (4.0 at floor 4, 4.5 halfway to 5).
  double position(double now) const;
  /// The measured time of one floor's travel, 0 until one was seen.
  double floor_time() const { return floor_time_; }
  /// Forgets everything (the module went away).
  void reset() { *this = CarMotion(); }

 private:
  void end_move(int floor_now, double at);

  bool have_reading_ = false;
  double last_read_ = 0;
  int floor_ = 0;
  bool moving_ = false;
  int move_from_ = 0, move_dir_ = 0;
  double move_start_ = 0;        // estimated: halfway between the readings around it
  bool move_start_known_ = false;  // false when the first reading already showed it moving
  double floor_time_ = 0;
};

}  // namespace eltop
