// The lock-order validator (lockdep), kernel side.
//
// Every lock has a class (name + definition site). Each thread keeps the
// stack of locks it holds; every acquisition adds the edges held -> new to a
// global dependency graph. When an edge would close a cycle (the new lock
// already, directly or through others, comes before a held one), the
// possible deadlock is reported once per pair of classes, with the current
// stack and the stack that first recorded the other order, before any real
// deadlock happens. Sleeping with a spinlock held is reported too.
#pragma once
#include <cstdint>
#include <string>

namespace ukern {

/// Reports "BUG: sleeping function called from invalid context" when the
/// calling thread holds a spinlock.
void lockdep_might_sleep(const char* file, int line);
/// "Showing all locks held in the system:" (sysrq l).
std::string lockdep_held_locks_report();

struct LockdepStats {
  uint64_t classes, edges, circular_reports, sleep_reports, bad_unlock_reports, recursive_reports;
};
LockdepStats lockdep_stats();

}  // namespace ukern
