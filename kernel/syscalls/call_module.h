// The one place where the kernel enters a module's system-call handler.
#pragma once
#include "ukern/syscall.h"

namespace ukern {
class Module;
/// Runs `h(args)` for `owner`. A fault inside module code becomes an oops
/// report and -EFAULT (see kernel/debug/).
long call_module_handler(Module* owner, SyscallHandler h, const SyscallArgs& args);
}  // namespace ukern
