// The kernel's own /proc files.
#include "kernel/procfs/builtin.h"

#include <cinttypes>
#include <map>
#include <mutex>

#include "kernel/debug/interrupts.h"
#include "kernel/module/module.h"
#include "kernel/procfs/registry.h"
#include "kernel/syscalls/table.h"
#include "ukern/printk.h"

namespace ukern {
namespace {

const char* const kPluggable[] = {"kthreads", "meminfo", nullptr};

struct Pluggable {
  std::mutex mu;
  std::map<std::string, ProcRenderer> fns;  // under mu
};
Pluggable& pluggable() {
  static auto* p = new Pluggable;  // never destroyed: renderers may be set from static initialisers
  return *p;
}

int show_modules(seq_file* m, void*) {
  // name size refcount users state address [taint], as Linux's /proc/modules
  for (const auto& s : module_list()) {
    seq_printf(m, "%s %zu %ld ", s.name.c_str(), s.size, s.users);
    for (const auto& u : s.used_by) seq_printf(m, "%s,", u.c_str());
    if (s.used_by.empty()) seq_putc(m, '-');
    seq_printf(m, " %s 0x0000000000000000%s\n", s.state.c_str(), s.taint.empty() ? "" : " (O)");
  }
  return 0;
}

int show_syscalls(seq_file* m, void*) {
  seq_printf(m, "%4s %-20s %-16s %10s %10s %12s %12s\n", "nr", "name", "module", "calls", "errors", "mean_us",
             "max_us");
  for (const auto& s : syscall_stats()) {
    double mean_us = s.calls ? static_cast<double>(s.total_ns) / static_cast<double>(s.calls) / 1000.0 : 0.0;
    seq_printf(m, "%4d %-20s %-16s %10" PRIu64 " %10" PRIu64 " %12.3f %12.3f\n", s.nr, s.name.c_str(),
               s.module.empty() ? "-" : s.module.c_str(), s.calls, s.errors, mean_us,
               static_cast<double>(s.max_ns) / 1000.0);
  }
  seq_printf(m, "unknown numbers: %" PRIu64 " calls\n", syscall_unknown_calls());
  return 0;
}

int show_interrupts(seq_file* m, void*) {
  auto& c = interrupt_counters();
  seq_printf(m, "%16s\n", "CPU0");
  seq_printf(m, "SYS: %10" PRIu64 "   system call traps\n", c.syscall.load());
  seq_printf(m, "LOC: %10" PRIu64 "   timer interrupts\n", c.timer.load());
  seq_printf(m, "EXC: %10" PRIu64 "   exceptions in module code\n", c.exception.load());
  return 0;
}

int show_pluggable(seq_file* m, void* name_v) {
  (void)name_v;
  const char* name = static_cast<const char*>(m->private_data);
  ProcRenderer fn;
  {
    std::lock_guard g(pluggable().mu);
    if (auto it = pluggable().fns.find(name); it != pluggable().fns.end()) fn = it->second;
  }
  if (fn) fn(*m);
  else seq_printf(m, "%s: no data source registered yet\n", name);
  return 0;
}

}  // namespace

bool procfs_set_builtin_renderer(const std::string& name, ProcRenderer fn) {
  bool known = false;
  for (const char* const* n = kPluggable; *n; ++n) known = known || name == *n;
  if (!known) return false;
  std::lock_guard g(pluggable().mu);
  if (fn) pluggable().fns[name] = std::move(fn);
  else pluggable().fns.erase(name);
  return true;
}

const char* const* builtin_renderer_names() { return kPluggable; }

void procfs_create_builtin_entries() {
  static const proc_ops modules_ops{.proc_show = show_modules};
  static const proc_ops syscalls_ops{.proc_show = show_syscalls};
  static const proc_ops interrupts_ops{.proc_show = show_interrupts};
  static const proc_ops pluggable_ops{.proc_show = show_pluggable};
  proc_create("modules", 0444, nullptr, &modules_ops);
  proc_create("syscalls", 0444, nullptr, &syscalls_ops);
  proc_create("interrupts", 0444, nullptr, &interrupts_ops);
  for (const char* const* n = kPluggable; *n; ++n)
    proc_create_data(*n, 0444, nullptr, &pluggable_ops, const_cast<char*>(*n));
}

}  // namespace ukern
