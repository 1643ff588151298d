// Start and stop of the subsystems that need it (procfs mount, hung-task
// watchdog, ...). Each subsystem registers itself in its own file:
//
//   UKERN_SUBSYSTEM(procfs, 30, procfs_boot, procfs_shutdown);
//
// Subsystems boot in ascending order (after the syscall table, before the
// control socket) and shut down in descending order after every module is
// unloaded.
#pragma once
#include <string>

#include "kernel/ctl/runtime_dir.h"
#include "ukern/result.h"

namespace ukern {

using SubsystemBoot = Result<void> (*)(const RuntimePaths& paths, std::string* why);
using SubsystemShutdown = void (*)();

void subsystem_register(const char* name, int order, SubsystemBoot boot, SubsystemShutdown shutdown);

struct SubsystemRegistrar {
  SubsystemRegistrar(const char* name, int order, SubsystemBoot boot, SubsystemShutdown shutdown) {
    subsystem_register(name, order, boot, shutdown);
  }
};
#define UKERN_SUBSYSTEM(name, order, boot, shutdown) \
  static ::ukern::SubsystemRegistrar ukern_subsystem_##name(#name, order, boot, shutdown)

/// Boots every registered subsystem; stops at the first failure (`why` set).
Result<void> boot_subsystems(const RuntimePaths& paths, std::string* why);
/// Shuts down the booted subsystems, last booted first.
void shutdown_subsystems();

}  // namespace ukern
