#include "kernel/syscalls/call_module.h"

namespace ukern {
long call_module_handler(Module*, SyscallHandler h, const SyscallArgs& args) { return h(args); }
}  // namespace ukern
