// elevator-top: a live view of the building, read from /proc/elevator.
//
//   elevator-top [--runtime-dir DIR | --file PATH] [--interval MS] [--duration S]
//   elevator-top --once [--width N]      one frame as plain text
//
// The file is read several times a second (one snapshot per open, so a
// reading is always consistent); the car is drawn between floors while it
// moves (motion.h); events are inferred from consecutive readings
// (events.h). When the file is missing (the module not loaded, unloaded, or
// no kernel) the view says so and keeps trying.
#include <curses.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "kernel/ctl/runtime_dir.h"
#include "user/elevator-top/events.h"
#include "user/elevator-top/frame.h"
#include "user/elevator-top/motion.h"
#include "user/elevator-top/snapshot.h"

namespace {

using namespace eltop;

constexpr size_t kEventsKept = 200;
volatile sig_atomic_t g_stop = 0;

double monotonic_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

/// The whole file, or the errno of the first failure.
struct Reading {
  std::string text;
  int error = 0;
};

Reading read_whole(const std::string& path) {
  Reading r;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {"", errno};
  char buf[16384];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      r.error = errno;
      break;
    }
    if (n == 0) break;
    r.text.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return r;
}

/// Where the file is, and how to explain its absence.
struct Source {
  std::string path;
  std::string runtime_dir;  // empty with --file
};

std::vector<std::string> why_missing(const Source& src, int error, bool was_there) {
  const std::string err = std::strerror(error);
  if (src.runtime_dir.empty()) return {src.path + ": " + err};
  if (error == ENOENT || error == EIO) {
    if (access((src.runtime_dir + "/proc/modules").c_str(), R_OK) != 0)
      return {"No ukern kernel is running in " + src.runtime_dir + " (no " + src.runtime_dir + "/proc).",
              "Start one with: ukern up; then: ukern insmod elevator"};
    return {was_there ? "The elevator module was unloaded: " + src.path + " is gone."
                      : "The elevator module is not loaded: there is no " + src.path + ".",
            "Load it with: ukern insmod elevator"};
  }
  return {src.path + ": " + err};
}

/// The view's state across readings.
class Watcher {
 public:
  Watcher(Source src, double start) : src_(std::move(src)), start_(start) {}

  /// Reads the file once (at `now`) and updates the snapshot, the car's
  /// motion, the events and the message.
  void poll(double now) {
    Reading r = read_whole(src_.path);
    if (r.error) {
      if (present_) note(now, EventKind::Module, "module unloaded (" + src_.path + " gone)");
      message_ = why_missing(src_, r.error, ever_present_);
      present_ = false;
      had_gone_ = true;
      forget();
      return;
    }
    present_ = ever_present_ = true;
    ParseResult p = parse_snapshot(r.text);
    if (!p) {
      message_ = {"Cannot make sense of " + src_.path + ": " + p.error.message()};
      forget();
      return;
    }
    if (snapshot_) {
      for (auto& e : infer_events(*snapshot_, *p.snapshot)) note(now, e.kind, std::move(e.text));
    } else if (had_gone_) {
      note(now, EventKind::Module, "module loaded (" + p.snapshot->state + ")");
    }
    motion_.observe(*p.snapshot, now);
    snapshot_ = std::move(p.snapshot);
    message_.clear();
    had_gone_ = false;
  }

  FrameInput frame(double now, bool live) const {
    FrameInput in;
    in.snapshot = snapshot_ ? &*snapshot_ : nullptr;
    in.car_position = snapshot_ ? motion_.position(now) : 0;
    in.source = src_.path;
    in.message = message_;
    if (live && !message_.empty()) in.message.push_back("elevator-top keeps looking and resumes by itself; q quits.");
    in.events = events_;
    in.live = live;
    return in;
  }

 private:
  void forget() {
    snapshot_.reset();
    motion_.reset();
  }
  void note(double now, EventKind kind, std::string text) {
    events_.push_back({now - start_, {kind, std::move(text)}});
    if (events_.size() > kEventsKept) events_.erase(events_.begin());
  }

  Source src_;
  double start_;
  std::optional<Snapshot> snapshot_;
  CarMotion motion_;
  std::vector<TimedEvent> events_;
  std::vector<std::string> message_;
  bool present_ = false;       // the last reading found the file
  bool ever_present_ = false;  // some reading did
  bool had_gone_ = false;      // the file was missing since the last good reading
};

// ---- curses ----

void init_colors() {
  if (!has_colors()) return;
  start_color();
  use_default_colors();
  init_pair(1, COLOR_CYAN, -1);
  init_pair(2, COLOR_YELLOW, -1);
  init_pair(3, COLOR_GREEN, -1);
  init_pair(4, COLOR_RED, -1);
  init_pair(5, COLOR_MAGENTA, -1);
  init_pair(6, COLOR_BLACK, COLOR_YELLOW);
}

