// `ukern dmesg [-w]`: the kernel log, optionally followed.
#include "kernel/ctl/server.h"
#include "kernel/printk/log.h"

namespace ukern {
namespace {

int cmd_dmesg(CtlContext& c) {
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

}  // namespace
}  // namespace ukern
