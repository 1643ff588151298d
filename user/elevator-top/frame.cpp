// elevator-top: laying out one frame (see frame.h).
#include "user/elevator-top/frame.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace eltop {
namespace {

constexpr int kEventRowsWanted = 4;  // "Recent events" and three of them, when the height allows
constexpr int kMaxRowsPerFloor = 3;
constexpr int kServedColumnEnd = 78;  // hotel's "(serviced N)" end here, or at the edge if narrower

int digits(int64_t n) {
  int d = 1;
  for (; n >= 10; n /= 10) ++d;
  return d;
}

/// As many of `riders` as fit in `room` columns, then "+N" for the rest of
/// `total` (those not listed, in the file or here): "J4 J5 +3".
std::string fit_riders(const std::vector<Rider>& riders, int64_t total, size_t room) {
  std::string out;
  size_t n = 0;
  for (; n < riders.size(); ++n) {
    std::string token = riders[n].token();
    int64_t rest_after = total - static_cast<int64_t>(n + 1);
    size_t suffix = rest_after > 0 ? 2 + std::to_string(rest_after).size() : 0;
    if (out.size() + (out.empty() ? 0 : 1) + token.size() + suffix > room) break;
    out += (out.empty() ? "" : " ") + token;
  }
  int64_t rest = total - static_cast<int64_t>(n);
  if (rest > 0) out += (out.empty() ? "+" : " +") + std::to_string(rest);
  return out;
}

char car_glyph(const std::string& state) {
  if (state == "UP") return '^';
  if (state == "DOWN") return 'v';
  if (state == "LOADING") return '=';
  if (state == "IDLE") return ' ';
  if (state == "OFFLINE") return 'x';
  return '?';
}

Style event_style(EventKind k) {
  switch (k) {
    case EventKind::Started: return Style::Started;
    case EventKind::Stopped: return Style::Stopped;
    case EventKind::Boarded: return Style::Boarded;
    case EventKind::Delivered: return Style::Delivered;
    case EventKind::Requests: return Style::Requests;
    case EventKind::Module: return Style::Module;
  }
  return Style::Plain;
}

void title(std::vector<Line>& out, const FrameInput& in, int width) {
  Line l;
  if (in.live) {
    std::string left = " elevator-top  " + in.source;
    std::string right = "q: quit ";
    const size_t fits = static_cast<size_t>(std::max(0, width - static_cast<int>(right.size()) - 1));
    if (left.size() > fits && fits > 18) {  // the path's end tells the most: "...rt/proc/elevator"
      left = " elevator-top  ..." + in.source.substr(in.source.size() - std::min(in.source.size(), fits - 18));
    }
    int pad = std::max(1, width - static_cast<int>(left.size() + right.size()));
    l.add(left + std::string(static_cast<size_t>(pad), ' ') + right, Style::Title);
  } else {
    l.add("elevator-top: " + in.source, Style::Title);
  }
  out.push_back(std::move(l));
}

void header(std::vector<Line>& out, const Snapshot& s, int width) {
  Line st;
  st.add("State: ", Style::Label).add(s.state, s.state == "OFFLINE" ? Style::Dim : Style::CarFloor);
  st.add("   Floor: ", Style::Label).add(std::to_string(s.floor));
  if (s.moving()) st.add(" -> " + std::to_string(s.floor + s.direction()));
  if (s.has_next_floor)
    st.add("   Next floor: ", Style::Label).add(s.next_floor ? std::to_string(*s.next_floor) : "-");
  const std::string load_label = "Load: ";
  if (static_cast<int>(st.text.size() + 3 + load_label.size() + s.load.size()) <= width) {
    st.add("   " + load_label, Style::Label).add(s.load);
    out.push_back(std::move(st));
  } else {  // too narrow for one line: the load on a line of its own
    out.push_back(std::move(st));
    Line load;
    load.add(load_label, Style::Label).add(s.load);
    out.push_back(std::move(load));
  }

  std::string noun = s.noun.empty() ? "passengers" : s.noun;
  noun[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(noun[0])));
  Line counts;
  counts.add(noun + " aboard: ", Style::Label).add(std::to_string(s.aboard_count));
  counts.add("   waiting: ", Style::Label).add(std::to_string(s.waiting_count));
  counts.add("   serviced: ", Style::Label).add(std::to_string(s.serviced_count));
  out.push_back(std::move(counts));

