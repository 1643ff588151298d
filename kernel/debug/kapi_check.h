// Argument checks of the kernel API (what Linux does with WARN_ON and an
// error return): a module's bad argument is reported, with the module's
// name, and refused; it never makes kernel code fault while it holds one of
// its own locks (a fault there would leave the lock held for good).
//
// Rule for kernel API functions that take a module's pointer and a kernel
// lock: check null with kapi_warn_if, and touch the module's memory (copy a
// name, read the object) before taking the lock, so a wild pointer faults
// outside any kernel lock: an oops of the calling module, and the kernel
// serves on.
#pragma once

namespace ukern {

/// When `bad`: logs "WARNING: API: WHAT (from module M)" (rate limited) and
/// returns true; the caller then returns its error.
bool kapi_warn_if(bool bad, const char* api, const char* what);

}  // namespace ukern
