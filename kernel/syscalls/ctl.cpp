// `ukern syscalls` (the table with its counters) and `table` (the numbers
// that `ukern run` traps).
#include "kernel/ctl/server.h"
#include "kernel/syscalls/table.h"

namespace ukern {
namespace {

int cmd_syscalls(CtlContext& c) {
  // AVG_NS: mean time inside ukernd's dispatch (wrapper, stub, handler), in
  // kernel-clock nanoseconds; the rest of a call's cost is the trip through
  // the host kernel (the benchmark compares the two).
  c.outf("{:>4}  {:<20} {:<18} {:>10} {:>8} {:>8}\n", "NR", "NAME", "MODULE", "CALLS", "ERRORS", "AVG_NS");
  for (const auto& s : syscall_stats())
    c.outf("{:>4}  {:<20} {:<18} {:>10} {:>8} {:>8}{}\n", s.nr, s.name, s.module.empty() ? "-" : s.module, s.calls,
           s.errors, s.calls ? s.total_ns / s.calls : 0, s.shadows_host ? "  (shadows a host call)" : "");
  c.outf("unknown numbers called: {}\n", syscall_unknown_calls());
  return 0;
}

int cmd_table(CtlContext& c) {
  std::string s;
  for (int nr : syscall_numbers()) s += std::to_string(nr) + "\n";
  c.out(s);
  return 0;
}

UKERN_CTL_COMMAND("syscalls", cmd_syscalls);
UKERN_CTL_COMMAND("table", cmd_table);

}  // namespace
}  // namespace ukern
