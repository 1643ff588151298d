// `attach`: `ukern run` hands over the listener of the process it is about
// to exec (SCM_RIGHTS).
#include "kernel/ctl/server.h"
#include "kernel/entry/listener.h"

namespace ukern {
namespace {

int cmd_attach(CtlContext& c) {
  int fd = c.take_fd();
  if (fd < 0) {
    c.err("ukern: attach: no listener descriptor received\n");
    return 2;
  }
  if (auto r = listener_attach(fd, c.peer().pid); !r) {
    c.errf("ukern: attach: {}\n", strerror(r.error()));
    return 1;
  }
  return 0;
}

UKERN_CTL_COMMAND("attach", cmd_attach);

}  // namespace
}  // namespace ukern
