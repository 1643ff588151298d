// The syscall table file, in Linux's own format (arch/x86/entry/syscalls/
// syscall_64.tbl): one row per line, `<number> <abi> <name> [<entry point>]`,
// `#` starts a comment. Numbers are never reused.
#pragma once
#include <string>
#include <vector>

#include "ukern/result.h"

namespace ukern {

/// Numbers a table may use: the filter traps 0..kMaxSyscallNr.
constexpr int kMaxSyscallNr = 1023;

struct TableRow {
  int nr;
  std::string abi;
  std::string name;
  std::string entry;  // "sys_<name>" when the row omits it
  int line;
};

struct ParsedTable {
  std::vector<TableRow> rows;
  std::vector<std::string> warnings;  // rows that shadow host system calls
};

/// Parses table text. On a bad row, `error` names the file and line.
ParsedTable parse_syscall_table(const std::string& text, const std::string& filename,
                                std::string* error);
/// Reads and parses a table file; `error` is set when reading or parsing fails.
ParsedTable load_syscall_table(const std::string& path, std::string* error);

/// True when the host kernel implements `nr` on x86-64 (0-336 and 424-511):
/// a row there shadows a real call for the programs ukern runs.
bool host_implements(int nr);
/// True for numbers that `ukern run` makes after its filter is installed
/// (write, sendmsg, recvmsg, close, execve, exit, ...): a row may not take
/// them, or the program could never be handed to the kernel.
bool reserved_for_entry(int nr);
/// Numbers that the host leaves unimplemented and that ukern traps even
/// without a row, so it can count and log them: 337-423 and 512-1023.
bool trapped_without_row(int nr);

}  // namespace ukern
