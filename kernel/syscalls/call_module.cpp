#include "kernel/syscalls/call_module.h"

#include <string>

#include "kernel/debug/guard.h"
#include "kernel/syscalls/table.h"

namespace ukern {

long call_module_handler(Module* owner, SyscallHandler h, const SyscallArgs& args) {
  struct Call {
    SyscallHandler h;
    const SyscallArgs* args;
  } call{h, &args};
  std::string what = "syscall " + std::to_string(args.nr);
  return run_module_code(
      owner, what.c_str(), [](void* p) -> long {
        auto* c = static_cast<Call*>(p);
        return c->h(*c->args);
      },
      &call, -EFAULT);
}

}  // namespace ukern
