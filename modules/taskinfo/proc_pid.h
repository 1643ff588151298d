// Parsers for the host's /proc/<pid>/stat and /proc/<pid>/status, as the
// taskinfo module reads them. Pure functions of the text (unit-tested in
// tests/unit/taskinfo_parse_test.cpp).
#pragma once
#include <sys/types.h>

#include <charconv>
#include <optional>
#include <string_view>

namespace taskinfo {

/// The fields of /proc/<pid>/stat that struct mystat needs (proc(5) numbers).
struct ProcStat {
  char state = '?';                 // field 3
  pid_t ppid = 0;                   // field 4
  unsigned long minflt = 0;         // field 10
  unsigned long majflt = 0;         // field 12
  long utime = 0;                   // field 14, clock ticks
  long stime = 0;                   // field 15, clock ticks
  long priority = 0;                // field 18: kernel prio - 100
  unsigned long long starttime = 0; // field 22, clock ticks after boot
  unsigned policy = 0;              // field 41
};

namespace detail {
template <class T>
bool parse_number(std::string_view s, T& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}
}  // namespace detail

/// Parses one /proc/<pid>/stat line. The command name (field 2) may hold
/// spaces and parentheses, so fields are counted from the last ')'.
/// nullopt when the text is not such a line.
inline std::optional<ProcStat> parse_proc_stat(std::string_view text) {
  size_t close = text.rfind(')');
  if (close == std::string_view::npos) return std::nullopt;
  ProcStat st;
  std::string_view rest = text.substr(close + 1);
  int field = 2;  // the field just consumed
  bool ok = true;
  while (ok && !rest.empty()) {
    size_t start = rest.find_first_not_of(" \n");
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    size_t end = rest.find_first_of(" \n");
    std::string_view f = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
    ++field;
    using detail::parse_number;
    switch (field) {
      case 3: ok = f.size() == 1; st.state = f[0]; break;
      case 4: ok = parse_number(f, st.ppid); break;
      case 10: ok = parse_number(f, st.minflt); break;
      case 12: ok = parse_number(f, st.majflt); break;
      case 14: ok = parse_number(f, st.utime); break;
      case 15: ok = parse_number(f, st.stime); break;
      case 18: ok = parse_number(f, st.priority); break;
      case 22: ok = parse_number(f, st.starttime); break;
      case 41: ok = parse_number(f, st.policy); break;
      default: break;
    }
  }
  if (!ok || field < 41) return std::nullopt;
  return st;
}

/// The task state letter of /proc/<pid>/stat as the kernel's state bits:
/// R 0 (running), S 1 (interruptible), D 2 (uninterruptible), T 4
/// (stopped), t 8 (traced), X 16 (dead), Z 32 (zombie), P 64 (parked),
/// I 0x402 (idle: uninterruptible, not counted in the load). -1 otherwise.
inline int task_state_bits(char letter) {
  switch (letter) {
    case 'R': return 0;
    case 'S': return 1;
    case 'D': return 2;
    case 'T': return 4;
    case 't': return 8;
    case 'X': return 16;
    case 'Z': return 32;
    case 'P': return 64;
    case 'I': return 0x402;
    default: return -1;
  }
}

/// Real, effective and saved user ids.
struct Uids {
  uid_t real = 0, effective = 0, saved = 0;
};

/// The "Uid:" line of /proc/<pid>/status (real, effective, saved, fs).
inline std::optional<Uids> parse_status_uids(std::string_view status) {
  size_t at = status.rfind("\nUid:", std::string_view::npos);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view line = status.substr(at + 5);
  line = line.substr(0, line.find('\n'));
  uid_t v[3];
  for (uid_t& x : v) {
    size_t s = line.find_first_not_of(" \t");
    if (s == std::string_view::npos) return std::nullopt;
    line.remove_prefix(s);
    size_t e = line.find_first_of(" \t");
    if (!detail::parse_number(line.substr(0, e), x)) return std::nullopt;
    line.remove_prefix(e == std::string_view::npos ? line.size() : e);
  }
  return Uids{v[0], v[1], v[2]};
}

/// Whether a caller with ids `caller` may inspect a task with ids `target`,
/// by the rule Linux applies to another process's /proc files: root may;
/// anyone else only when the task's real, effective and saved uids are all
/// the caller's own (so not a set-uid program started by the caller).
inline bool may_inspect(const Uids& caller, const Uids& target) {
  if (caller.effective == 0) return true;
  return target.real == caller.effective && target.effective == caller.effective &&
         target.saved == caller.effective;
}

}  // namespace taskinfo
