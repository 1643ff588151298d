// The procfs subsystem: boot (built-in entries, module hook, FUSE mount),
// shutdown, and `ukern cat NAME`.
#include <fmt/format.h>

#include <cstring>

#include <unistd.h>

#include "kernel/boot.h"
#include "kernel/ctl/server.h"
#include "kernel/procfs/builtin.h"
#include "kernel/procfs/fuse_mount.h"
#include "kernel/procfs/registry.h"
#include "ukern/printk.h"

namespace ukern {
namespace {

Result<void> procfs_boot(const RuntimePaths& paths, std::string*) {
  proc_install_module_hook();
  procfs_create_builtin_entries();
  std::string why;
  if (auto r = procfs_fuse_mount(paths.proc(), &why); !r) {
    // Not fatal: the entries stay reachable through `ukern cat`.
    printk(KERN_WARNING "procfs: %s; /proc is served by `ukern cat` only\n", why.c_str());
    return {};
  }
  printk(KERN_INFO "procfs: mounted at %s\n", paths.proc().c_str());
  return {};
}

void procfs_shutdown() {
  procfs_fuse_unmount();
  proc_reset_for_shutdown();
}

UKERN_SUBSYSTEM(procfs, 30, procfs_boot, procfs_shutdown);

// `ukern cat NAME...`: prints each entry (NAME, /NAME or /proc/NAME).
int cmd_cat(CtlContext& c) {
  if (c.argv().size() < 2) {
    c.err("usage: ukern cat NAME...\n");
    return 2;
  }
  int status = 0;
  for (size_t i = 1; i < c.argv().size(); ++i) {
    std::string name = c.argv()[i];
    if (name.rfind("/proc/", 0) == 0) name = name.substr(5);
    auto e = proc_lookup(name);
    if (e && !(*e)->is_dir && !proc_may_access(**e, c.peer().uid, R_OK)) e = Error{EACCES};
    Result<std::string> text = e ? proc_render(*e) : Result<std::string>(Error{e.error()});
    if (!text) {
      c.errf("ukern: cat: {}: {}\n", c.argv()[i], strerror(text.error()));
      status = 1;
      continue;
    }
    if (!c.out(*text)) return 1;
  }
  return status;
}

UKERN_CTL_COMMAND("cat", cmd_cat);

}  // namespace
}  // namespace ukern
