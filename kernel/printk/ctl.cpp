// `ukern dmesg [-w]`: the kernel log, optionally followed.
#include <atomic>

#include "kernel/boot.h"
#include "kernel/ctl/server.h"
#include "kernel/debug/sysctl.h"
#include "kernel/printk/log.h"

namespace ukern {
namespace {

// Linux's kernel.dmesg_restrict (1 on Debian): the log is for root and the
// kernel's owner only, as the log file in the runtime dir is.
std::atomic<long> g_dmesg_restrict{1};

int cmd_dmesg(CtlContext& c) {
  if (g_dmesg_restrict.load() != 0 && !c.privileged()) {
    c.err("ukern: dmesg: permission denied (kernel.dmesg_restrict = 1; see `ukern sysctl dmesg_restrict`)\n");
    return 1;
  }
  bool follow = false;
  for (size_t i = 1; i < c.argv().size(); ++i) {
    if (c.argv()[i] == "-w" || c.argv()[i] == "--follow") follow = true;
    else {
      c.errf("ukern: dmesg: unknown option '{}'\n", c.argv()[i]);
      return 2;
    }
  }
  log_flush_console();  // the console file agrees with what dmesg shows
  uint64_t next = 0;
  do {
    std::string chunk;
    for (const auto& r : log_read(next, &next)) chunk += log_format(r) + "\n";
    if (!chunk.empty() && !c.out(chunk)) return 0;
    if (follow) {
      while (!log_wait(next, std::chrono::milliseconds(200)))
        if (c.client_gone()) return 0;
    }
  } while (follow);
  return 0;
}

UKERN_CTL_COMMAND("dmesg", cmd_dmesg);

Result<void> dmesg_restrict_boot(const RuntimePaths&, std::string*) {
  sysctl_register("dmesg_restrict", {[] { return g_dmesg_restrict.load(); },
                                     [](long v) {
                                       if (v != 0 && v != 1) return false;
                                       g_dmesg_restrict.store(v);
                                       return true;
                                     },
                                     "1: only root and the kernel's owner may read the log (dmesg)"});
  return {};
}
UKERN_SUBSYSTEM(dmesg_restrict, 2, dmesg_restrict_boot, nullptr);

}  // namespace
}  // namespace ukern