  Line riding;
  riding.add("Riding: ", Style::Label);
  size_t room = static_cast<size_t>(std::max(0, width - 8));
  const int64_t riders = std::max<int64_t>(s.aboard_count, static_cast<int64_t>(s.aboard.size()));
  std::string who = fit_riders(s.aboard, riders, room);
  riding.add(who.empty() ? "nobody" : who, who.empty() ? Style::Dim : Style::Plain);
  out.push_back(std::move(riding));

  for (const auto& [key, value] : s.extra) {
    Line e;
    e.add(key + ": ", Style::Label).add(value);
    out.push_back(std::move(e));
  }
}

/// The shaft and the floors, in at most `avail` rows (0: no limit).
void building(std::vector<Line>& out, const Snapshot& s, double pos, int width, int avail) {
  const int top = s.top_floor();
  int hi = top, lo = 1, k = 1;
  if (avail <= 0) {
    k = 1;
  } else if (avail >= top) {
    k = top > 1 ? std::clamp((avail - 1) / (top - 1), 1, kMaxRowsPerFloor) : 1;
  } else {
    // Not even one row per floor: the floors around the car (and a line saying so).
    int n = std::max(1, avail - 1);
    int centre = std::clamp(static_cast<int>(std::lround(pos)), 1, top);
    hi = std::min(top, centre + n / 2);
    lo = std::max(1, hi - n + 1);
    hi = std::min(top, lo + n - 1);
  }
  const int rows = (hi - lo) * k + 1;
  // A moving car is drawn in the last row it has fully reached on its way,
  // so it shows at its destination only once the file says it is there.
  const double exact_row = (hi - pos) * k;
  const int dir = s.direction();
  const int reached = dir > 0 ? static_cast<int>(std::ceil(exact_row - 1e-9))
                      : dir < 0 ? static_cast<int>(std::floor(exact_row + 1e-9))
                                : static_cast<int>(std::lround(exact_row));
  const int car_row = std::clamp(reached, 0, rows - 1);
  const std::string car = fmt::format("[{}{:>3}]", car_glyph(s.state), s.aboard_count);
  const std::string empty_shaft(car.size(), ' ');
  const int label_w = digits(top);
  int64_t most_waiting = 0;
  for (const auto& f : s.floors) most_waiting = std::max(most_waiting, f.waiting);
  const int count_w = digits(most_waiting);

  for (int r = 0; r < rows; ++r) {
    Line l;
    const bool level = r % k == 0;
    const int f = hi - r / k;
    const FloorLine* fl = level ? s.floor_line(f) : nullptr;
    const bool car_floor = fl && (fl->car_here || f == s.floor);
    if (level) l.add(fmt::format("{:>{}}", f, label_w), car_floor ? Style::CarFloor : Style::Label);
    else l.add(std::string(static_cast<size_t>(label_w), ' '));
    l.add(" |");
    if (r == car_row) l.add(car, Style::Car);
    else l.add(empty_shaft);
    l.add("|");
    if (fl) {
      l.add(s.next_floor && *s.next_floor == f ? "< " : "  ", Style::CarFloor);
      l.add(fmt::format("{:>{}}", fl->waiting, count_w), fl->waiting ? Style::Plain : Style::Dim);
      std::string served = fl->serviced ? fmt::format("  (serviced {})", *fl->serviced) : "";
      int room = width - static_cast<int>(l.text.size()) - 1 - static_cast<int>(served.size());
      if (fl->waiting > 0 && room < 8) {  // who waits matters more than hotel's tally
        room += static_cast<int>(served.size());
        served.clear();
      }
      if (fl->waiting > 0 && room > 0) l.add(" " + fit_riders(fl->shown, fl->waiting, static_cast<size_t>(room)));
      if (!served.empty()) {  // right-aligned, so the tallies form a column near the lists
        int pad = std::min(width, kServedColumnEnd) - static_cast<int>(l.text.size() + served.size());
        l.add(std::string(static_cast<size_t>(std::max(0, pad)), ' ') + served, Style::Dim);
      }
    }
    out.push_back(std::move(l));
  }
  if (lo > 1 || hi < top) {
    Line more;
    more.add(fmt::format("(floors {}-{} of 1-{}; a taller terminal shows all)", lo, hi, top), Style::Dim);
    out.push_back(std::move(more));
  }
}

