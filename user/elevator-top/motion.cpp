// elevator-top: the car's drawn position (see motion.h).
#include "user/elevator-top/motion.h"

#include <algorithm>

namespace eltop {

void CarMotion::end_move(int floor_now, double at) {
  // A move we saw begin, ending where it was headed: one travel time measured.
  if (move_start_known_ && floor_now == move_from_ + move_dir_) {
    double sample = at - move_start_;
    if (sample > 0) floor_time_ = floor_time_ == 0 ? sample : 0.7 * floor_time_ + 0.3 * sample;
  }
  moving_ = false;
}

void CarMotion::observe(const Snapshot& s, double now) {
  // Whatever changed did so between the previous reading and this one.
  const double when = have_reading_ ? (last_read_ + now) / 2 : now;
  const int dir = s.direction();
  if (s.moving()) {
    if (!moving_ || s.floor != move_from_ || dir != move_dir_) {
      if (moving_) end_move(s.floor, when);
      moving_ = true;
      move_from_ = s.floor;
      move_dir_ = dir;
      move_start_ = when;
      move_start_known_ = have_reading_;
    }
  } else if (moving_) {
    end_move(s.floor, when);
  }
  floor_ = s.floor;
  last_read_ = now;
  have_reading_ = true;
}

double CarMotion::position(double now) const {
  if (!moving_) return floor_;
  // Without a measured travel time yet: halfway, so it reads as "between".
  double share = floor_time_ > 0 ? std::clamp((now - move_start_) / floor_time_, 0.0, 0.95) : 0.5;
  return move_from_ + move_dir_ * share;
}

}  // namespace eltop
