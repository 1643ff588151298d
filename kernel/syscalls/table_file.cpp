#include "kernel/syscalls/table_file.h"

#include <sys/syscall.h>

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

namespace ukern {

bool host_implements(int nr) { return (nr >= 0 && nr <= 336) || (nr >= 424 && nr <= 511); }

bool trapped_without_row(int nr) { return (nr >= 337 && nr <= 423) || (nr >= 512 && nr <= kMaxSyscallNr); }

// What `ukern run` calls between installing its filter and exec'ing the
// program (send the listener, read the reply, report an error, allocate for
// it), and what any process needs to end: a row for one of these would trap
// `ukern run` on its own filter. EntryReserved.CoversWhatUkernRunCalls
// checks the list against strace.
bool reserved_for_entry(int nr) {
  switch (nr) {
    case SYS_read: case SYS_write: case SYS_close: case SYS_sendto: case SYS_recvfrom:
    case SYS_sendmsg: case SYS_recvmsg: case SYS_execve: case SYS_exit: case SYS_exit_group:
    case SYS_rt_sigreturn: case SYS_brk: case SYS_mmap: case SYS_munmap:
      return true;
    default:
      return false;
  }
}

ParsedTable parse_syscall_table(const std::string& text, const std::string& filename,
                                std::string* error) {
  ParsedTable out;
  std::set<int> numbers;
  std::set<std::string> names;
  std::istringstream in(text);
  std::string line;
  int lineno = 0;
  auto fail = [&](const std::string& why) {
    *error = fmt::format("{}:{}: {}", filename, lineno, why);
    return ParsedTable{};
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream fields(line);
    std::vector<std::string> f;
    for (std::string w; fields >> w;) f.push_back(w);
    if (f.empty()) continue;
    if (f.size() < 3 || f.size() > 5)
      return fail(fmt::format("expected '<number> <abi> <name> [<entry point>]', got '{}'", line));
    int nr = -1;
    auto [p, ec] = std::from_chars(f[0].data(), f[0].data() + f[0].size(), nr);
    if (ec != std::errc() || p != f[0].data() + f[0].size())
      return fail(fmt::format("'{}' is not a system call number", f[0]));
    if (nr < 0 || nr > kMaxSyscallNr) return fail(fmt::format("number {} is out of range 0-{}", nr, kMaxSyscallNr));
    if (f[1] != "common" && f[1] != "64") return fail(fmt::format("abi '{}' is not common or 64", f[1]));
    for (char c : f[2])
      if (!(isalnum(static_cast<unsigned char>(c)) || c == '_')) return fail(fmt::format("bad name '{}'", f[2]));
    if (!numbers.insert(nr).second) return fail(fmt::format("number {} is used twice", nr));
    if (!names.insert(f[2]).second) return fail(fmt::format("name '{}' is used twice", f[2]));
    if (reserved_for_entry(nr))
      return fail(fmt::format("number {} is a host system call that ukern's entry needs", nr));
    if (host_implements(nr))
      out.warnings.push_back(fmt::format("{}:{}: row {} '{}' shadows a host system call for programs under ukern run",
                                         filename, lineno, nr, f[2]));
    out.rows.push_back({nr, f[1], f[2], f.size() >= 4 ? f[3] : "sys_" + f[2], lineno});
  }
  return out;
}

ParsedTable load_syscall_table(const std::string& path, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = fmt::format("{}: cannot read the syscall table", path);
    return {};
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_syscall_table(ss.str(), path, error);
}

}  // namespace ukern
