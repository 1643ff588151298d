// Kernel-wide control commands: ping and down.
#include <unistd.h>

#include "kernel/ctl/protocol.h"
#include "kernel/ctl/server.h"
#include "kernel/entry/listener.h"
#include "kernel/sched/clock.h"

namespace ukern {
namespace {

int cmd_ping(CtlContext& c) {
  c.outf("ukernd {} up {:.3f}s (kernel clock), time scale {}, {} listener(s), {} entry thread(s)\n", getpid(),
         static_cast<double>(clock_now_ns()) / 1e9, clock_time_scale(), listener_count(), listener_thread_count());
  return 0;
}

int cmd_down(CtlContext& c) {
  if (!c.require_privileged()) return 1;
  // Reply before starting the shutdown: a fast shutdown can end the process
  // before this thread would send its status ("connection to the kernel lost").
  ctl::send_exit(c.sock(), 0);
  ctl_shutdown();
  return 0;
}

UKERN_CTL_COMMAND("ping", cmd_ping);
UKERN_CTL_COMMAND("down", cmd_down);

}  // namespace
}  // namespace ukern
