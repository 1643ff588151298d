#include "kernel/debug/sysrq.h"

#include <dirent.h>

#include <fstream>
#include <map>

#include <fmt/format.h>

#include "kernel/ctl/server.h"
#include "kernel/debug/report_text.h"
#include "kernel/debug/stack_of.h"
#include "kernel/entry/listener.h"
#include "kernel/locking/lockdep_internal.h"
#include "kernel/sched/thread_state.h"

namespace ukern {
namespace {

std::vector<pid_t> own_threads() {
  std::vector<pid_t> out;
  if (DIR* d = opendir("/proc/self/task")) {
    while (dirent* e = readdir(d))
      if (e->d_name[0] != '.') out.push_back(static_cast<pid_t>(std::stol(e->d_name)));
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// comm and the host's one-letter state of one of our threads.
std::pair<std::string, char> host_info(pid_t tid) {
  std::string base = "/proc/self/task/" + std::to_string(tid);
  std::string comm, stat;
  std::getline(std::ifstream(base + "/comm"), comm);
  std::getline(std::ifstream(base + "/stat"), stat);
  size_t rp = stat.rfind(')');
  char state = rp != std::string::npos && rp + 2 < stat.size() ? stat[rp + 2] : '?';
  return {comm, state};
}

std::string task_header(pid_t tid, const std::string& name, const std::string& state, const ThreadSnapshot* s) {
  std::string h = fmt::format("task:{:<15} state:{} pid:{}", name, state, tid);
  if (s && s->state != SleepState::Running) h += fmt::format(" in {} for {:.3f}s", s->what, s->sleeping_ns / 1e9);
  if (s && !s->task.empty()) h += " (" + s->task + ")";
  return h + "\n";
}

std::string show_state(bool blocked_only) {
  std::map<pid_t, ThreadSnapshot> known;
  for (auto& s : thread_snapshots()) known[s.tid] = s;
  std::string out = blocked_only ? "sysrq: Show Blocked State\n" : "sysrq: Show State\n";
  int shown = 0;
  for (pid_t tid : own_threads()) {
    auto it = known.find(tid);
    const ThreadSnapshot* s = it == known.end() ? nullptr : &it->second;
    if (blocked_only && (s == nullptr || s->state != SleepState::Uninterruptible)) continue;
    auto [comm, host_state] = host_info(tid);
    std::string state = s && s->state != SleepState::Running ? sleep_state_text(s->state) : std::string(1, host_state);
    out += task_header(tid, comm, state, s);
    out += "Call Trace:\n" + stack_of(tid, 200, " ");
    ++shown;
  }
  if (blocked_only && shown == 0) out += "(no blocked tasks)\n";
  if (!blocked_only) {
    out += "\nsystem calls in flight:\n";
    auto calls = listener_inflight();
    for (auto& c : calls)
      out += fmt::format(" pid {} tid {} ({}) syscall {} for {:.3f}s\n", c.pid, c.tid, c.comm, c.nr,
                         c.elapsed_ns / 1e9);
    if (calls.empty()) out += " (none)\n";
  }
  return out;
}

int cmd_sysrq(CtlContext& c) {
  const auto& argv = c.argv();
  if (argv.size() != 2 || argv[1].size() != 1) {
    c.err("usage: ukern sysrq t|w|l|m\n");
    return 2;
  }
  if (!c.require_privileged()) return 1;
  std::string text = sysrq_handle(argv[1][0]);
  if (text.empty()) {
    c.errf("ukern: sysrq: unknown key '{}' (t, w, l, m)\n", argv[1]);
    return 2;
  }
  c.out(text);
  return 0;
}

}  // namespace

std::string sysrq_handle(char key) {
  std::string text;
  switch (key) {
    case 't': text = show_state(false); break;
    case 'w': text = show_state(true); break;
    case 'l': text = "sysrq: Show Locks Held\n" + lockdep_held_locks_report(); break;
    case 'm': text = "sysrq: Show Memory\n" + sysrq_memory_report(); break;
    default: return "";
  }
  log_report(6, text);
  return text;
}

__attribute__((weak)) std::string sysrq_memory_report() {
  return "(memory accounting is not built into this kernel)\n";
}

UKERN_CTL_COMMAND("sysrq", cmd_sysrq);

}  // namespace ukern
