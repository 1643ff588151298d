// elevator-top: one frame of the view, as lines of text with styled spans.
//
// Pure code: the curses loop paints these lines with attributes, `--once`
// prints their text. Everything fits the given width; the building gets
// 1 to 3 rows per floor as the height allows (more rows: smoother motion),
// and a window of floors around the car when even one row each does not fit.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "user/elevator-top/events.h"
#include "user/elevator-top/snapshot.h"

namespace eltop {

enum class Style : uint8_t {
  Plain, Title, Label, Car, CarFloor, Dim, Warning,
  Started, Stopped, Boarded, Delivered, Requests, Module,
};

struct Span {
  int col;
  int len;
  Style style;
};

struct Line {
  std::string text;
  std::vector<Span> spans;
  /// Appends `s` drawn in `style`.
  Line& add(std::string_view s, Style style = Style::Plain);
};

struct TimedEvent {
  double at;  // seconds since the view started
  Event event;
};

struct FrameInput {
  const Snapshot* snapshot = nullptr;  // nullptr: nothing to show (see message)
  double car_position = 0;             // in floors; 0: at snapshot->floor
  std::string source;                  // the file read
  std::vector<std::string> message;    // why there is no snapshot (first line in Warning style)
  std::vector<TimedEvent> events;      // oldest first
  bool live = true;                    // the interactive view (title bar, "q quits")
};

/// render_frame() - the frame for a terminal of `width` x `height`
/// (`height` 0: as tall as the building needs, for --once).
std::vector<Line> render_frame(const FrameInput& in, int width, int height);

/// The frame's text, one '\n' per line, trailing spaces trimmed.
std::string frame_text(const std::vector<Line>& lines);

}  // namespace eltop
