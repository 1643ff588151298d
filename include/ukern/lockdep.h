// The lock-order validator's view of one lock (embedded in every mutex and
// spinlock). Modules do not use this directly.
#pragma once
#include <atomic>

namespace ukern::detail {
/// Where a lock was defined: its class. Locks with the same name and
/// definition site share a class (like every `dev->lock` of one struct).
struct LockdepMap {
  const char* name;
  const char* file;
  int line;
  std::atomic<int> cls{0};  // interned class id, 0 until first use
};
enum class LockKind { Mutex, Spin };
/// Validates and records an acquisition that is about to happen (or a
/// successful trylock); reports inversions before any deadlock happens.
void lockdep_acquire(LockdepMap& map, const void* lock, LockKind kind, bool trylock);
/// Records the release; reports an unlock of a lock this thread does not
/// hold and returns false for it (the caller then leaves the lock alone).
bool lockdep_release(LockdepMap& map, const void* lock, LockKind kind);
}  // namespace ukern::detail
