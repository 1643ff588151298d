// C stub pointers: the `STUB_<name>` variables that Linux-style C modules set
// themselves (`STUB_start_elevator = my_start;`), and the grace period that
// makes unloading such a module safe.
//
// A C module writes a plain exported pointer, so no reference can be taken
// when it is set. A call through a row's C entry point (ukern's own wrapper
// or the student's built-in one) is therefore a read-side section, in the
// manner of RCU: it is registered before the wrapper reads any pointer and
// unregistered when it returns. If the row's STUB_ points into a module, the
// call also takes a reference on that module (a module being loaded or
// unloaded gets -ENOSYS instead), so rmmod waits for it before the exit
// function as for C++ stubs. After the exit function, rmmod clears every
// STUB_ that still points into the module (with a warning) and then waits
// until no call that started earlier without such a reference is still
// running: only then is the module's code unmapped.
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "ukern/syscall.h"

namespace ukern {

/// A C entry point: the six argument registers in, the result out.
using CSyscallEntry = long (*)(long, long, long, long, long, long);

/// Runs one call through a row's C entry point. `stub` is the row's STUB_
/// variable (nullptr if it has none): the module it points into, if any,
/// is the owner of the call (referenced, and named in an oops report).
long c_stub_call(CSyscallEntry entry, void* const* stub, const SyscallArgs& args);

/// Records a STUB_ variable the kernel knows of (one per table row that the
/// built-in object defines), so that rmmod can clear what a module left.
void c_stub_register(const std::string& name, void** where);

/// Clears every registered STUB_ that points into `m`'s code or data;
/// returns their names (for the warning).
std::vector<std::string> c_stubs_clear_pointing_into(Module* m);

/// The grace period: waits until every C call that started before now and
/// holds no reference on another module has returned. False on timeout.
bool c_calls_synchronize(Module* m, std::chrono::milliseconds timeout);

/// C calls in flight right now (for tests and `ukern ps`).
long c_calls_in_flight();

}  // namespace ukern
