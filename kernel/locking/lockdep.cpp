#include "kernel/locking/lockdep_internal.h"

#include <execinfo.h>

#include <algorithm>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "kernel/debug/report_text.h"
#include "kernel/debug/symbolize.h"
#include "kernel/sched/clock.h"
#include "kernel/sched/thread_state.h"
#include "ukern/lockdep.h"
#include "ukern/printk.h"

namespace ukern {
namespace {

struct Frames {
  void* pc[24];
  int n = 0;
  std::string task;  // "name/tid" of the thread that recorded them
};

struct EdgeInfo {
  Frames frames;  // where `to` was taken while `from` was held
};

// Everything below is guarded by g_mu.
std::mutex g_mu;
std::vector<std::string> g_class_names;  // id-1 -> name
std::unordered_map<std::string, int> g_class_ids;
std::unordered_map<int, std::unordered_set<int>> g_edges;  // from -> to
std::unordered_map<uint64_t, EdgeInfo> g_edge_info;
std::set<std::pair<int, int>> g_reported;
LockdepStats g_stats{};

uint64_t edge_key(int from, int to) { return (uint64_t(uint32_t(from)) << 32) | uint32_t(to); }

std::string task_label() {
  Task& t = current();
  return fmt::format("{}/{}", t.comm(), t.is_kthread() ? gettid() : t.tid());
}

Frames capture(int skip) {
  Frames f;
  void* pc[32];
  int n = backtrace(pc, 32);
  for (int i = skip; i < n && f.n < 24; ++i) f.pc[f.n++] = pc[i];
  f.task = task_label();
  return f;
}

std::string format(const Frames& f) { return format_frames(f.pc, f.n, "       "); }

int class_of(detail::LockdepMap& m) {
  int c = m.cls.load(std::memory_order_acquire);
  if (c != 0) return c;
  std::string key = fmt::format("{}@{}:{}", m.name ? m.name : "?", m.file ? m.file : "?", m.line);
  std::lock_guard g(g_mu);
  auto [it, added] = g_class_ids.emplace(key, static_cast<int>(g_class_names.size()) + 1);
  if (added) {
    g_class_names.push_back(m.name ? m.name : "?");
    ++g_stats.classes;
  }
  m.cls.store(it->second, std::memory_order_release);
  return it->second;
}

const std::string& class_name_locked(int c) { return g_class_names.at(static_cast<size_t>(c - 1)); }

// A path from -> ... -> to in the graph (classes, from first), or empty. g_mu held.
std::vector<int> find_path_locked(int from, int to) {
  std::unordered_map<int, int> parent{{from, 0}};
  std::vector<int> stack{from};
  while (!stack.empty()) {
    int n = stack.back();
    stack.pop_back();
    auto it = g_edges.find(n);
    if (it == g_edges.end()) continue;
    for (int next : it->second) {
      if (parent.count(next)) continue;
      parent[next] = n;
      if (next == to) {
        std::vector<int> path{to};
        for (int p = n; p != 0; p = parent[p]) path.push_back(p);
        std::reverse(path.begin(), path.end());
        return path;
      }
      stack.push_back(next);
    }
  }
  return {};
}

struct CircularReport {
  std::string held, wanted, chain;
};

void print_circular(const CircularReport& r, const Frames& now) {
  std::string s;
  s += "======================================================\n";
  s += "WARNING: possible circular locking dependency detected\n";
  s += "------------------------------------------------------\n";
  s += fmt::format("{} is trying to acquire lock:\n ({})\n\n", now.task, r.wanted);
  s += fmt::format("but task is already holding lock:\n ({})\n\n", r.held);
  s += "which lock already depends on the new lock.\n\n";
  s += "the existing dependency chain (in reverse order) is:\n";
  s += r.chain;
  s += fmt::format("\n-> #0 ({}): now, by {}\n{}\n", r.wanted, now.task, format(now));
  s += "other info that might help us debug this:\n\n";
  s += " Possible unsafe locking scenario:\n\n";
  s += "       CPU0                    CPU1\n";
  s += "       ----                    ----\n";
  s += fmt::format("  lock({});\n", r.held);
  s += fmt::format("                               lock({});\n", r.wanted);
  s += fmt::format("                               lock({});\n", r.held);
  s += fmt::format("  lock({});\n\n", r.wanted);
  s += " *** DEADLOCK ***\n";
  log_report(4, s);
}

}  // namespace

namespace detail {

void lockdep_acquire(LockdepMap& map, const void* lock, LockKind kind, bool trylock) {
  ThreadState& ts = this_thread_state();
  int c = class_of(map);
  if (!trylock) {
    if (kind == LockKind::Mutex) lockdep_might_sleep(map.file, map.line);
    for (const HeldLock& h : ts.held) {
      if (h.lock == lock) {
        {
          std::lock_guard g(g_mu);
          ++g_stats.recursive_reports;
        }
        Frames now = capture(2);
        log_report(4, fmt::format("============================================\n"
                              "WARNING: possible recursive locking detected\n"
                              "--------------------------------------------\n"
                              "{} is trying to acquire lock:\n ({})\nbut task is already holding lock:\n ({})\n\n"
                              " *** DEADLOCK ***\n\nCall Trace:\n{}",
                              now.task, map.name, map.name, format(now)));
        break;
      }
    }
    // Edges held -> new, each checked for a cycle the first time it is seen.
    std::vector<int> held_classes;
    for (const HeldLock& h : ts.held)
      if (h.cls != c && std::find(held_classes.begin(), held_classes.end(), h.cls) == held_classes.end())
        held_classes.push_back(h.cls);
    if (!held_classes.empty()) {
      std::vector<CircularReport> reports;
      std::vector<int> new_edges;
      {
        std::lock_guard g(g_mu);
        for (int h : held_classes) {
          auto& out = g_edges[h];
          if (out.count(c)) continue;
          std::vector<int> path = find_path_locked(c, h);  // c -> ... -> h already known?
          if (!path.empty() && g_reported.insert({std::min(c, h), std::max(c, h)}).second) {
            CircularReport r{class_name_locked(h), class_name_locked(c), ""};
            // Print the recorded edges of the path, last first (reverse order).
            int num = static_cast<int>(path.size()) - 1;
            for (size_t i = path.size() - 1; i > 0; --i, --num) {
              auto& info = g_edge_info[edge_key(path[i - 1], path[i])];
              r.chain += fmt::format("\n-> #{} ({}): taken while holding ({}), by {} at:\n{}", num,
                                     class_name_locked(path[i]), class_name_locked(path[i - 1]),
                                     info.frames.task, format(info.frames));
            }
            reports.push_back(std::move(r));
            ++g_stats.circular_reports;
          }
          out.insert(c);
          ++g_stats.edges;
          new_edges.push_back(h);
        }
      }
      if (!new_edges.empty()) {
        Frames now = capture(2);
        {
          std::lock_guard g(g_mu);
          for (int h : new_edges) g_edge_info[edge_key(h, c)].frames = now;
        }
        for (auto& r : reports) print_circular(r, now);
      }
    }
  }
  HeldLock h{};
  h.lock = lock;
  h.cls = c;
  h.kind = kind;
  h.since_ns = clock_now_ns();
  std::lock_guard g(ts.mu);
  ts.held.push_back(h);
}

bool lockdep_release(LockdepMap& map, const void* lock, LockKind) {
  ThreadState& ts = this_thread_state();
  {
    std::lock_guard g(ts.mu);
    for (size_t i = ts.held.size(); i-- > 0;) {
      if (ts.held[i].lock == lock) {
        ts.held.erase(ts.held.begin() + static_cast<long>(i));
        return true;
      }
    }
  }
  {
    std::lock_guard g(g_mu);
    ++g_stats.bad_unlock_reports;
  }
  Frames now = capture(2);
  log_report(4, fmt::format("=====================================\n"
                            "WARNING: bad unlock balance detected!\n"
                            "-------------------------------------\n"
                            "{} is trying to release lock ({}) at:\n{}but there are no more locks to release!\n",
                            now.task, map.name, format(now)));
  return false;
}

}  // namespace detail

void lockdep_might_sleep(const char* file, int line) {
  ThreadState& ts = this_thread_state();
  if (ts.spin_depth <= 0) return;
  std::string held;
  {
    std::lock_guard g(g_mu);
    ++g_stats.sleep_reports;
    for (const HeldLock& h : ts.held)
      if (h.kind == detail::LockKind::Spin) held += fmt::format(" ({})", class_name_locked(h.cls));
  }
  static RateLimit limit(5000, 10);
  if (!limit.allow()) return;
  Frames now = capture(2);
  log_report(3, fmt::format("BUG: sleeping function called from invalid context at {}:{}\n"
                            "in_atomic(): 1 (spinlock held or timer callback), depth: {}, pid: {}, name: {}\n"
                            "locks held:{}\nCall Trace:\n{}",
                            file ? file : "?", line, ts.spin_depth, gettid(), current().comm(), held,
                            format(now)));
}

std::string lockdep_held_locks_report() {
  std::string out = "\nShowing all locks held in the system:\n";
  int64_t now = clock_now_ns();
  int total = 0;
  for (auto& t : thread_snapshots()) {
    if (t.held.empty()) continue;
    out += fmt::format("{} lock{} held by {}/{}{}:\n", t.held.size(), t.held.size() == 1 ? "" : "s", t.name, t.tid,
                       t.task.empty() ? "" : " (" + t.task + ")");
    std::lock_guard g(g_mu);
    for (size_t i = 0; i < t.held.size(); ++i) {
      const HeldLock& h = t.held[i];
      out += fmt::format(" #{}: ({}) [{}], held for {:.3f}s\n", i, class_name_locked(h.cls),
                         h.kind == detail::LockKind::Spin ? "spinlock" : "mutex", (now - h.since_ns) / 1e9);
    }
    total += static_cast<int>(t.held.size());
  }
  if (total == 0) out += "(none)\n";
  out += "\n=============================================\n";
  return out;
}

LockdepStats lockdep_stats() {
  std::lock_guard g(g_mu);
  return g_stats;
}

}  // namespace ukern
