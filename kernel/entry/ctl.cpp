// `attach`: `ukern run` hands over the listener of the process it is about
// to exec (SCM_RIGHTS).
#include <unistd.h>

#include <string>

#include "kernel/ctl/server.h"
#include "kernel/entry/listener.h"

namespace ukern {
namespace {

// True when `fd` is a seccomp user-notification listener (what the host
// kernel names "anon_inode:seccomp notify").
bool is_seccomp_listener(int fd) {
  char target[64] = {};
  std::string link = "/proc/self/fd/" + std::to_string(fd);
  ssize_t n = readlink(link.c_str(), target, sizeof target - 1);
  return n > 0 && std::string(target, static_cast<size_t>(n)) == "anon_inode:seccomp notify";
}

int cmd_attach(CtlContext& c) {
  int fd = c.take_fd();
  if (fd < 0) {
    c.err("ukern: attach: no listener descriptor received\n");
    return 2;
  }
  if (!is_seccomp_listener(fd)) {
    close(fd);
    c.err("ukern: attach: the descriptor is not a seccomp listener\n");
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
