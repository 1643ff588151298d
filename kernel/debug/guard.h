// Entering module code. Every call from the kernel into a module (system-call
// handlers, kthread functions, init/exit, /proc callbacks, timer callbacks)
// goes through run_module_code, which:
//   - records which module is running on this thread (current_module(), used
//     by kmalloc accounting and reports);
//   - turns a fault in module code (SIGSEGV, SIGBUS, SIGFPE, SIGILL) into an
//     oops report in the kernel log; the call then returns `on_oops`, the
//     module is tainted, and the kernel goes on serving.
#pragma once
#include "kernel/module/module.h"

namespace ukern {

/// Runs fn(arg) as code of `owner` (nullptr: built into the kernel).
/// `what` names the entry for the report ("syscall show_mult", "kthread elevator").
/// Returns fn's result, or `on_oops` when it faulted.
long run_module_code(Module* owner, const char* what, long (*fn)(void*), void* arg, long on_oops);

/// Convenience for lambdas: run_module_code(owner, what, [&]{ ...; return 0L; }, -EFAULT).
template <class F>
long run_module_code(Module* owner, const char* what, F&& f, long on_oops) {
  return run_module_code(
      owner, what, [](void* p) -> long { return (*static_cast<F*>(p))(); }, &f, on_oops);
}

/// The module whose code this thread is running (innermost), or nullptr.
Module* current_module();

}  // namespace ukern
