// The kernel's syscall table: one row per table-file row, each with its
// built-in wrapper state (stub pointer, owner module, statistics).
#pragma once
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "kernel/syscalls/c_stubs.h"
#include "kernel/syscalls/table_file.h"
#include "ukern/syscall.h"

namespace ukern {

struct SyscallStats {
  std::string name;
  int nr;
  std::string module;  // "" when the stub is empty
  uint64_t calls, errors, total_ns, max_ns;
  bool shadows_host;
};

/// Installs the rows (at boot, before any caller exists).
void syscall_table_init(const std::vector<TableRow>& rows);
/// Runs one trapped call through its row's wrapper; -ENOSYS for numbers
/// without a row or with an empty stub.
long syscall_dispatch(const SyscallArgs& args);
/// The numbers with rows (for the filter that `ukern run` builds).
std::vector<int> syscall_numbers();
std::vector<SyscallStats> syscall_stats();
/// Empties every stub `owner` left set; returns their names.
std::vector<std::string> syscall_stubs_clear_all(Module* owner);
/// Calls to numbers with no row (counted, answered ENOSYS).
uint64_t syscall_unknown_calls();
/// The rows as installed at boot.
std::vector<TableRow> syscall_table_rows();
/// Gives row `nr` a C entry point (the built-in object's wrapper) and the
/// address of its STUB_ pointer (nullptr if none). A call whose row has no
/// C++ stub set goes through the C entry point (see c_stubs.h).
void syscall_table_bind_c(int nr, CSyscallEntry entry, void** stub);

}  // namespace ukern
