// Start and stop of the subsystems that need it (procfs mount, hung-task
// watchdog, ...), in one place so that main stays short.
#pragma once
#include <string>

#include "kernel/ctl/runtime_dir.h"
#include "ukern/result.h"

namespace ukern {
/// Starts subsystems after the syscall table and before the control socket.
Result<void> boot_subsystems(const RuntimePaths& paths, std::string* why);
/// Stops them after every module is unloaded.
void shutdown_subsystems();
}  // namespace ukern
