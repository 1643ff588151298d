// `ukern ps`: kernel threads, then the system calls being served.
#include <map>

#include <fmt/format.h>

#include "kernel/ctl/server.h"
#include "kernel/entry/listener.h"
#include "kernel/sched/kthread_task.h"
#include "kernel/sched/thread_state.h"
#include "kernel/syscalls/table.h"

namespace ukern {
namespace {

std::string calls_report() {
  std::map<int, std::string> names;
  for (auto& s : syscall_stats()) names[s.nr] = s.name;
  std::map<pid_t, ThreadSnapshot> serving;  // caller tid -> the ukernd thread serving it
  for (auto& t : thread_snapshots())
    if (t.caller_tid != 0) serving[t.caller_tid] = t;
  std::string out = fmt::format("{:>7} {:>7} {:<16} {:>4} {:<20} {:>10}  {}\n", "PID", "TID", "COMM", "NR",
                                "SYSCALL", "ELAPSED(s)", "STATE");
  for (auto& c : listener_inflight()) {
    auto n = names.find(c.nr);
    std::string state = "R";
    if (auto it = serving.find(c.tid); it != serving.end() && it->second.state != SleepState::Running)
      state = sleep_state_text(it->second.state) + " (" + it->second.what + ")";
    out += fmt::format("{:>7} {:>7} {:<16} {:>4} {:<20} {:>10.3f}  {}\n", c.pid, c.tid, c.comm, c.nr,
                       n != names.end() ? n->second : "?", c.elapsed_ns / 1e9, state);
  }
  return out;
}

int cmd_ps(CtlContext& c) {
  c.out(kthreads_report());
  c.out("\n");
  // The calls in flight name other users' processes: root and the kernel's
  // owner only (its /proc has no such file for others either).
  if (c.privileged()) c.out(calls_report());
  else c.out("(system calls in flight: only root or the kernel's owner may see them)\n");
  return 0;
}

}  // namespace

UKERN_CTL_COMMAND("ps", cmd_ps);

}  // namespace ukern
