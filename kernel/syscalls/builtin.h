// The built-in object: kernel code in C that binds to syscall-table rows.
//
// It is one shared object, linked by the kernel and loaded with its symbols
// global (so modules link against them), made of
//   - ukern's own built-in wrappers, generated from the table: for each row
//     `name` a stub pointer `STUB_name` and a wrapper (the row's entry point,
//     `sys_name`) that calls the stub or returns -ENOSYS, as the course's
//     sys_call.c does; the three elevator rows with the course's types
//     (`int (*)(void)`, `int (*)(int, int, int)`), the lecture's
//     test_newsyscall as `long (*)(int)`, every other row as
//     `long (*)(long, long, long, long, long, long)`. Both are weak
//     definitions, so that
//   - the student's built-in file (`ukern up --builtin sys_call.c`, compiled
//     by the ukern command), when there is one, replaces those it defines:
//     its `SYSCALL_DEFINEn(name, ...)` (entry `__se_sys_name`) or
//     `asmlinkage long sys_name(...)` becomes the row's wrapper, and its
//     exported `STUB_name` the pointer modules set.
// With a built-in file it is linked and loaded at boot (an error fails the
// boot); otherwise at the first insmod of a C module (.ko), since only C
// modules link against STUB_ pointers.
#pragma once
#include <string>

#include "ukern/result.h"

namespace ukern {

/// The student's compiled built-in object (ukernd --builtin-object), linked
/// in at boot. Call before the subsystems boot.
void builtin_set_object(const std::string& object_path);

/// Links and loads the built-in object if that has not happened yet, and
/// binds its entry points and stub pointers to the table rows. Errors: the
/// link's or the loader's message in `why` (ENOEXEC). Thread-safe.
Result<void> builtin_ensure_loaded(std::string* why);

/// The C source of ukern's own built-in wrappers for the current table.
std::string builtin_wrappers_source();

}  // namespace ukern