attr_t attr_of(Style s) {
  const bool c = has_colors();
  switch (s) {
    case Style::Plain: return A_NORMAL;
    case Style::Title: return A_REVERSE | A_BOLD;
    case Style::Label: return c ? COLOR_PAIR(1) : A_NORMAL;
    case Style::Car: return A_BOLD | (c ? COLOR_PAIR(6) : A_REVERSE);
    case Style::CarFloor: return A_BOLD;
    case Style::Dim: return A_DIM;
    case Style::Warning: return A_BOLD | (c ? COLOR_PAIR(4) : A_NORMAL);
    case Style::Started: return A_BOLD | (c ? COLOR_PAIR(3) : A_NORMAL);
    case Style::Stopped: return A_BOLD | (c ? COLOR_PAIR(4) : A_NORMAL);
    case Style::Boarded: return c ? COLOR_PAIR(2) : A_NORMAL;
    case Style::Delivered: return c ? COLOR_PAIR(3) : A_NORMAL;
    case Style::Requests: return A_DIM;
    case Style::Module: return A_BOLD | (c ? COLOR_PAIR(5) : A_NORMAL);
  }
  return A_NORMAL;
}

void draw(const std::vector<Line>& lines) {
  erase();
  for (size_t y = 0; y < lines.size(); ++y) {
    const Line& l = lines[y];
    int x = 0;
    move(static_cast<int>(y), 0);
    for (const Span& sp : l.spans) {
      if (sp.col > x) addnstr(l.text.data() + x, sp.col - x);
      attron(attr_of(sp.style));
      addnstr(l.text.data() + sp.col, sp.len);
      attroff(attr_of(sp.style));
      x = sp.col + sp.len;
    }
    if (x < static_cast<int>(l.text.size())) addnstr(l.text.data() + x, static_cast<int>(l.text.size()) - x);
  }
  refresh();
}

void on_signal(int) { g_stop = 1; }

int run_live(Watcher& w, int interval_ms, double duration_s) {
  struct sigaction sa {};
  sa.sa_handler = on_signal;  // no SA_RESTART: getch() returns at once
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGHUP, &sa, nullptr);

  initscr();
  cbreak();
  noecho();
  keypad(stdscr, TRUE);
  curs_set(0);
  init_colors();
  timeout(40);  // about 25 frames a second: the car glides between readings

  const double start = monotonic_seconds();
  double next_read = start;
  while (!g_stop) {
    const double now = monotonic_seconds();
    if (duration_s > 0 && now - start >= duration_s) break;
    if (now >= next_read) {
      w.poll(now);
      next_read = now + interval_ms / 1000.0;
    }
    draw(render_frame(w.frame(now, true), COLS, LINES));
    int ch = getch();
    if (ch == 'q' || ch == 'Q') break;
    // KEY_RESIZE: ncurses has updated LINES and COLS; the next frame uses them.
  }
  endwin();
  return 0;
}

int terminal_width() {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* c = std::getenv("COLUMNS"); c && std::atoi(c) > 0) return std::atoi(c);
  return 80;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"elevator-top: a live view of the ukern elevator (/proc/elevator). Keys: q quits."};
  std::string runtime_dir, file;
  bool once = false;
  int interval_ms = 100, width = 0;
  double duration_s = 0;
  app.add_option("--runtime-dir", runtime_dir,
                 "the kernel's runtime dir (default: $UKERN_RUNTIME_DIR, as the ukern command)");
  app.add_option("--file", file, "read this file instead of RUNTIME_DIR/proc/elevator");
  app.add_flag("--once", once, "print one frame as plain text and exit (no curses)");
  app.add_option("--width", width, "--once: the frame's width (default: the terminal's, or 80)")
      ->check(CLI::Range(20, 1000));
  app.add_option("--interval", interval_ms, "milliseconds between readings (default 100)")
      ->check(CLI::Range(10, 10000));
  app.add_option("--duration", duration_s, "quit after this many seconds (default: at q)")
      ->check(CLI::NonNegativeNumber);
  CLI11_PARSE(app, argc, argv);

  Source src;
  if (!file.empty()) {
    src.path = file;
  } else {
    src.runtime_dir = ukern::resolve_runtime_dir(runtime_dir);
    src.path = src.runtime_dir + "/proc/elevator";
  }
  const double start = monotonic_seconds();
  Watcher w(src, start);

  if (once) {
    w.poll(start);
    FrameInput in = w.frame(start, false);
    if (!in.snapshot) {
      for (size_t i = 0; i < in.message.size(); ++i)
        std::fprintf(stderr, "%s%s\n", i == 0 ? "elevator-top: " : "", in.message[i].c_str());
      return 1;
    }
    std::fputs(frame_text(render_frame(in, width ? width : terminal_width(), 0)).c_str(), stdout);
    return 0;
  }
  if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
    std::fprintf(stderr, "elevator-top: the live view needs a terminal; --once prints one frame as text\n");
    return 2;
  }
  return run_live(w, interval_ms, duration_s);
}