/// The newest events first, in `rows` rows (-1: all of them; too few rows: none).
void events(std::vector<Line>& out, const std::vector<TimedEvent>& ev, int rows, bool live) {
  if ((ev.empty() && !live) || (rows >= 0 && rows < 3)) return;
  out.push_back(Line{});
  Line head;
  head.add("Recent events", Style::Label);
  out.push_back(std::move(head));
  if (ev.empty()) {
    Line none;
    none.add("  none yet", Style::Dim);
    out.push_back(std::move(none));
  }
  // Newest reading first; the events of one reading in the order they happened.
  int n = 0;
  size_t end = ev.size();
  while (end > 0 && (rows < 0 || n < rows - 2)) {
    size_t begin = end - 1;
    while (begin > 0 && ev[begin - 1].at == ev[end - 1].at) --begin;
    for (size_t i = begin; i < end && (rows < 0 || n < rows - 2); ++i, ++n) {
      Line l;
      l.add(fmt::format("{:>7.1f}s  ", ev[i].at), Style::Dim).add(ev[i].event.text, event_style(ev[i].event.kind));
      out.push_back(std::move(l));
    }
    end = begin;
  }
}

/// Rows still free under `height` (-1: no limit).
int rows_left(const std::vector<Line>& out, int height) {
  return height > 0 ? std::max(0, height - static_cast<int>(out.size())) : -1;
}

void clip(std::vector<Line>& lines, int width, int height) {
  if (height > 0 && static_cast<int>(lines.size()) > height) lines.resize(static_cast<size_t>(height));
  for (auto& l : lines) {
    if (static_cast<int>(l.text.size()) <= width) continue;
    l.text.resize(static_cast<size_t>(std::max(0, width)));
    std::vector<Span> kept;
    for (auto sp : l.spans) {
      if (sp.col >= width) continue;
      sp.len = std::min(sp.len, width - sp.col);
      kept.push_back(sp);
    }
    l.spans = std::move(kept);
  }
}

}  // namespace

Line& Line::add(std::string_view s, Style style) {
  if (style != Style::Plain && !s.empty())
    spans.push_back({static_cast<int>(text.size()), static_cast<int>(s.size()), style});
  text += s;
  return *this;
}

std::vector<Line> render_frame(const FrameInput& in, int width, int height) {
  std::vector<Line> out;
  title(out, in, width);
  out.push_back(Line{});
  if (!in.snapshot) {
    for (size_t i = 0; i < in.message.size(); ++i) {
      Line l;
      l.add(in.message[i], i == 0 ? Style::Warning : Style::Plain);
      out.push_back(std::move(l));
    }
    events(out, in.events, rows_left(out, height), in.live);
    clip(out, width, height);
    return out;
  }
  const Snapshot& s = *in.snapshot;
  header(out, s, width);
  out.push_back(Line{});
  const double pos = in.car_position > 0 ? in.car_position : s.floor;
  int avail = 0;  // rows for the building: all but the events' share, unless the floors need them
  if (height > 0) {
    int left = rows_left(out, height);
    int for_events = kEventRowsWanted + 1;
    avail = std::max(1, left - for_events >= s.top_floor() ? left - for_events : left);
  }
  building(out, s, pos, width, avail);
  events(out, in.events, rows_left(out, height), in.live);
  clip(out, width, height);
  return out;
}

std::string frame_text(const std::vector<Line>& lines) {
  std::string out;
  for (const auto& l : lines) {
    size_t end = l.text.find_last_not_of(' ');
    out += end == std::string::npos ? "" : l.text.substr(0, end + 1);
    out += '\n';
  }
  return out;
}

}  // namespace eltop
