// Kernel-wide control commands: ping and down.
#include <unistd.h>

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
  ctl_shutdown();  // takes effect once this reply is sent (see ctl_shutdown)
  return 0;
}

UKERN_CTL_COMMAND("ping", cmd_ping);
UKERN_CTL_COMMAND("down", cmd_down);

}  // namespace
}  // namespace ukern
